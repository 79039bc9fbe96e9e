package org.driftsim.geometry.field;

import java.util.Arrays;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;

/**
 * The {@code deng_coded} field: Algorithm 2 of Deng et al. (2026) as their official JAX code
 * computes it (MATH.md §3), in R^d only, split into the reduction rounds a sharded computation
 * needs.
 *
 * <p>Queries X are the generated samples; targets T are the references of both sides, where the
 * negatives may include the queries' own copies (same id: the "generated" block, which gets the
 * soft self-mask {@code Δn_ii += 100} instead of being excluded) and unconditional negatives
 * with weights w_u. Positive weights default to 1 (a per-reference positive weight is an
 * extension of the official code, which uses 1).
 * <ol>
 *   <li>{@link #scaleSums} (round 1): {@code Σ_ij w_j Δ_ij} and {@code Σ_j w_j}, with
 *       {@code Δ_ij = max(‖x_i − t_j‖, 1e-4)}; then {@link #scale}: {@code s} = their ratio over N,
 *       {@code Δn = Δ / max(s, 1e-3)}, feature scale {@code c = max(s/√d, 1e-3)}.
 *   <li>{@link #rowSums} (round 2): per temperature R and query i the log-sum-exp over targets of
 *       {@code L_ij = −Δn_ij / R}.
 *   <li>{@link #sums} (round 3): with the column log-sum-exp over all queries computed locally
 *       (every shard holds all queries), {@code A_ij = sqrt(max(softmax_j · softmax_i, 1e-6))·w_j}
 *       and {@code P_i = Σ_pos A_ij}, {@code Q_i = Σ_neg A_ij},
 *       {@code Σ_pos A_ij (t̂_j − x̂_i)}, {@code Σ_neg A_ij (t̂_j − x̂_i)} with {@code t̂ = t/c}.
 *   <li>{@link #finish}: {@code F_R = Q·Σ_pos A(t̂ − x̂) − P·Σ_neg A(t̂ − x̂)} (the
 *       {@code P·Q·x̂} terms of step 4 cancel), each divided by
 *       {@code sqrt(max(mean F_R², 1e-8))} over all N·d entries, summed over R; reported in
 *       original units as {@code c·F}.
 * </ol>
 * Note that a target of weight 0 still takes part in both softmax normalizations, exactly as in
 * the official code; only its contribution A_ij is zero.
 */
public final class DengCoded {
  /** Floor of the pairwise distance (the code's {@code √max(‖·‖², 1e-8)}). */
  public static final double DISTANCE_FLOOR = 1e-4;
  /** Floor of the global scale s and of the feature scale c. */
  public static final double SCALE_FLOOR = 1e-3;
  /** Added to the normalized distance of a generated sample to itself. */
  public static final double SELF_MASK = 100.0;
  /** Floor of the product of the two softmaxes. */
  public static final double AFFINITY_FLOOR = 1e-6;
  /** Floor of the mean square used for the per-temperature RMS normalization. */
  public static final double RMS_FLOOR = 1e-8;

  private final double[] temperatures;
  private final int dimension;

  private DengCoded(double[] temperatures, int dimension) {
    this.temperatures = temperatures;
    this.dimension = dimension;
  }

  /** The {@code deng_coded} computation of a field spec in R^d. */
  public static DengCoded of(FieldSpec spec, Manifold manifold) {
    if (spec.type() != FieldType.DENG_CODED) {
      throw new IllegalArgumentException("DengCoded computes field deng_coded, got " + spec.type());
    }
    if (manifold.geometry() != Geometry.EUCLIDEAN) {
      spec.checkSupports(manifold); // throws with the message naming what is allowed
    }
    double[] temps = spec.kernels().stream().mapToDouble(k -> k.tau()).toArray();
    return new DengCoded(temps, manifold.ambientDimension());
  }

  /** Number of temperatures. */
  public int temperatures() {
    return temperatures.length;
  }

  // ---------------------------------------------------------------- round 1: the global scale

  /**
   * Round-1 partial sums: {@code Σ_ij w_j Δ_ij} and {@code Σ_j w_j}.
   *
   * @param weightedDistance Σ over the shard's pairs of w_j·Δ_ij
   * @param weight Σ over the shard's targets of w_j
   */
  public record ScaleSums(double weightedDistance, double weight) {
    /** The sums of an empty shard. */
    public static ScaleSums identity() {
      return new ScaleSums(0.0, 0.0);
    }

