package org.driftsim.metrics;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.driftsim.geometry.Checks;

/**
 * The sliced Wasserstein-2 distance of MATH.md §5, in ambient coordinates:
 * \( SW_2(A,B) = \sqrt{\frac1L \sum_{l=1}^{L} W_2^2(θ_l·A,\ θ_l·B)} \) over L random unit
 * directions θ_l, where A and B are the empirical measures (uniform weights) of two point sets.
 *
 * <p>The 1-D distance is exact ({@link #w2Squared}): for equal sizes the sorted projections are
 * paired in order; for unequal sizes the quantile coupling integrates
 * \( \int_0^1 (F_A^{-1}(t) − F_B^{-1}(t))^2\,dt \) over the merged breakpoints {@code i/n} and
 * {@code j/m} of the two step functions, located in integer arithmetic (units of {@code 1/(n·m)})
 * so that no breakpoint is misplaced by rounding.
 *
 * <p>Directions: θ_l are normalized vectors of independent standard normals (uniform on the
 * sphere), drawn in order l = 1..L, coordinate by coordinate, from the JDK's
 * {@code L64X128MixRandom} created with {@link RandomGeneratorFactory#create(long)} from the seed.
 * They depend only on (seed, L, dimension), so every evaluation of a run, and every run with the
 * same seed, measures along the same directions. Cost: {@code O(L·(n+m)·(d + log(n+m)))}.
 *
 * <pre>{@code
 * double sw = new SlicedWasserstein().distance(generated, data);   // L = 256, default seed
 * }</pre>
 */
public final class SlicedWasserstein {
  /** The number of directions of MATH.md §5. */
  public static final int DEFAULT_DIRECTIONS = 256;
  /** The seed of the directions unless another is given. */
  public static final long DEFAULT_SEED = 20_260_101L;
  /** The JDK algorithm the directions are drawn with. */
  public static final String ALGORITHM = "L64X128MixRandom";

  private final int directionCount;
  private final long seed;

  /** L = 256 directions from {@link #DEFAULT_SEED}. */
  public SlicedWasserstein() {
    this(DEFAULT_DIRECTIONS, DEFAULT_SEED);
  }

  /**
   * @param directions L ≥ 1
   * @param seed the seed of the directions
   */
  public SlicedWasserstein(int directions, long seed) {
    this.directionCount = Checks.positive("number of directions", directions);
    this.seed = seed;
  }

  /** L, the number of directions. */
  public int directionCount() {
    return directionCount;
  }

  /** The seed of the directions. */
  public long seed() {
    return seed;
  }

  /**
   * The directions used for points of the given dimension.
   *
   * @return a new array {@code [L][dimension]} of unit vectors
   */
  public double[][] directions(int dimension) {
    Checks.positive("dimension", dimension);
    RandomGenerator rng = RandomGeneratorFactory.of(ALGORITHM).create(seed);
    double[][] theta = new double[directionCount][dimension]; // [L, d]
    for (double[] t : theta) {
      double norm2;
      do {
        norm2 = 0;
        for (int k = 0; k < dimension; k++) {
          t[k] = rng.nextGaussian();
          norm2 += t[k] * t[k];
        }
      } while (norm2 < 1e-300); // a (practically impossible) zero vector has no direction
      double inv = 1.0 / Math.sqrt(norm2);
      for (int k = 0; k < dimension; k++) {
        t[k] *= inv;
      }
    }
    return theta;
  }

  /**
   * SW2 between two point sets.
   *
   * @param a {@code [n][d]}, n ≥ 1, finite
   * @param b {@code [m][d]}, m ≥ 1, finite; n and m may differ
   * @throws IllegalArgumentException for an empty set, rows of another length than {@code A[0]},
   *     or a non-finite coordinate, e.g. {@code "B[3] must have 2 coordinates like A[0], got 3"}
   */
  public double distance(double[][] a, double[][] b) {
    int d = validate(a, b);
    double[][] theta = directions(d); // [L, d]
    double[] projectedA = new double[a.length]; // [n]
    double[] projectedB = new double[b.length]; // [m]
    double sum = 0;
    for (double[] t : theta) {
      project(a, t, projectedA);
      project(b, t, projectedB);
      Arrays.sort(projectedA);
      Arrays.sort(projectedB);
      sum += sortedW2Squared(projectedA, projectedB);
    }
    return Math.sqrt(sum / theta.length);
  }

  /**
   * The exact squared 1-D Wasserstein-2 distance between the empirical measures of two samples
   * (uniform weights; sizes may differ).
   *
   * @param a n ≥ 1 finite values (not modified)
   * @param b m ≥ 1 finite values (not modified)
   */
  public static double w2Squared(double[] a, double[] b) {
    checkValues("a", a);
    checkValues("b", b);
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    return sortedW2Squared(sa, sb);
  }

  /** The square root of {@link #w2Squared}. */
  public static double w2(double[] a, double[] b) {
    return Math.sqrt(w2Squared(a, b));
  }

  /**
   * W2² of two sorted samples by the quantile coupling. Value i of A (n values) holds the
   * quantile levels {@code (i·m, (i+1)·m]} and value j of B those of {@code (j·n, (j+1)·n]}, in
   * units of {@code 1/(n·m)}; each merged segment contributes its length times the squared
   * difference. For n = m every segment is one sorted pair: the mean squared difference.
   */
  static double sortedW2Squared(double[] sa, double[] sb) {
    long n = sa.length;
    long m = sb.length;
    double sum = 0;
    long position = 0;
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      long endA = (i + 1) * m;
      long endB = (j + 1) * n;
      long end = Math.min(endA, endB);
      double diff = sa[i] - sb[j];
      sum += (double) (end - position) * diff * diff;
      position = end;
      if (end == endA) {
        i++;
      }
      if (end == endB) {
        j++;
      }
    }
    return sum / ((double) n * (double) m);
  }

  private static void project(double[][] points, double[] theta, double[] out) {
    for (int i = 0; i < points.length; i++) {
      double s = 0;
      for (int k = 0; k < theta.length; k++) {
        s += points[i][k] * theta[k];
      }
      out[i] = s;
    }
  }

  /** Checks both sets; returns the dimension. */
  private static int validate(double[][] a, double[][] b) {
    if (a.length == 0) {
      throw new IllegalArgumentException("A must have at least one point, got 0");
    }
    if (b.length == 0) {
      throw new IllegalArgumentException("B must have at least one point, got 0");
    }
    int d = a[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("A[0] must have at least one coordinate, got 0");
    }
    checkRows("A", a, d);
    checkRows("B", b, d);
    return d;
  }

  private static void checkRows(String name, double[][] points, int d) {
    for (int i = 0; i < points.length; i++) {
      double[] p = points[i];
      if (p.length != d) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must have " + d + " coordinates like A[0], got " + p.length);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(p[k])) {
          throw new IllegalArgumentException(
              name + "[" + i + "][" + k + "] must be finite, got " + p[k]);
        }
      }
    }
  }

  private static void checkValues(String name, double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException(name + " must have at least one value, got 0");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be finite, got " + values[i]);
      }
    }
  }
}
