package org.driftsim.geometry.field;

import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.kernel.RadialProfile;
import org.driftsim.geometry.kernel.SphereSpectralKernel;

/**
 * The reduction that turns shards of references into the drift field of a
 * {@link FieldSpec} (every field but {@code deng_coded}, see {@link DengCoded}):
 * {@link #identity}, {@link #accumulate}, {@link Partials#combine} and {@link #finish}.
 *
 * <p>Per pair (x_i, y_j) with weight w_j, r = dist, u = log_x(y) (MATH.md §3):
 * <ul>
 *   <li>{@code deng}: denominator ℓ = log w + log κ(r); numerator ℓ' = ℓ, direction u.
 *   <li>{@code gradient}: denominator log w + log κ; numerator log w + log(−κ'(r)), direction u/r.
 *   <li>{@code sharp}: denominator log w + log κ♯(r); numerator log w + log κ, direction u.
 *   <li>{@code mmd}: denominator log w; numerator log w + log(−κ'(r)), direction u/r.
 * </ul>
 * Gradient terms at r = 0 are the zero vector by convention and are skipped. Spectral kernels on
 * S² are summed in linear space: log-weight 0 and the signed coefficients w·k (denominator) and
 * w·k (deng) or w·k'(t) with direction y − t x (gradient, mmd), t = ⟨x,y⟩.
 *
 * <p>A query never interacts with a reference carrying its own id.
 */
public final class FieldReduction {
  private final FieldSpec spec;
  private final Manifold manifold;
  private final RadialProfile[] profiles; // [T], null for spectral fields
  private final SphereSpectralKernel[] spectral; // [T], null for radial fields

  private FieldReduction(FieldSpec spec, Manifold manifold) {
    this.spec = spec;
    this.manifold = manifold;
    int t = spec.temperatures();
    if (spec.linear()) {
      profiles = null;
      spectral = new SphereSpectralKernel[t];
      for (int i = 0; i < t; i++) {
        spectral[i] = (SphereSpectralKernel) spec.kernels().get(i).bind(manifold);
      }
    } else {
      spectral = null;
      profiles = new RadialProfile[t];
      for (int i = 0; i < t; i++) {
        profiles[i] = spec.kernels().get(i).profile();
      }
    }
  }

  /**
   * Creates the reduction of a field on a manifold.
   *
   * @throws IllegalArgumentException if the combination is not supported, or for
   *     {@code deng_coded} (which needs several rounds: use {@link DengCoded})
   */
  public static FieldReduction of(FieldSpec spec, Manifold manifold) {
    if (spec.type() == FieldType.DENG_CODED) {
      throw new IllegalArgumentException(
          "field deng_coded needs several reduction rounds; use DengCoded");
    }
    spec.checkSupports(manifold);
    return new FieldReduction(spec, manifold);
  }

  public FieldSpec spec() {
    return spec;
  }

  public Manifold manifold() {
    return manifold;
  }

  /** The partial sums of an empty shard for {@code queries} queries. */
  public Partials identity(int queries) {
    return Partials.identity(queries, spec.temperatures(), manifold.ambientDimension());
  }

  /** The partial sums of one shard. */
  public Partials partials(QueryBatch queries, ReferenceSet shard) {
    Partials p = identity(queries.size());
    accumulate(p, queries, shard);
    return p;
  }

  /** Adds every pair of (queries × shard) to {@code acc}. */
  public void accumulate(Partials acc, QueryBatch queries, ReferenceSet shard) {
    int d = manifold.ambientDimension();
    checkDimensions(queries, shard, d);
    double[] u = new double[d]; // log_x(y) or y − t x
    double[] slope = new double[1];
    for (int i = 0; i < queries.size(); i++) {
      double[] x = queries.points()[i];
      long id = queries.ids()[i];
      for (int j = 0; j < shard.size(); j++) {
        if (shard.ids()[j] == id && id != ReferenceSet.NO_ID) {
          continue; // a query never interacts with its own copy
        }
        double w = shard.weights()[j];
        if (w == 0) {
          continue;
        }
        double[] y = shard.points()[j];
        if (spectral != null) {
          accumulateSpectral(acc, shard.side(), i, x, y, w, u, slope);
        } else {
          accumulateRadial(acc, shard.side(), i, x, y, Math.log(w), u);
        }
      }
    }
  }

