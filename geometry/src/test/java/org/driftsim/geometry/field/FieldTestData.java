package org.driftsim.geometry.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;

/**
 * Seeded random inputs shared by the field tests: geometries, kernels, points on each manifold,
 * reference sets with random weights and with the queries' own copies among the negatives, and
 * the relative-error assertions every test states its tolerance with.
 */
final class FieldTestData {
  private FieldTestData() {}

  /** Id offset of the queries; a negative with id {@code QUERY_ID + i} is query i's copy. */
  static final long QUERY_ID = 1_000;
  /** Id offset of references that are nobody's copy but carry an id (must not be excluded). */
  static final long OTHER_ID = 50_000;

  // ------------------------------------------------------------------------ geometries

  /** A manifold of the sweep, with a readable name for parameterized test names. */
  record GeometryCase(String name, Geometry geometry, int columns, int sequenceLength) {
    Manifold manifold() {
      return geometry.manifold(columns, sequenceLength);
    }

    /** Whether spectral kernels live here (S² only). */
    boolean isS2() {
      return geometry == Geometry.SPHERE && columns == 3;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final GeometryCase R2 = new GeometryCase("R^2", Geometry.EUCLIDEAN, 2, 1);
  static final GeometryCase R3 = new GeometryCase("R^3", Geometry.EUCLIDEAN, 3, 1);
  static final GeometryCase R5 = new GeometryCase("R^5", Geometry.EUCLIDEAN, 5, 1);
  static final GeometryCase S2 = new GeometryCase("S^2", Geometry.SPHERE, 3, 1);
  static final GeometryCase S3 = new GeometryCase("S^3", Geometry.SPHERE, 4, 1);
  static final GeometryCase H2 = new GeometryCase("H^2", Geometry.HYPERBOLOID, 3, 1);
  static final GeometryCase SIMPLEX_1X4 =
      new GeometryCase("simplex(L=1,K=4)", Geometry.SIMPLEX, 4, 1);
  static final GeometryCase SIMPLEX_3X3 =
      new GeometryCase("simplex(L=3,K=3)", Geometry.SIMPLEX, 9, 3);

  /** Every geometry of the sweep. */
  static List<GeometryCase> geometries() {
    return List.of(R2, R3, R5, S2, S3, H2, SIMPLEX_1X4, SIMPLEX_3X3);
  }

  // ------------------------------------------------------------------------ kernels

  /**
   * A kernel family with its shape parameters; the temperature is chosen per input from the
   * typical distance (spectral kernels: the length scale, fixed).
   */
  record KernelCase(String name, KernelSpec prototype) {
    boolean spectral() {
      return prototype.family().isSpectral();
    }

    /** Whether the field can be built with this kernel (sharp needs a sharp companion). */
    boolean supports(FieldType field) {
      return field != FieldType.SHARP || prototype.hasSharp();
    }

    boolean supports(GeometryCase g) {
      return !spectral() || g.isS2();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final int LMAX = 30;

  static KernelCase radial(KernelFamily family) {
    return new KernelCase(family.cliName(), KernelSpec.of(family, 1.0));
  }

  static KernelCase rq(double alpha) {
    return new KernelCase("rq(alpha=" + alpha + ")",
        new KernelSpec(KernelFamily.RQ, 1.0, alpha, Double.NaN, 0));
  }

  static KernelCase matern(double nu) {
    return new KernelCase("matern(nu=" + nu + ")",
        new KernelSpec(KernelFamily.MATERN, 1.0, Double.NaN, nu, 0));
  }

  static final KernelCase SPECTRAL_MATERN = new KernelCase("spectral-matern(nu=1.5)",
      new KernelSpec(KernelFamily.SPECTRAL_MATERN, 1.0, Double.NaN, 1.5, LMAX));
  static final KernelCase SPECTRAL_HEAT = new KernelCase("spectral-heat",
      new KernelSpec(KernelFamily.SPECTRAL_HEAT, 1.0, Double.NaN, Double.NaN, LMAX));

  /** Every kernel of the sweep. */
  static List<KernelCase> kernels() {
    return List.of(radial(KernelFamily.GAUSSIAN), radial(KernelFamily.LAPLACE),
        radial(KernelFamily.MATERN32), radial(KernelFamily.MATERN52), rq(2.0), rq(0.7),
        matern(0.7), matern(2.3), SPECTRAL_MATERN, SPECTRAL_HEAT);
  }

  /** The fields computed from one round of partial sums (all but deng_coded). */
  static List<FieldType> partialSumFields() {
    return List.of(FieldType.DENG, FieldType.GRADIENT, FieldType.SHARP, FieldType.MMD);
  }

  /**
   * Temperatures for a kernel on an input whose typical distance is {@code typical}: radial
   * kernels at 0.4 and 0.9 times the typical distance (so values do not underflow: the largest
   * exponent is about (3/0.4)²/2 ≈ 28 for the Gaussian); spectral length scales 0.5 and 1.0.
   */
  static List<Double> temperatures(KernelCase kernel, double typical, int count) {
    List<Double> factors = List.of(0.4, 0.9, 0.6);
    List<Double> out = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      out.add(kernel.spectral() ? 0.5 * (t + 1) : factors.get(t) * typical);
    }
    return out;
  }

  static FieldSpec spec(FieldType type, KernelCase kernel, List<Double> temperatures) {
    return FieldSpec.of(type, kernel.prototype(), temperatures);
  }

  // ------------------------------------------------------------------------ points

  /** A random point on the manifold of a geometry case, spread over distances of order 1. */
  static double[] point(Manifold m, Random rng) {
    int n = m.ambientDimension();
    double[] data = new double[n];
    switch (m.geometry()) {
      case EUCLIDEAN -> {
        for (int k = 0; k < n; k++) {
          data[k] = 0.5 * rng.nextGaussian();
        }
        return data;
      }
      case SPHERE -> {
        for (int k = 0; k < n; k++) {
          data[k] = rng.nextGaussian();
        }
        double[] out = new double[n];
        m.project(data, out);
        return out;
      }
      case HYPERBOLOID -> {
        for (int k = 1; k < n; k++) {
          data[k] = 0.6 * rng.nextGaussian();
        }
        return m.fromData(data); // recomputes x₀ = sqrt(1 + Σ x_i²)
      }
      case SIMPLEX -> {
        for (int k = 0; k < n; k++) {
          data[k] = -Math.log(1.0 - rng.nextDouble()); // Dirichlet(1) after normalization
        }
        int categories = n / sequenceLength(m);
        for (int l = 0; l < n / categories; l++) {
          double sum = 0;
          for (int k = l * categories; k < (l + 1) * categories; k++) {
            sum += data[k];
          }
          for (int k = l * categories; k < (l + 1) * categories; k++) {
            data[k] /= sum;
          }
        }
        return m.fromData(data); // √p
      }
      default -> throw new IllegalStateException("unknown geometry " + m.geometry());
    }
  }

  private static int sequenceLength(Manifold m) {
    return ((org.driftsim.geometry.FisherRaoSimplex) m).sequenceLength();
  }

  static double[][] points(Manifold m, int count, Random rng) {
    double[][] out = new double[count][];
    for (int i = 0; i < count; i++) {
      out[i] = point(m, rng);
    }
    return out;
  }

  /** The median geodesic distance between points of two sets (the "typical distance"). */
  static double typicalDistance(Manifold m, double[][] a, double[][] b) {
    double[] d = new double[a.length * b.length];
    int k = 0;
    for (double[] x : a) {
      for (double[] y : b) {
        d[k++] = m.distance(x, y);
      }
    }
    Arrays.sort(d);
    return d[d.length / 2];
  }

  /** Queries with ids {@code QUERY_ID + i}. */
  static QueryBatch queries(double[][] points) {
    long[] ids = new long[points.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = QUERY_ID + i;
    }
    return new QueryBatch(points, ids);
  }

  /** Random weights in [0.2, 2.2). */
  static double[] weights(int count, Random rng) {
    double[] w = new double[count];
    for (int j = 0; j < count; j++) {
      w[j] = 0.2 + 2.0 * rng.nextDouble();
    }
    return w;
  }

  /** References with random weights; every other one carries a non-matching id. */
  static ReferenceSet references(Side side, double[][] points, Random rng) {
    long[] ids = new long[points.length];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = j % 2 == 0 ? ReferenceSet.NO_ID : OTHER_ID + j;
    }
    return new ReferenceSet(side, points, weights(points.length, rng), ids);
  }

  /**
   * Negatives in the style of {@code --negatives-include-queries}: the model samples followed by
   * copies of every query (same point, id of the query, random weight), shuffled.
   */
  static ReferenceSet withQueryCopies(ReferenceSet negatives, QueryBatch queries, Random rng) {
    int m = negatives.size();
    int n = queries.size();
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < m + n; j++) {
      order.add(j);
    }
    Collections.shuffle(order, rng);
    double[][] p = new double[m + n][];
    double[] w = new double[m + n];
    long[] ids = new long[m + n];
    double[] copyWeights = weights(n, rng);
    for (int slot = 0; slot < m + n; slot++) {
      int j = order.get(slot);
      if (j < m) {
        p[slot] = negatives.points()[j];
        w[slot] = negatives.weights()[j];
        ids[slot] = negatives.ids()[j];
      } else {
        p[slot] = queries.points()[j - m].clone();
        w[slot] = copyWeights[j - m];
        ids[slot] = queries.ids()[j - m];
      }
    }
    return new ReferenceSet(negatives.side(), p, w, ids);
  }

