package org.driftsim.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Manifold;

/**
 * The Sinkhorn distance of MATH.md §5: entropic optimal transport between two weighted point sets
 * A = {(a_i, α_i)} (n points) and B = {(b_j, β_j)} (m points) on a manifold, with the geodesic
 * cost \( C_{ij} = d(a_i, b_j)^p \) (p = 2, the squared geodesic distance, unless another exponent
 * is given). Weights are normalized to sum 1 (uniform if none are given). The plan solves
 * \( \min_{P ∈ Π(α,β)} ⟨P, C⟩ + ε\,\mathrm{KL}(P \,‖\, α⊗β) \).
 *
 * <p>Algorithm: Sinkhorn's iterations on the dual potentials f, g in the log domain, stable for
 * any ε > 0 (no \( e^{−C/ε} \) is formed; every sum is a log-sum-exp shifted by its maximum):
 * \( f_i = −ε \log\sum_j β_j e^{(g_j − C_{ij})/ε} \), then
 * \( g_j = −ε \log\sum_i α_i e^{(f_i − C_{ij})/ε} \), starting from g = 0; one iteration is one
 * f and one g update, after which the column marginals are exact. The plan is
 * \( P_{ij} = α_i β_j e^{(f_i + g_j − C_{ij})/ε} \). The L1 error of its row marginals,
 * \( \sum_i |\sum_j P_{ij} − α_i| \), is what the tolerance bounds; it is computed for free from
 * the next f update ({@code Σ_j P_ij = α_i e^{(f_i − f'_i)/ε}}). The iterations stop when the error
 * is ≤ the tolerance (with 0, only at an exact fixed point) or after {@code maxIterations};
 * {@link Result} reports ε, p, the iterations done (all stages), the final error and whether it
 * met the tolerance.
 *
 * <p>Schedule: plain Sinkhorn at small ε stalls when the plan is close to a permutation (on 3×3
 * sets with costs of order 1 and ε = 1e-3 the marginal error stays near 1e-6 after 200,000
 * iterations), so by default ({@link Schedule#ANNEALED}, ε-scaling) the potentials are first
 * brought near equilibrium with {@value #STAGE_ITERATIONS} iterations at each of
 * ε_k = max C·θ^k > ε, θ = {@value #SCALING}, each stage warm-starting the next; the same sets
 * then reach 1e-13 in about 120 iterations. The fixed point, hence the result, is the same as
 * with {@link Schedule#FIXED} (plain iterations at ε, as in POT's {@code sinkhorn_log}). Rounding puts a floor of about {@code ulp(max C)/ε} under the error (the potentials
 * are of the size of the costs and enter divided by ε), so tolerances far below that are never
 * met.
 *
 * <p>Reported values: the transport cost \( ⟨P, C⟩ \) (the metric) and the regularized value
 * \( ⟨P, C⟩ + ε\,\mathrm{KL}(P‖α⊗β) = \sum_i f_i \sum_j P_{ij} + \sum_j g_j β_j \). For exact
 * marginals \( \mathrm{OT} ≤ ⟨P, C⟩ ≤ \) regularized \( ≤ \mathrm{OT} + ε \log\min(n,m) \) (the KL
 * of a coupling to α⊗β is a mutual information), so the cost converges to the exact OT cost as
 * ε → 0; the number of iterations needed grows as ε shrinks (in practice roughly like
 * {@code max C / ε}).
 *
 * <p>Defaults (this project's choice; the kernel-gradient drifting paper, App. F.2, states only
 * "entropically regularized optimal transport ... with geodesic cost on the sphere", not ε, the
 * exponent or the iterations): p = 2, ε = {@value #DEFAULT_EPSILON} in units of the cost
 * (rad² on the unit sphere), at most {@value #DEFAULT_MAX_ITERATIONS} iterations, tolerance
 * {@value #DEFAULT_TOLERANCE}, annealed. Measured on the Earth test against validation splits
 * (82 to 1280 points, many duplicates): with ε = 0.05 the 1000 iterations end at marginal errors
 * of 1e-6 to 4e-5; with ε = 0.01 at 4e-4 to 9e-3. Check {@link Result#converged()} and raise
 * the cap or ε when it matters.
 *
 * <p>Memory: the n×m cost matrix is stored (8·n·m bytes: 72 MB for n = m = 3000), which is
 * meant for the sets of at most a few thousand points this metric is used with. Time:
 * {@code O(n·m)} distance evaluations once, then {@code O(n·m)} exponentials per iteration. On
 * sets large enough to pay for it, the f update runs in parallel over rows and the g update over
 * blocks of columns (common fork-join pool), each potential computed by one task in index order,
 * so the result does not depend on the thread count.
 *
 * <pre>{@code
 * Sinkhorn.Result r = new Sinkhorn(new Sphere(2)).distance(generated, test);
 * double sink = r.cost();   // with r.epsilon(), r.iterations(), r.converged() for the record
 * }</pre>
 */