  private void accumulateRadial(Partials acc, Side side, int i, double[] x, double[] y,
      double logW, double[] u) {
    double r = manifold.log(x, y, u);
    for (int t = 0; t < profiles.length; t++) {
      RadialProfile kappa = profiles[t];
      int slot = acc.slot(side, t, i);
      switch (spec.type()) {
        case DENG -> {
          double l = logW + kappa.logValue(r);
          acc.addDenominator(slot, l, 1.0);
          acc.addNumerator(slot, l, 1.0, 1.0, u);
        }
        case GRADIENT -> {
          acc.addDenominator(slot, logW + kappa.logValue(r), 1.0);
          if (r > 0) { // zero gradient at r = 0
            acc.addNumerator(slot, logW + kappa.logNegDerivative(r), 1.0, 1.0 / r, u);
          }
        }
        case SHARP -> {
          acc.addDenominator(slot, logW + kappa.logSharp(r), 1.0);
          acc.addNumerator(slot, logW + kappa.logValue(r), 1.0, 1.0, u);
        }
        case MMD -> {
          acc.addDenominator(slot, logW, 1.0);
          if (r > 0) {
            acc.addNumerator(slot, logW + kappa.logNegDerivative(r), 1.0, 1.0 / r, u);
          }
        }
        default -> throw new IllegalStateException("unreachable: " + spec.type());
      }
    }
  }

  private void accumulateSpectral(Partials acc, Side side, int i, double[] x, double[] y,
      double w, double[] u, double[] slope) {
    double cosine = SphereSpectralKernel.cosine(x, y);
    if (spec.type() == FieldType.DENG) {
      manifold.log(x, y, u);
    } else {
      manifold.projectTangent(x, y, u); // y − ⟨x,y⟩x
    }
    for (int t = 0; t < spectral.length; t++) {
      double k = spectral[t].valueAndDerivativeAtCosine(cosine, slope);
      int slot = acc.slot(side, t, i);
      switch (spec.type()) {
        case DENG -> {
          acc.addDenominator(slot, 0.0, w * k);
          acc.addNumerator(slot, 0.0, w * k, 1.0, u);
        }
        case GRADIENT -> {
          acc.addDenominator(slot, 0.0, w * k);
          acc.addNumerator(slot, 0.0, w * slope[0], 1.0, u);
        }
        case MMD -> {
          acc.addDenominator(slot, 0.0, w);
          acc.addNumerator(slot, 0.0, w * slope[0], 1.0, u);
        }
        default -> throw new IllegalStateException("unreachable: " + spec.type());
      }
    }
  }

  /** Forms V(x_i) = Σ_τ (A_P − A_N) from merged partials; one row per query. */
  public double[][] finish(Partials merged) {
    int d = manifold.ambientDimension();
    if (merged.dimension() != d || merged.temperatures() != spec.temperatures()) {
      throw new IllegalArgumentException("partials must match the field: expected "
          + spec.temperatures() + " temperatures × " + d + " dimensions, found "
          + merged.temperatures() + " × " + merged.dimension());
    }
    double[][] field = new double[merged.queries()][d];
    double[] a = new double[d];
    for (int i = 0; i < merged.queries(); i++) {
      for (int t = 0; t < spec.temperatures(); t++) {
        merged.average(Side.POSITIVE, t, i, a);
        for (int k = 0; k < d; k++) {
          field[i][k] += a[k];
        }
        merged.average(Side.NEGATIVE, t, i, a);
        for (int k = 0; k < d; k++) {
          field[i][k] -= a[k];
        }
      }
    }
    return field;
  }

  static void checkDimensions(QueryBatch queries, ReferenceSet shard, int d) {
    for (double[] x : queries.points()) {
      if (x.length != d) {
        throw new IllegalArgumentException(
            "query points must have " + d + " coordinates, got " + x.length);
      }
    }
    for (double[] y : shard.points()) {
      if (y.length != d) {
        throw new IllegalArgumentException(
            "reference points must have " + d + " coordinates, got " + y.length);
      }
    }
  }
}