  /** The same references on the other side of the field. */
  static ReferenceSet onSide(Side side, ReferenceSet set) {
    return new ReferenceSet(side, set.points(), set.weights(), set.ids());
  }

  /** One random problem: queries, positives, negatives with the queries' copies. */
  record Problem(Manifold manifold, QueryBatch queries, ReferenceSet positives,
      ReferenceSet negatives, double typical) {}

  static Problem problem(GeometryCase g, int queries, int positives, int negatives, Random rng) {
    Manifold m = g.manifold();
    QueryBatch q = queries(points(m, queries, rng));
    ReferenceSet p = references(Side.POSITIVE, points(m, positives, rng), rng);
    ReferenceSet n = withQueryCopies(
        references(Side.NEGATIVE, points(m, negatives, rng), rng), q, rng);
    return new Problem(m, q, p, n, typicalDistance(m, q.points(), p.points()));
  }

  /** A seed that differs per test case but is fixed across runs. */
  static Random rng(Object... parts) {
    return new Random(0x5EED_F1E1DL ^ Arrays.deepHashCode(
        Arrays.stream(parts).map(String::valueOf).toArray()));
  }

  // ------------------------------------------------------------------------ shards

  /**
   * A random split of a reference set into {@code count} shards: the references are shuffled,
   * then cut at random positions; from 3 shards on, one cut is repeated so that at least one
   * shard in the middle is empty. The union of the shards is the set (in another order).
   */
  static List<ReferenceSet> split(ReferenceSet set, int count, Random rng) {
    int m = set.size();
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      order.add(j);
    }
    Collections.shuffle(order, rng);
    double[][] p = new double[m][];
    double[] w = new double[m];
    long[] ids = new long[m];
    for (int j = 0; j < m; j++) {
      p[j] = set.points()[order.get(j)];
      w[j] = set.weights()[order.get(j)];
      ids[j] = set.ids()[order.get(j)];
    }
    ReferenceSet shuffled = new ReferenceSet(set.side(), p, w, ids);
    int[] cuts = new int[count + 1];
    cuts[count] = m;
    for (int c = 1; c < count; c++) {
      cuts[c] = rng.nextInt(m + 1);
    }
    if (count >= 3) {
      int c = 1 + rng.nextInt(count - 2);
      cuts[c + 1] = cuts[c]; // an empty shard
    }
    Arrays.sort(cuts, 1, count);
    List<ReferenceSet> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      out.add(shuffled.slice(cuts[c], cuts[c + 1]));
    }
    return out;
  }

  /**
   * Merges parts in a random order: repeatedly two random parts, in random argument order, are
   * combined and the result put back, until one is left (a random merge tree).
   */
  static <T> T mergeRandomly(List<T> parts, java.util.function.BinaryOperator<T> combine,
      Random rng) {
    List<T> pool = new ArrayList<>(parts);
    while (pool.size() > 1) {
      T a = pool.remove(rng.nextInt(pool.size()));
      T b = pool.remove(rng.nextInt(pool.size()));
      pool.add(rng.nextBoolean() ? combine.apply(a, b) : combine.apply(b, a));
    }
    return pool.get(0);
  }

  /** Exact element-wise equality ({@code ==}, so 0.0 equals −0.0 and −∞ equals −∞). */
  static void assertSameValues(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int k = 0; k < expected.length; k++) {
      int at = k;
      assertTrue(expected[k] == actual[k]
          || (Double.isNaN(expected[k]) && Double.isNaN(actual[k])),
          () -> what + ": entry " + at + " is " + actual[at] + ", expected exactly "
              + expected[at]);
    }
  }

  // ------------------------------------------------------------------------ assertions

  static double frobenius(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  static double frobeniusDifference(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        double d = a[i][k] - b[i][k];
        s += d * d;
      }
    }
    return Math.sqrt(s);
  }

  static void assertFinite(double[][] v, String what) {
    for (int i = 0; i < v.length; i++) {
      for (int k = 0; k < v[i].length; k++) {
        int row = i;
        int col = k;
        assertTrue(Double.isFinite(v[i][k]), () -> what + ": V[" + row + "][" + col + "] = "
            + v[row][col] + " is not finite");
      }
    }
  }

  /**
   * Batch check {@code ‖actual − expected‖_F ≤ tol·‖expected‖_F} (Frobenius over all N·D
   * entries), with shapes checked and every entry finite.
   */
  static void assertRelativeFrobenius(double[][] expected, double[][] actual, double tol,
      String what) {
    assertEquals(expected.length, actual.length, what + ": number of rows");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": length of row " + i);
    }
    assertFinite(actual, what);
    double diff = frobeniusDifference(expected, actual);
    double ref = frobenius(expected);
    assertTrue(diff <= tol * ref, () -> String.format(
        "%s: ‖ΔV‖_F / ‖V‖_F = %.3e / %.3e = %.3e > %.1e", what, diff, ref, diff / ref, tol));
  }

  /**
   * Per-row check {@code ‖actual_i − expected_i‖ ≤ tol·scale_i} with a per-row scale (e.g. the
   * sizes of the terms whose difference V is, so that a row where A_P ≈ A_N is not held to a
   * relative accuracy no float computation has).
   */
  static void assertRows(double[][] expected, double[][] actual, double[] scale, double tol,
      String what) {
    for (int i = 0; i < expected.length; i++) {
      double diff = 0;
      for (int k = 0; k < expected[i].length; k++) {
        double d = expected[i][k] - actual[i][k];
        diff += d * d;
      }
      double err = Math.sqrt(diff);
      int row = i;
      assertTrue(err <= tol * scale[i], () -> String.format(
          "%s: row %d: ‖ΔV_i‖ = %.3e > %.1e × scale %.3e%n expected %s%n actual   %s", what, row,
          err, tol, scale[row], Arrays.toString(expected[row]), Arrays.toString(actual[row])));
    }
  }

  /** Per-row relative check {@code ‖Δ_i‖ ≤ tol·‖expected_i‖}. */
  static void assertRowsRelative(double[][] expected, double[][] actual, double tol,
      String what) {
    double[] scale = new double[expected.length];
    for (int i = 0; i < scale.length; i++) {
      scale[i] = norm(expected[i]);
    }
    assertRows(expected, actual, scale, tol, what);
  }
}