public final class Sinkhorn {
  /** ε unless another is given, in units of the cost (rad² on the unit sphere for p = 2). */
  public static final double DEFAULT_EPSILON = 0.05;
  /** The iteration cap unless another is given. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;
  /** The row-marginal L1 error at which the iterations stop, unless another is given. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** The exponent p of the cost {@code d^p}: squared geodesic distance. */
  public static final double DEFAULT_EXPONENT = 2.0;

  /** Columns handled by one task of the g update. */
  private static final int COLUMN_BLOCK = 64;
  /** θ, the ratio of successive ε of the annealed schedule. */
  static final double SCALING = 0.5;
  /** Iterations at each intermediate ε of the annealed schedule. */
  static final int STAGE_ITERATIONS = 10;

  /** How ε is reached. */
  public enum Schedule {
    /** Every iteration at ε (plain Sinkhorn). */
    FIXED,
    /** ε-scaling: a few iterations at each of ε_k = max C·θ^k > ε first, then ε. */
    ANNEALED
  }

  private final Manifold manifold;
  private final double epsilon;
  private final int maxIterations;
  private final double tolerance;
  private final double exponent;
  private final Schedule schedule;

  /**
   * The outcome of one evaluation.
   *
   * @param cost the transport cost ⟨P, C⟩ of the entropic plan (the metric)
   * @param regularizedCost ⟨P, C⟩ + ε·KL(P ‖ α⊗β)
   * @param epsilon ε used
   * @param exponent p of the cost d^p
   * @param schedule how ε was reached
   * @param iterations the Sinkhorn iterations (f and g updates) done in all stages, ≥ 1
   * @param maxIterations the cap
   * @param marginalError the L1 error of the plan's row marginals (its columns are exact)
   * @param converged whether {@code marginalError ≤ tolerance}
   */
  public record Result(double cost, double regularizedCost, double epsilon, double exponent,
      Schedule schedule, int iterations, int maxIterations, double marginalError,
      boolean converged) {}

  /** p = 2 and the default ε, iterations and tolerance. */
  public Sinkhorn(Manifold manifold) {
    this(manifold, DEFAULT_EPSILON, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, DEFAULT_EXPONENT);
  }

  /** The {@link Schedule#ANNEALED} schedule; the parameters are those of the next constructor. */
  public Sinkhorn(Manifold manifold, double epsilon, int maxIterations, double tolerance,
      double exponent) {
    this(manifold, epsilon, maxIterations, tolerance, exponent, Schedule.ANNEALED);
  }

  /**
   * @param manifold the manifold whose geodesic distance d defines the cost
   * @param epsilon ε > 0, in units of the cost d^p
   * @param maxIterations the iteration cap, ≥ 1, all stages counted
   * @param tolerance the row-marginal L1 error at which to stop, ≥ 0 (0: all iterations unless the
   *     error is exactly 0)
   * @param exponent p > 0 of the cost d^p
   * @param schedule plain iterations at ε, or ε-scaling first
   */
  public Sinkhorn(Manifold manifold, double epsilon, int maxIterations, double tolerance,
      double exponent, Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.manifold = manifold;
    this.epsilon = Checks.positive("epsilon", epsilon);
    this.maxIterations = Checks.positive("maxIterations", maxIterations);
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be >= 0 and finite, got " + tolerance);
    }
    this.tolerance = tolerance;
    this.exponent = Checks.positive("exponent", exponent);
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** The iteration cap. */
  public int maxIterations() {
    return maxIterations;
  }

  /** The stopping tolerance on the row-marginal L1 error. */
  public double tolerance() {
    return tolerance;
  }

  /** p of the cost d^p. */
  public double exponent() {
    return exponent;
  }

  /** How ε is reached. */
  public Schedule schedule() {
    return schedule;
  }