    /** Adds two partial sums. */
    public ScaleSums combine(ScaleSums other) {
      return new ScaleSums(weightedDistance + other.weightedDistance, weight + other.weight);
    }
  }

  /**
   * The global scale.
   *
   * @param meanDistance s, the weighted mean distance over all N × |T| pairs
   * @param distanceScale max(s, 1e-3), the divisor of Δ
   * @param featureScale c = max(s/√d, 1e-3)
   */
  public record Scale(double meanDistance, double distanceScale, double featureScale) {}

  /** Round 1 on one shard. */
  public ScaleSums scaleSums(QueryBatch queries, ReferenceSet shard) {
    FieldReduction.checkDimensions(queries, shard, dimension);
    double weightedDistance = 0;
    double weight = 0;
    for (int j = 0; j < shard.size(); j++) {
      double w = shard.weights()[j];
      weight += w;
      if (w == 0) {
        continue;
      }
      double rowSum = 0;
      for (int i = 0; i < queries.size(); i++) {
        rowSum += distance(queries.points()[i], shard.points()[j]);
      }
      weightedDistance += w * rowSum;
    }
    return new ScaleSums(weightedDistance, weight);
  }

  /** Finishes round 1 for a batch of {@code queries} queries. */
  public Scale scale(ScaleSums merged, int queries) {
    if (!(merged.weight() > 0)) {
      throw new IllegalArgumentException(
          "total reference weight must be > 0 for field deng_coded, got " + merged.weight());
    }
    double s = merged.weightedDistance() / (queries * merged.weight());
    return new Scale(s, Math.max(s, SCALE_FLOOR),
        Math.max(s / Math.sqrt(dimension), SCALE_FLOOR));
  }

  // ---------------------------------------------------------------- round 2: row log-sum-exp

  /** Round-2 partial sums: per (temperature, query) a log-sum-exp pair (max, scaled sum). */
  public static final class RowSums {
    private final int temperatures;
    private final int queries;
    private final double[] max; // [T·N]
    private final double[] sum; // [T·N]

    private RowSums(int temperatures, int queries) {
      this.temperatures = temperatures;
      this.queries = queries;
      this.max = new double[Math.multiplyExact(temperatures, queries)];
      this.sum = new double[max.length];
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** The sums of an empty shard. */
    public static RowSums identity(int temperatures, int queries) {
      return new RowSums(temperatures, queries);
    }

    /** Rebuilds round-2 sums from raw arrays (layout t·N + i), e.g. decoded from the wire. */
    public static RowSums of(int temperatures, int queries, double[] max, double[] sum) {
      RowSums r = new RowSums(temperatures, queries);
      if (max.length != r.max.length || sum.length != r.sum.length) {
        throw new IllegalArgumentException("row sums must have length " + r.max.length
            + ", got " + max.length + " and " + sum.length);
      }
      System.arraycopy(max, 0, r.max, 0, max.length);
      System.arraycopy(sum, 0, r.sum, 0, sum.length);
      return r;
    }

    public int queries() {
      return queries;
    }

    /** Number of temperatures T. */
    public int temperatures() {
      return temperatures;
    }

    public double[] max() {
      return max.clone();
    }

    public double[] sum() {
      return sum.clone();
    }

    void add(int slot, double logit) {
      if (logit > max[slot]) {
        sum[slot] = sum[slot] * Math.exp(max[slot] - logit) + 1.0;
        max[slot] = logit;
      } else {
        sum[slot] += Math.exp(logit - max[slot]);
      }
    }

    /** Merges with the log-sum-exp rule into a new object; the empty shard is the identity. */
    public RowSums combine(RowSums other) {
      if (other.max.length != max.length) {
        throw new IllegalArgumentException("row sums must have the same shape to merge: "
            + "expected " + max.length + " entries, found " + other.max.length);
      }
      RowSums out = new RowSums(temperatures, queries);
      for (int k = 0; k < max.length; k++) {
        double m1 = max[k];
        double m2 = other.max[k];
        if (m1 == Double.NEGATIVE_INFINITY) {
          out.max[k] = m2;
          out.sum[k] = other.sum[k];
        } else if (m2 == Double.NEGATIVE_INFINITY) {
          out.max[k] = m1;
          out.sum[k] = sum[k];
        } else {
          double m = Math.max(m1, m2);
          out.max[k] = m;
          out.sum[k] = sum[k] * Math.exp(m1 - m) + other.sum[k] * Math.exp(m2 - m);
        }
      }
      return out;
    }
  }

