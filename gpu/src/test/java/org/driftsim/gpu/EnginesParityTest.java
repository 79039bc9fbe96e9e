package org.driftsim.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engines behind {@link Engines} against the float64 reference, through the shared sharded
 * orchestration: the dense baseline on its geometries and kernels, deng_coded in float32 on both
 * ND4J engines, shard-count invariance, and inputs whose kernel values underflow float32.
 */
class EnginesParityTest {
  private static final FieldEngine<?> FUSED = Engines.create("nd4j", 2);
  private static final FieldEngine<?> DENSE = Engines.create("nd4j-dense", 2);

  @AfterAll
  static void close() {
    FUSED.close();
    DENSE.close();
  }

  private record Problem(Manifold manifold, QueryBatch queries, ReferenceSet positives,
      ReferenceSet negatives) {
    List<ReferenceSet> shards() {
      return List.of(positives, negatives);
    }
  }

  /** Euclidean points with median distance about {@code scale}, or points on the sphere. */
  private static double[][] points(Manifold m, int n, double scale, Random r) {
    int d = m.ambientDimension();
    double[][] out = new double[n][d];
    for (double[] p : out) {
      for (int k = 0; k < d; k++) {
        p[k] = r.nextGaussian() * scale / Math.sqrt(2.0 * d);
      }
    }
    if (!(m instanceof Euclidean)) {
      for (int i = 0; i < n; i++) {
        out[i] = m.fromData(out[i]);
      }
    }
    return out;
  }

  private static Problem problem(Manifold m, int n, int size, double scale, long seed) {
    Random r = new Random(seed);
    double[][] x = points(m, n, scale, r);
    double[][] p = points(m, size, scale, r);
    double[][] q = points(m, size, scale, r);
    p[0] = x[0].clone(); // a coincident pair
    double[] wp = new double[size];
    double[] wq = new double[size];
    for (int j = 0; j < size; j++) {
      wp[j] = 0.2 + r.nextDouble();
      wq[j] = 0.2 + r.nextDouble();
    }
    long[] none = new long[size];
    Arrays.fill(none, ReferenceSet.NO_ID);
    QueryBatch batch = QueryBatch.of(x);
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    ReferenceSet neg = new ReferenceSet(Side.NEGATIVE, q, wq, none)
        .concat(new ReferenceSet(Side.NEGATIVE, x, ones, batch.ids()));
    return new Problem(m, batch, new ReferenceSet(Side.POSITIVE, p, wp, none), neg);
  }