  /** Between two point sets with uniform weights. */
  public Result distance(double[][] a, double[][] b) {
    return distance(a, null, b, null);
  }

  /**
   * Between two weighted point sets.
   *
   * @param a {@code [n][D]} points on the manifold, n ≥ 1
   * @param weightsA n weights, finite and ≥ 0 with a positive sum, or {@code null} for uniform
   * @param b {@code [m][D]} points on the manifold, m ≥ 1
   * @param weightsB m weights like {@code weightsA}, or {@code null}
   * @throws IllegalArgumentException for an empty set, a row of the wrong length, a non-finite
   *     coordinate, a point off the manifold, or bad weights, e.g.
   *     {@code "weightsA[1] must be finite and >= 0, got -1.0"}
   */
  public Result distance(double[][] a, double[] weightsA, double[][] b, double[] weightsB) {
    PointSets.check("A", a, manifold);
    PointSets.check("B", b, manifold);
    int n = a.length;
    int m = b.length;
    double[] logAlphaI = logWeights("weightsA", weightsA, n, "A"); // [n]
    double[] logBetaJ = logWeights("weightsB", weightsB, m, "B"); // [m]

    double[][] costIJ = new double[n][]; // [n, m]
    ParallelRows.range(n, (long) n * m).forEach(i -> {
      double[] row = new double[m];
      for (int j = 0; j < m; j++) {
        double r = manifold.distance(a[i], b[j]);
        row[j] = exponent == 2.0 ? r * r : Math.pow(r, exponent);
      }
      costIJ[i] = row;
    });

    double maxCost = 0;
    for (double[] row : costIJ) {
      for (double c : row) {
        maxCost = Math.max(maxCost, c);
      }
    }

    double[] fI = new double[n]; // [n]
    double[] gJ = new double[m]; // [m], g = 0 to start
    int iterations = 0;
    if (schedule == Schedule.ANNEALED) {
      // ε-scaling: converge roughly at ε_k = max C·θ^k > ε first, warm-starting each stage from
      // the last; these iterations count towards the cap, one is always left for ε itself.
      for (double stageEpsilon = maxCost * SCALING; stageEpsilon > epsilon
          && iterations < maxIterations - 1; stageEpsilon *= SCALING) {
        for (int k = 0; k < STAGE_ITERATIONS && iterations < maxIterations - 1; k++) {
          updateF(costIJ, gJ, logBetaJ, fI, stageEpsilon);
          updateG(costIJ, fI, logAlphaI, gJ, stageEpsilon);
          iterations++;
        }
      }
    }
    updateF(costIJ, gJ, logBetaJ, fI, epsilon);
    updateG(costIJ, fI, logAlphaI, gJ, epsilon);
    iterations++;
    double[] nextFI = new double[n]; // [n]
    double error;
    while (true) {
      updateF(costIJ, gJ, logBetaJ, nextFI, epsilon);
      error = rowMarginalError(fI, nextFI, logAlphaI);
      if (error <= tolerance || iterations == maxIterations) {
        break;
      }
      double[] t = fI;
      fI = nextFI;
      nextFI = t;
      updateG(costIJ, fI, logAlphaI, gJ, epsilon);
      iterations++;
    }

    // Plan P_ij = exp((f_i + g_j − C_ij)/ε + log α_i + log β_j); zero-weight rows and columns
    // have log weight −∞ and contribute exactly 0.
    double[] f = fI;
    double[][] rowTerms = ParallelRows.range(n, (long) n * m).mapToObj(i -> {
      double transport = 0;
      double mass = 0;
      if (logAlphaI[i] != Double.NEGATIVE_INFINITY) {
        double[] row = costIJ[i];
        for (int j = 0; j < m; j++) {
          double pij = Math.exp((f[i] + gJ[j] - row[j]) / epsilon + logAlphaI[i] + logBetaJ[j]);
          transport += pij * row[j];
          mass += pij;
        }
      }
      return new double[] {transport, mass};
    }).toArray(double[][]::new); // [n, 2]
    double cost = 0;
    double regularized = 0;
    for (int i = 0; i < n; i++) {
      cost += rowTerms[i][0];
      regularized += f[i] * rowTerms[i][1];
    }
    for (int j = 0; j < m; j++) {
      if (logBetaJ[j] != Double.NEGATIVE_INFINITY) {
        regularized += gJ[j] * Math.exp(logBetaJ[j]);
      }
    }
    return new Result(cost, regularized, epsilon, exponent, schedule, iterations, maxIterations,
        error, error <= tolerance);
  }

