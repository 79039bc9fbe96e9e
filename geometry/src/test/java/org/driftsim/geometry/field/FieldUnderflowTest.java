package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertFinite;
import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.driftsim.geometry.field.FieldTestData.Problem;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Log-space stability (MATH.md §2, §3): at temperatures so small that every kernel value
 * underflows a double (e.g. Gaussian τ = 1e-3 at distances ~1: exp(−5e5) = 0), the partial-sum
 * path still gives the finite nearest-neighbour limit of the field, while the dense linear-space
 * evaluation of the same formulas gives 0/0 = NaN.
 */
class FieldUnderflowTest {
  static final double TOL = 1e-9;
  static final int N = 16;
  static final int M = 8;
  /**
   * A row is checked against the nearest-neighbour limit only if the nearest reference's
   * log-weight (log w + log κ) exceeds every other's by this many nats, so the neglected terms
   * weigh at most e^{−40} ≈ 4e-18 relative.
   */
  static final double GAP = 40;

  /** A field whose A_Y has a clean limit at the reference of largest log-weight. */
  enum Limit {
    /** deng, Gaussian: A → log_x(y_nn). */
    DENG_GAUSSIAN(FieldType.DENG, KernelFamily.GAUSSIAN, 1e-3),
    /** gradient, Gaussian: A → log_x(y_nn)/τ². */
    GRADIENT_GAUSSIAN(FieldType.GRADIENT, KernelFamily.GAUSSIAN, 1e-3),
    /** gradient, Laplace: A → (1/τ)·log_x(y_nn)/r_nn, the unit vector to y_nn over τ. */
    GRADIENT_LAPLACE(FieldType.GRADIENT, KernelFamily.LAPLACE, 1e-4),
    /** sharp, Gaussian: A → log_x(y_nn)/τ² (κ♯ = τ²κ). */
    SHARP_GAUSSIAN(FieldType.SHARP, KernelFamily.GAUSSIAN, 1e-3),
    /** sharp, Laplace: A → log_x(y_nn)/(τ(r_nn + τ)) (κ♯ = τ(r+τ)κ). */
    SHARP_LAPLACE(FieldType.SHARP, KernelFamily.LAPLACE, 1e-4);

    final FieldType field;
    final KernelFamily family;
    final double tau;

    Limit(FieldType field, KernelFamily family, double tau) {
      this.field = field;
      this.family = family;
      this.tau = tau;
    }

    /** log κ(r), transcribed (Laplace τ = 1e-4 underflows from r ≈ 0.075 on). */
    double logKappa(double r) {
      return family == KernelFamily.GAUSSIAN ? -r * r / (2 * tau * tau) : -r / tau;
    }

    /** The limit of A_Y when all weight sits on one reference at log_x(y) = u, dist r. */
    double[] limit(double[] u, double r) {
      double factor = switch (this) {
        case DENG_GAUSSIAN -> 1.0;
        case GRADIENT_GAUSSIAN, SHARP_GAUSSIAN -> 1.0 / (tau * tau);
        case GRADIENT_LAPLACE -> 1.0 / (tau * r);
        case SHARP_LAPLACE -> 1.0 / (tau * (r + tau));
      };
      double[] out = u.clone();
      for (int k = 0; k < out.length; k++) {
        out[k] *= factor;
      }
      return out;
    }

    FieldSpec spec() {
      return FieldSpec.of(field, KernelSpec.of(family, 1.0), List.of(tau));
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (GeometryCase g : FieldTestData.geometries()) {
      for (Limit l : Limit.values()) {
        out.add(Arguments.of(g, l));
      }
    }
    return out.stream();
  }

  /**
   * Index of the reference of largest log-weight {@code log w + log κ(r)} for query i (its own
   * copy excluded), or −1 if the runner-up is within {@link #GAP} nats.
   */
  static int dominant(Manifold m, QueryBatch q, int i, ReferenceSet refs, Limit limit) {
    int best = -1;
    double first = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < refs.size(); j++) {
      if (refs.ids()[j] == q.ids()[i] || refs.weights()[j] == 0) {
        continue;
      }
      double l = Math.log(refs.weights()[j])
          + limit.logKappa(m.distance(q.points()[i], refs.points()[j]));
      if (l > first) {
        second = first;
        first = l;
        best = j;
      } else if (l > second) {
        second = l;
      }
    }
    return first - second >= GAP ? best : -1;
  }