  /** Round 2 on one shard. */
  public RowSums rowSums(QueryBatch queries, Scale scale, ReferenceSet shard) {
    FieldReduction.checkDimensions(queries, shard, dimension);
    int n = queries.size();
    RowSums out = RowSums.identity(temperatures.length, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < shard.size(); j++) {
        double dn = normalizedDistance(queries, i, shard, j, scale);
        for (int t = 0; t < temperatures.length; t++) {
          out.add(t * n + i, -dn / temperatures[t]);
        }
      }
    }
    return out;
  }

  /** Finishes round 2: the row log-sum-exp per (temperature, query), layout t·N + i. */
  public double[] rowLogSumExp(RowSums merged) {
    double[] lse = new double[merged.max.length];
    for (int k = 0; k < lse.length; k++) {
      lse[k] = merged.max[k] + Math.log(merged.sum[k]);
    }
    return lse;
  }

  // ---------------------------------------------------------------- round 3: affinity sums

  /** Round-3 partial sums per (temperature, query): P, Q and the two direction sums. */
  public static final class Sums {
    private final int temperatures;
    private final int queries;
    private final int dimension;
    private final double[] positive; // [T·N]  P_i
    private final double[] negative; // [T·N]  Q_i
    private final double[] positiveDirection; // [T·N·D]  Σ_pos A (t̂ − x̂)
    private final double[] negativeDirection; // [T·N·D]  Σ_neg A (t̂ − x̂)

    private Sums(int temperatures, int queries, int dimension) {
      this.temperatures = temperatures;
      this.queries = queries;
      this.dimension = dimension;
      int slots = Math.multiplyExact(temperatures, queries);
      positive = new double[slots];
      negative = new double[slots];
      positiveDirection = new double[Math.multiplyExact(slots, dimension)];
      negativeDirection = new double[positiveDirection.length];
    }

    /** The sums of an empty shard. */
    public static Sums identity(int temperatures, int queries, int dimension) {
      return new Sums(temperatures, queries, dimension);
    }

    /** Rebuilds round-3 sums from raw arrays, e.g. decoded from the wire. */
    public static Sums of(int temperatures, int queries, int dimension, double[] positive,
        double[] negative, double[] positiveDirection, double[] negativeDirection) {
      Sums s = new Sums(temperatures, queries, dimension);
      if (positive.length != s.positive.length || negative.length != s.negative.length
          || positiveDirection.length != s.positiveDirection.length
          || negativeDirection.length != s.negativeDirection.length) {
        throw new IllegalArgumentException("affinity sums have the wrong lengths: expected "
            + s.positive.length + " and " + s.positiveDirection.length);
      }
      System.arraycopy(positive, 0, s.positive, 0, positive.length);
      System.arraycopy(negative, 0, s.negative, 0, negative.length);
      System.arraycopy(positiveDirection, 0, s.positiveDirection, 0, positiveDirection.length);
      System.arraycopy(negativeDirection, 0, s.negativeDirection, 0, negativeDirection.length);
      return s;
    }

    /** Number of temperatures T. */
    public int temperatures() {
      return temperatures;
    }

    /** Number of queries N. */
    public int queries() {
      return queries;
    }

    /** The ambient dimension D. */
    public int dimension() {
      return dimension;
    }

    public double[] positive() {
      return positive.clone();
    }

    public double[] negative() {
      return negative.clone();
    }

    public double[] positiveDirection() {
      return positiveDirection.clone();
    }

    public double[] negativeDirection() {
      return negativeDirection.clone();
    }

    /** Adds two partial sums into a new object. */
    public Sums combine(Sums other) {
      if (other.positiveDirection.length != positiveDirection.length) {
        throw new IllegalArgumentException("affinity sums must have the same shape to merge: "
            + "expected " + positiveDirection.length + " entries, found "
            + other.positiveDirection.length);
      }
      Sums out = new Sums(temperatures, queries, dimension);
      for (int k = 0; k < positive.length; k++) {
        out.positive[k] = positive[k] + other.positive[k];
        out.negative[k] = negative[k] + other.negative[k];
      }
      for (int k = 0; k < positiveDirection.length; k++) {
        out.positiveDirection[k] = positiveDirection[k] + other.positiveDirection[k];
        out.negativeDirection[k] = negativeDirection[k] + other.negativeDirection[k];
      }
      return out;
    }
  }