  /** \( f_i ← −ε \log\sum_j β_j e^{(g_j − C_{ij})/ε} \), rows in parallel. */
  private static void updateF(double[][] costIJ, double[] gJ, double[] logBetaJ, double[] outFI,
      double epsilon) {
    int m = gJ.length;
    ParallelRows.range(costIJ.length, (long) costIJ.length * m).forEach(i -> {
      double[] row = costIJ[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        max = Math.max(max, (gJ[j] - row[j]) / epsilon + logBetaJ[j]);
      }
      // max is finite: some β_j > 0 and every cost and potential is finite.
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += Math.exp((gJ[j] - row[j]) / epsilon + logBetaJ[j] - max);
      }
      outFI[i] = -epsilon * (max + Math.log(s));
    });
  }

  /**
   * \( g_j ← −ε \log\sum_i α_i e^{(f_i − C_{ij})/ε} \), blocks of columns in parallel, each block
   * walking the rows in order (two passes: the maxima, then the shifted sums).
   */
  private static void updateG(double[][] costIJ, double[] fI, double[] logAlphaI, double[] outGJ,
      double epsilon) {
    int n = fI.length;
    int m = outGJ.length;
    int blocks = (m + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    ParallelRows.range(blocks, (long) n * m).forEach(block -> {
      int j0 = block * COLUMN_BLOCK;
      int j1 = Math.min(m, j0 + COLUMN_BLOCK);
      double[] max = new double[j1 - j0]; // [block]
      double[] sum = new double[j1 - j0]; // [block]
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < n; i++) {
        double shift = fI[i] / epsilon + logAlphaI[i];
        double[] row = costIJ[i];
        for (int j = j0; j < j1; j++) {
          max[j - j0] = Math.max(max[j - j0], shift - row[j] / epsilon);
        }
      }
      for (int i = 0; i < n; i++) {
        double shift = fI[i] / epsilon + logAlphaI[i];
        if (shift == Double.NEGATIVE_INFINITY) {
          continue; // a zero-weight row contributes exactly 0 (max is finite: Σα = 1)
        }
        double[] row = costIJ[i];
        for (int j = j0; j < j1; j++) {
          sum[j - j0] += Math.exp(shift - row[j] / epsilon - max[j - j0]);
        }
      }
      for (int j = j0; j < j1; j++) {
        outGJ[j] = -epsilon * (max[j - j0] + Math.log(sum[j - j0]));
      }
    });
  }

  /**
   * \( \sum_i |α_i e^{(f_i − f'_i)/ε} − α_i| \): the row marginals of the plan of (f, g) are
   * {@code α_i e^{(f_i − f'_i)/ε}} with f' the next f update.
   */
  private double rowMarginalError(double[] fI, double[] nextFI, double[] logAlphaI) {
    double error = 0;
    for (int i = 0; i < fI.length; i++) {
      if (logAlphaI[i] != Double.NEGATIVE_INFINITY) {
        error += Math.abs(Math.expm1((fI[i] - nextFI[i]) / epsilon)) * Math.exp(logAlphaI[i]);
      }
    }
    return error;
  }

  /** Validates weights and returns their normalized logs (−∞ for a zero weight). */
  private static double[] logWeights(String name, double[] weights, int count, String set) {
    double[] logW = new double[count];
    if (weights == null) {
      Arrays.fill(logW, -Math.log(count));
      return logW;
    }
    if (weights.length != count) {
      throw new IllegalArgumentException(name + " must have " + count
          + " entries, one per point of " + set + ", got " + weights.length);
    }
    double total = 0;
    for (int i = 0; i < count; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be finite and >= 0, got " + weights[i]);
      }
      total += weights[i];
    }
    if (!(total > 0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException(name + " must have a positive finite sum, got " + total);
    }
    for (int i = 0; i < count; i++) {
      logW[i] = Math.log(weights[i] / total);
    }
    return logW;
  }

  @Override
  public String toString() {
    return "sinkhorn(epsilon=" + epsilon + ", p=" + exponent + ", maxIterations=" + maxIterations
        + ", tolerance=" + tolerance + ", " + schedule + ") on " + manifold;
  }
}
