package org.driftsim.datasets;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * Discrete toy data on the Fisher–Rao simplex: sequences of {@code l} categorical tokens over
 * {@code k} categories ({@code l = 1}: single categories), each token one-hot (or smoothed), from a
 * mixture of {@code modes} peaked "motifs" with per-token noise.
 *
 * <p>Motif {@code j = 0..modes−1} starts at category \( c_j = \lfloor jk/\text{modes} \rfloor \)
 * (spread evenly over the categories, all distinct) and counts up: its token at position
 * {@code t} is \( (c_j + t) \bmod k \). A sample picks a motif uniformly, then replaces each token
 * independently, with probability {@code noise}, by a category drawn uniformly from all
 * {@code k}. The marginal of position {@code t} is therefore
 * \( P(c) = (1 − \text{noise})·[c = (c_j + t) \bmod k \text{ for some } j]/\text{modes} +
 * \text{noise}/k \): {@code modes} peaks over a floor of {@code noise/k}. With
 * {@code l = 1} this is the categorical-distribution toy (learn π, read off the argmax
 * frequencies); with {@code l > 1} the positions are correlated through the motif.
 *
 * <p>Each token is one-hot, or with {@code smoothing = s > 0} label-smoothed:
 * \( p = (1 − s)\,e_c + s/k \), an interior point of the simplex whose argmax is still
 * {@code c}. Points are in the geometry module's representation of {@code (S^{k−1}_+)^l}:
 * {@code √p} per position, {@code k·l} coordinates, position-major ({@code x[t·k + c]}); a
 * one-hot {@code p} is its own square root (a vertex). {@code Geometry.SIMPLEX.manifold(k·l, l)}
 * is their manifold, and its {@code toData} gives back {@code p}.
 *
 * <p>Draw order per sample: the motif ({@code nextInt(modes)}), then per position a
 * {@code nextDouble} (drawn even when {@code noise = 0}, so that the motifs drawn do not depend
 * on the noise), followed by {@code nextInt(k)} only when that token is replaced.
 */
record CategoricalToy(int k, int l, int modes, double noise, double smoothing)
    implements Distribution {
  /** Upper bound on {@code k·l}, so that a sample row stays a reasonable array. */
  static final int MAX_COORDINATES = 1 << 24;

  CategoricalToy {
    if (k < 2) {
      throw new IllegalArgumentException("categorical k must be >= 2, got " + k);
    }
    if (l < 1) {
      throw new IllegalArgumentException("categorical l must be >= 1, got " + l);
    }
    if ((long) k * l > MAX_COORDINATES) {
      throw new IllegalArgumentException(
          "categorical k·l must be <= " + MAX_COORDINATES + ", got " + ((long) k * l));
    }
    if (modes < 1 || modes > k) {
      throw new IllegalArgumentException(
          "categorical modes must be in [1, " + k + "] (at most k), got " + modes);
    }
    if (!(noise >= 0 && noise <= 1)) {
      throw new IllegalArgumentException("categorical noise must be in [0, 1], got " + noise);
    }
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new IllegalArgumentException(
          "categorical smoothing must be in [0, 1), got " + smoothing);
    }
    noise += 0.0; // −0 becomes +0: one spec string, one record
    smoothing += 0.0;
  }

  /** The first category \( c_j = \lfloor jk/\text{modes} \rfloor \) of motif {@code j}. */
  int start(int j) {
    return (int) ((long) j * k / modes);
  }

  /** The category of motif {@code j} at position {@code t}. */
  int token(int j, int t) {
    return (int) ((start(j) + (long) t) % k);
  }

  @Override
  public double[][] sample(int n, RandomGenerator rng) {
    double[][] out = Samples.allocate(n);
    // √p of the chosen category and of the others; exactly 1 and 0 without smoothing.
    double high = Math.sqrt(1.0 - smoothing + smoothing / k);
    double low = Math.sqrt(smoothing / k);
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(modes);
      double[] x = new double[k * l];
      if (low > 0) {
        Arrays.fill(x, low);
      }
      for (int t = 0; t < l; t++) {
        int c = rng.nextDouble() < noise ? rng.nextInt(k) : token(j, t);
        x[t * k + c] = high;
      }
      out[i] = x;
    }
    return out;
  }

  @Override
  public Geometry geometry() {
    return Geometry.SIMPLEX;
  }

  @Override
  public int ambientDimension() {
    return k * l;
  }

  @Override
  public int sequenceLength() {
    return l;
  }

  @Override
  public String toString() {
    return "categorical(k=" + k + (l != 1 ? ",l=" + l : "") + ",modes=" + modes
        + (noise != 0 ? ",noise=" + Samples.format(noise) : "")
        + (smoothing != 0 ? ",smoothing=" + Samples.format(smoothing) : "") + ")";
  }
}