  /** Round 3 on one shard, given the merged row log-sum-exp of round 2. */
  public Sums sums(QueryBatch queries, Scale scale, double[] rowLogSumExp, ReferenceSet shard) {
    FieldReduction.checkDimensions(queries, shard, dimension);
    int n = queries.size();
    int tCount = temperatures.length;
    if (rowLogSumExp.length != tCount * n) {
      throw new IllegalArgumentException("row log-sum-exp must have " + tCount * n
          + " entries, got " + rowLogSumExp.length);
    }
    Sums out = Sums.identity(tCount, n, dimension);
    double c = scale.featureScale();
    double[] dn = new double[n]; // [N] normalized distances of one target to every query
    double[] columnLse = new double[tCount]; // [T]
    double logFloor = Math.log(AFFINITY_FLOOR);
    boolean positiveSide = shard.side() == Side.POSITIVE;
    double[] target = positiveSide ? out.positiveDirection : out.negativeDirection;
    double[] mass = positiveSide ? out.positive : out.negative;
    for (int j = 0; j < shard.size(); j++) {
      for (int i = 0; i < n; i++) {
        dn[i] = normalizedDistance(queries, i, shard, j, scale);
      }
      // Column softmax over all queries: local to this shard.
      for (int t = 0; t < tCount; t++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          m = Math.max(m, -dn[i] / temperatures[t]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += Math.exp(-dn[i] / temperatures[t] - m);
        }
        columnLse[t] = m + Math.log(s);
      }
      double w = shard.weights()[j];
      if (w == 0) {
        continue;
      }
      double[] y = shard.points()[j];
      for (int i = 0; i < n; i++) {
        double[] x = queries.points()[i];
        for (int t = 0; t < tCount; t++) {
          double logit = -dn[i] / temperatures[t];
          double logProduct = 2.0 * logit - rowLogSumExp[t * n + i] - columnLse[t];
          // sqrt(max(p, 1e-6)) = exp(max(log p, log 1e-6) / 2)
          double a = Math.exp(0.5 * Math.max(logProduct, logFloor)) * w;
          int slot = t * n + i;
          mass[slot] += a;
          int base = slot * dimension;
          for (int k = 0; k < dimension; k++) {
            target[base + k] += a * (y[k] - x[k]) / c;
          }
        }
      }
    }
    return out;
  }

  /** Finishes round 3: V = c·Σ_R F_R / rms(F_R), one row per query. */
  public double[][] finish(Sums merged, Scale scale) {
    int n = merged.queries;
    double[][] field = new double[n][dimension];
    double[] f = new double[Math.multiplyExact(n, dimension)]; // [N·D] F_R
    for (int t = 0; t < temperatures.length; t++) {
      double square = 0;
      for (int i = 0; i < n; i++) {
        int slot = t * n + i;
        double p = merged.positive[slot];
        double q = merged.negative[slot];
        for (int k = 0; k < dimension; k++) {
          double v = q * merged.positiveDirection[slot * dimension + k]
              - p * merged.negativeDirection[slot * dimension + k];
          f[i * dimension + k] = v;
          square += v * v;
        }
      }
      double rms = Math.sqrt(Math.max(square / f.length, RMS_FLOOR));
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < dimension; k++) {
          field[i][k] += f[i * dimension + k] / rms;
        }
      }
    }
    double c = scale.featureScale();
    for (double[] row : field) {
      for (int k = 0; k < dimension; k++) {
        row[k] *= c;
      }
    }
    return field;
  }

  private double normalizedDistance(QueryBatch queries, int i, ReferenceSet shard, int j,
      Scale scale) {
    double dn = distance(queries.points()[i], shard.points()[j]) / scale.distanceScale();
    long id = queries.ids()[i];
    if (id != ReferenceSet.NO_ID && shard.ids()[j] == id) {
      dn += SELF_MASK; // soft self-mask of the generated × generated diagonal
    }
    return dn;
  }

  private double distance(double[] x, double[] y) {
    double sum = 0;
    for (int k = 0; k < dimension; k++) {
      double d = x[k] - y[k];
      sum += d * d;
    }
    return Math.max(Math.sqrt(sum), DISTANCE_FLOOR);
  }
}