  private static double error(double[][] a, double[][] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        diff += (a[i][k] - b[i][k]) * (a[i][k] - b[i][k]);
        norm += b[i][k] * b[i][k];
      }
    }
    return Math.sqrt(diff / norm);
  }

  private static void assertClose(double[][] actual, double[][] expected, double tau) {
    double e = error(actual, expected);
    double tolerance = tau >= 0.2 ? 1e-4 : 1e-3;
    assertTrue(e <= tolerance, "relative Frobenius error " + e + " > " + tolerance);
  }

  static Stream<Arguments> denseCases() {
    List<Arguments> out = new ArrayList<>();
    for (String g : List.of("R3", "R16", "S2")) {
      for (String k : List.of("gaussian", "laplace", "matern32", "matern52", "rq")) {
        for (FieldType f : List.of(FieldType.DENG, FieldType.GRADIENT, FieldType.SHARP,
            FieldType.MMD)) {
          for (double tau : new double[] {0.05, 0.5}) {
            out.add(Arguments.of(g, k, f, tau));
          }
        }
      }
    }
    return out.stream();
  }

  private static Manifold manifold(String name) {
    return switch (name) {
      case "R3" -> new Euclidean(3);
      case "R16" -> new Euclidean(16);
      case "S2" -> new Sphere(2);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static KernelSpec kernel(String family, double tau) {
    return KernelSpec.parse(family.equals("rq") ? "rq(tau=" + tau + ", alpha=2)"
        : family + "(tau=" + tau + ")");
  }

  @ParameterizedTest(name = "nd4j-dense {0} {1} {2} tau={3}")
  @MethodSource("denseCases")
  void denseBaselineMatchesTheReference(String g, String family, FieldType f, double tau) {
    Problem p = problem(manifold(g), 300, 700, 1.0, (g + "|" + family + "|" + f.name()).hashCode());
    FieldSpec spec = FieldSpec.of(f, kernel(family, tau), List.of(tau));
    double[][] expected = DriftFields.computeSharded(spec, p.manifold(), p.queries(), p.shards());
    double[][] actual = Engines.compute(DENSE, spec, p.manifold(), p.queries(), p.shards());
    // The baseline's GEMM forms cancel in float32 (see DenseEngine): its stated accuracy is 2e-2.
    double e = error(actual, expected);
    assertTrue(e <= 2e-2, "relative Frobenius error " + e + " > 2e-2");
  }

  @ParameterizedTest(name = "deng_coded on {0}, R = {1}")
  @MethodSource("codedCases")
  void dengCodedInFloat32MatchesTheReference(String engine, List<Double> temps) {
    Problem p = problem(new Euclidean(4), 120, 300, 1.0, temps.hashCode());
    FieldSpec spec = FieldSpec.dengCoded(temps);
    double[][] expected = DriftFields.computeSharded(spec, p.manifold(), p.queries(), p.shards());
    FieldEngine<?> e = engine.equals("nd4j") ? FUSED : DENSE;
    double[][] actual = Engines.compute(e, spec, p.manifold(), p.queries(), p.shards());
    double err = error(actual, expected);
    assertTrue(err <= 1e-4, "relative Frobenius error " + err);
  }

  static Stream<Arguments> codedCases() {
    return Stream.of(Arguments.of("nd4j", List.of(0.2)), Arguments.of("nd4j", List.of(0.05, 0.2,
        1.0)), Arguments.of("nd4j-dense", List.of(0.05, 0.2, 1.0)));
  }

  @Test
  void shardCountDoesNotChangeTheField() {
    Problem p = problem(new Euclidean(3), 200, 2000, 1.0, 7);
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, kernel("laplace", 0.3), List.of(0.3, 0.9));
    double[][] one = Engines.compute(FUSED, spec, p.manifold(), p.queries(), p.shards());
    for (int parts : new int[] {3, 8}) {
      List<ReferenceSet> shards = new ArrayList<>();
      for (ReferenceSet set : p.shards()) {
        for (int k = 0; k < parts; k++) {
          shards.add(set.slice(set.size() * k / parts, set.size() * (k + 1) / parts));
        }
      }
      double[][] split = Engines.compute(FUSED, spec, p.manifold(), p.queries(), shards);
      assertTrue(error(split, one) <= 1e-6, parts + " shards: " + error(split, one));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("underflowCases")
  void kernelValuesThatUnderflowFloat32StayExact(String name, Manifold m, double scale) {
    // Distances of order `scale` with τ = 0.05: exp(−r/τ) is far below float32's range.
    Problem p = problem(m, 100, 400, scale, 11);
    for (String family : List.of("laplace", "gaussian")) {
      FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, kernel(family, 0.05), List.of(0.05));
      double[][] expected =
          DriftFields.computeSharded(spec, p.manifold(), p.queries(), p.shards());
      double[][] actual = Engines.compute(FUSED, spec, p.manifold(), p.queries(), p.shards());
      assertClose(actual, expected, 0.05);
    }
  }

  static Stream<Arguments> underflowCases() {
    return Stream.of(Arguments.of("R3 at scale 8", new Euclidean(3), 8.0),
        Arguments.of("R16 at scale 8", new Euclidean(16), 8.0),
        Arguments.of("S2", new Sphere(2), 1.0),
        Arguments.of("H2 at scale 3", new Hyperboloid(2), 3.0));
  }

  /** Exactly antipodal references contribute log = 0 (MATH.md §1); coincident ones r = 0. */
  @Test
  void antipodalAndCoincidentReferencesOnTheSphereFollowTheConventions() {
    Manifold sphere = new Sphere(2);
    Random r = new Random(5);
    double[][] x = points(sphere, 50, 1.0, r);
    double[][] p = points(sphere, 200, 1.0, r);
    for (int i = 0; i < 20; i++) {
      p[i] = new double[] {-x[i][0], -x[i][1], -x[i][2]}; // antipodal
      p[20 + i] = x[i].clone(); // coincident
    }
    ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, p);
    ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE, points(sphere, 200, 1.0, r));
    for (FieldType f : List.of(FieldType.DENG, FieldType.GRADIENT, FieldType.SHARP)) {
      FieldSpec spec = FieldSpec.of(f, kernel("laplace", 1.0), List.of(1.0));
      QueryBatch q = QueryBatch.of(x);
      double[][] expected = DriftFields.compute(spec, sphere, q, pos, neg);
      double[][] actual = Engines.compute(FUSED, spec, sphere, q, List.of(pos, neg));
      assertTrue(error(actual, expected) <= 1e-4, f + ": " + error(actual, expected));
    }
  }

  @Test
  void denseRefusesWhatItDoesNotSupportAndNamesTheAlternative() {
    Problem p = problem(new Hyperboloid(2), 4, 4, 1.0, 3);
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, kernel("laplace", 0.3), List.of(0.3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Engines.compute(DENSE, spec, p.manifold(), p.queries(), p.shards()));
    assertEquals("engine nd4j-dense supports the euclidean and sphere geometries with the "
        + "gaussian, laplace, matern32, matern52 and rq kernels; got hyperboloid with laplace "
        + "(use --engine nd4j)", e.getMessage());
  }
}
