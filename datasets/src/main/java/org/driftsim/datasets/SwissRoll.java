package org.driftsim.datasets;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * The swiss roll of MATH.md §6: {@code t = 1.5π(1 + 2U)}, {@code U ~ U(0,1)}, point
 * {@code (t cos t, t sin t)/5 + N(0, noise² I)} on R²; on S² and H² that point divided by 3, then
 * mapped by the chart ({@link Charts}).
 *
 * <p>Draw order per sample: {@code U} ({@code nextDouble}), then the two noise normals
 * ({@code nextGaussian}), which are drawn even when {@code noise = 0} so that the sequence of
 * {@code t} does not depend on the noise.
 */
record SwissRoll(Geometry geometry, double noise) implements Distribution {
  /** The noise standard deviation of MATH.md §6. */
  static final double DEFAULT_NOISE = 0.2;
  /** Divisor of the R² roll on S² and H². */
  static final double CURVED_DIVISOR = 3.0;

  SwissRoll {
    Charts.checked(geometry);
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("swissroll noise must be >= 0 and finite, got " + noise);
    }
  }

  @Override
  public double[][] sample(int n, RandomGenerator rng) {
    double[][] out = Samples.allocate(n);
    double divisor = geometry == Geometry.EUCLIDEAN ? 1.0 : CURVED_DIVISOR;
    for (int i = 0; i < n; i++) {
      double t = 1.5 * Math.PI * (1.0 + 2.0 * rng.nextDouble());
      double x = t * Math.cos(t) / 5.0 + noise * rng.nextGaussian();
      double y = t * Math.sin(t) / 5.0 + noise * rng.nextGaussian();
      out[i] = Charts.toManifold(geometry, x / divisor, y / divisor);
    }
    return out;
  }

  @Override
  public int ambientDimension() {
    return Charts.ambientDimension(geometry);
  }

  @Override
  public String toString() {
    return noise == DEFAULT_NOISE ? "swissroll" : "swissroll(noise=" + Samples.format(noise) + ")";
  }
}