  /** Whether κ(r), computed directly in double, is 0 for every reference of the set. */
  static boolean allUnderflow(Manifold m, QueryBatch q, int i, ReferenceSet refs,
      DenseFields.Closed kappa) {
    for (int j = 0; j < refs.size(); j++) {
      if (refs.ids()[j] != q.ids()[i]
          && kappa.kappa(m.distance(q.points()[i], refs.points()[j])) != 0.0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Negatives include the queries' copies (which must stay excluded: otherwise the copy at r = 0
   * would dominate). Rows with a clear nearest reference on both sides:
   * {@code ‖V_i − (lim_P − lim_N)‖ ≤ 1e-9·(‖lim_P‖ + ‖lim_N‖)}; every row finite; rows where
   * all κ underflow on a side are NaN in the dense linear-space evaluation; and a 7-shard split
   * gives the same field to 1e-12.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void fieldIsTheNearestNeighbourLimitWhereKernelValuesUnderflow(GeometryCase g, Limit limit) {
    Random rng = FieldTestData.rng("underflow", g, limit);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    Manifold m = p.manifold();
    QueryBatch q = p.queries();
    FieldSpec spec = limit.spec();
    double[][] v = DriftFields.compute(spec, m, q, p.positives(), p.negatives());
    String what = spec + " on " + g;
    assertFinite(v, what);

    double[][] dense =
        DenseFields.compute(spec, m, q, p.positives(), p.negatives()).field();
    DenseFields.Closed kappa = DenseFields.closedForm(spec.kernels().get(0));
    int checked = 0;
    int underflowing = 0;
    for (int i = 0; i < N; i++) {
      double[] x = q.points()[i];
      int jp = dominant(m, q, i, p.positives(), limit);
      int jn = dominant(m, q, i, p.negatives(), limit);
      if (jp >= 0 && jn >= 0) {
        double[] up = new double[m.ambientDimension()];
        double[] un = new double[m.ambientDimension()];
        double rp = m.log(x, p.positives().points()[jp], up);
        double rn = m.log(x, p.negatives().points()[jn], un);
        double[] lp = limit.limit(up, rp);
        double[] ln = limit.limit(un, rn);
        double err = 0;
        for (int k = 0; k < x.length; k++) {
          double d = v[i][k] - (lp[k] - ln[k]);
          err += d * d;
        }
        err = Math.sqrt(err);
        double scale = norm(lp) + norm(ln);
        int row = i;
        double e = err;
        assertTrue(err <= TOL * scale, () -> String.format(
            "%s: row %d: ‖V_i − limit‖ = %.3e > 1e-9 × %.3e", what, row, e, scale));
        checked++;
      }
      if (allUnderflow(m, q, i, p.positives(), kappa)
          || allUnderflow(m, q, i, p.negatives(), kappa)) {
        underflowing++;
        int row = i;
        assertTrue(Double.isNaN(dense[i][0]), () -> what + ": row " + row
            + " underflows on a side, yet the dense linear evaluation is not 0/0 = NaN: "
            + java.util.Arrays.toString(dense[row]));
      }
    }
    assertTrue(checked >= N / 2, what + ": only " + checked + " rows with a clear nearest pair");
    assertTrue(underflowing >= N / 2, what + ": only " + underflowing + " rows underflow");

    List<ReferenceSet> shards = new ArrayList<>(FieldTestData.split(p.positives(), 7, rng));
    shards.addAll(FieldTestData.split(p.negatives(), 7, rng));
    java.util.Collections.shuffle(shards, rng);
    assertRelativeFrobenius(v, DriftFields.computeSharded(spec, m, q, shards), 1e-12,
        what + " in 7 shards");
  }

  static Stream<GeometryCase> geometries() {
    return FieldTestData.geometries().stream();
  }

  /**
   * mmd, Gaussian τ = 1e-3: A_Y = Σ w ∇k / Σ w. With every reference at r ≥ 0.05 the true
   * value is below e^{−1240}, i.e. 0 in double: the field is exactly representable as 0 and
   * must come out finite and |V| ≤ 1e-300. With one positive per query placed at r ≈ 0.033
   * (κ = e^{−544}, still a normal double) and everything else underflowing, A_P is that single
   * term, {@code w·(r/τ²)κ(r)·log_x(y)/r / Σ w}, matched to 1e-9 relative per row.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("geometries")
  void mmdIsTheSingleSurvivingTermOrZero(GeometryCase g) {
    double tau = 1e-3;
    double rho = 0.033;
    Random rng = FieldTestData.rng("mmd underflow", g);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    Manifold m = p.manifold();
    QueryBatch q = p.queries();
    int d = m.ambientDimension();
    FieldSpec spec =
        FieldSpec.of(FieldType.MMD, KernelSpec.of(KernelFamily.GAUSSIAN, 1.0), List.of(tau));
    String what = spec + " on " + g;

    // Part 1: everything far away.
    double[][] far = DriftFields.compute(spec, m, q, p.positives(), p.negatives());
    assertFinite(far, what);
    int farRows = 0;
    for (int i = 0; i < N; i++) {
      if (minDistance(m, q, i, p.positives()) >= 0.05
          && minDistance(m, q, i, p.negatives()) >= 0.05) {
        farRows++;
        for (int k = 0; k < d; k++) {
          assertTrue(Math.abs(far[i][k]) <= 1e-300, what + ": far row " + i + " = " + far[i][k]);
        }
      }
    }
    assertTrue(farRows >= N / 2, what + ": only " + farRows + " far rows");

    // Part 2: one near positive per query.
    double[][] near = new double[N][];
    for (int i = 0; i < N; i++) {
      double[] x = q.points()[i];
      double[] v = new double[d];
      for (int k = 0; k < d; k++) {
        v[k] = rng.nextGaussian();
      }
      m.projectTangent(x, v, v);
      double n = m.norm(x, v);
      for (int k = 0; k < d; k++) {
        v[k] *= rho / n;
      }
      near[i] = m.exp(x, v);
    }
    double[][] pos = new double[M + N][];
    System.arraycopy(p.positives().points(), 0, pos, 0, M);
    System.arraycopy(near, 0, pos, M, N);
    ReferenceSet positives = FieldTestData.references(Side.POSITIVE, pos, rng);
    double[][] field = DriftFields.compute(spec, m, q, positives, p.negatives());
    assertFinite(field, what);
    int checked = 0;
    for (int i = 0; i < N; i++) {
      int j = M + i;
      double[] x = q.points()[i];
      double[] u = new double[d];
      double r = m.log(x, pos[j], u);
      double second = Double.POSITIVE_INFINITY;
      double weightSum = 0;
      for (int k = 0; k < positives.size(); k++) {
        weightSum += positives.weights()[k];
        if (k != j) {
          second = Math.min(second, m.distance(x, pos[k]));
        }
      }
      if (second < 0.05 || minDistance(m, q, i, p.negatives()) < 0.05) {
        continue; // another term survives: no single-term limit
      }
      double kappa = Math.exp(-r * r / (2 * tau * tau));
      assertTrue(kappa > Double.MIN_NORMAL && kappa < 1e-100, what + ": κ = " + kappa);
      double c = positives.weights()[j] * (r / (tau * tau)) * kappa / r / weightSum;
      double err = 0;
      double ref = 0;
      for (int k = 0; k < d; k++) {
        double e = field[i][k] - c * u[k];
        err += e * e;
        ref += c * u[k] * c * u[k];
      }
      assertTrue(Math.sqrt(err) <= TOL * Math.sqrt(ref), what + ": row " + i + ": error "
          + Math.sqrt(err) + " vs " + Math.sqrt(ref));
      checked++;
    }
    assertTrue(checked >= N / 2, what + ": only " + checked + " single-term rows");
    assertEquals(N, field.length);
  }

  private static double minDistance(Manifold m, QueryBatch q, int i, ReferenceSet refs) {
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < refs.size(); j++) {
      if (refs.ids()[j] != q.ids()[i]) {
        min = Math.min(min, m.distance(q.points()[i], refs.points()[j]));
      }
    }
    return min;
  }
}
