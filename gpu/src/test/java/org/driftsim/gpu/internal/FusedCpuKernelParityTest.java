package org.driftsim.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldReduction;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 fused kernel against the float64 reference: ‖V − V_ref‖_F / ‖V_ref‖_F ≤ 1e-4 for
 * τ ≥ 0.2 and ≤ 1e-3 for 0.05 ≤ τ < 0.2, on every valid geometry × kernel × field, with query
 * copies among the negatives, coincident points and random weights.
 */
class FusedCpuKernelParityTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final FusedCpuKernel KERNEL = new FusedCpuKernel(POOL);

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[] geometries = {"R3", "R16", "R64", "S2", "S5", "H2", "Simplex4", "Seq3x3"};
    String[] kernels = {"gaussian", "laplace", "matern32", "matern52", "rq(alpha=1.5)",
        "rq(alpha=0.7)", "matern(nu=0.7)", "matern(nu=2.3)", "spectral-heat(lmax=30)",
        "spectral-matern(nu=1.5, lmax=30)"};
    for (String g : geometries) {
      for (String k : kernels) {
        for (FieldType f : List.of(FieldType.DENG, FieldType.GRADIENT, FieldType.SHARP,
            FieldType.MMD)) {
          boolean spectral = k.startsWith("spectral");
          if (spectral && (!g.equals("S2") || f == FieldType.SHARP)) {
            continue;
          }
          if (k.equals("rq(alpha=0.7)") && f == FieldType.SHARP) {
            continue;
          }
          for (double tau : new double[] {0.05, 0.1, 0.5}) {
            out.add(Arguments.of(g, k, f, tau));
          }
        }
      }
    }
    return out.stream();
  }

  private static KernelSpec kernel(String text, double tau) {
    String s = text.contains("(") ? text.replace("(", "(tau=" + tau + ", ")
        : text + "(tau=" + tau + ")";
    return KernelSpec.parse(s);
  }

  @ParameterizedTest(name = "{0} {1} {2} tau={3}")
  @MethodSource("cases")
  void matchesTheFloat64Reference(String geometry, String kernelText, FieldType field,
      double tau) {
    Manifold m = TestInputs.manifold(geometry);
    // Seeded from strings: an enum's hashCode differs between JVM runs.
    Random r = new Random((geometry + "|" + kernelText + "|" + field.name() + "|" + tau).hashCode());
    boolean slow = kernelText.startsWith("matern(") || kernelText.startsWith("spectral");
    int n = slow ? 12 : 40;
    int mp = slow ? 30 : 700;
    double[][] x = TestInputs.points(m, n, r);
    double[][] p = TestInputs.points(m, mp, r);
    double[][] q = TestInputs.points(m, mp / 2, r);
    p[0] = x[0].clone(); // a coincident positive
    p[1] = x[1].clone();
    QueryBatch batch = QueryBatch.of(x);
    ReferenceSet pos = new ReferenceSet(Side.POSITIVE, p, TestInputs.weights(mp, r),
        TestInputs.noIds(mp));
    ReferenceSet neg = new ReferenceSet(Side.NEGATIVE, q, TestInputs.weights(q.length, r),
        TestInputs.noIds(q.length));
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    neg = neg.concat(new ReferenceSet(Side.NEGATIVE, x, ones, batch.ids()));
    FieldSpec spec = FieldSpec.of(field, kernel(kernelText, tau), List.of(tau, 2 * tau));

    FieldReduction reference = FieldReduction.of(spec, m);
    Partials refPartials = reference.identity(n);
    refPartials.mergeFrom(reference.partials(batch, pos));
    refPartials.mergeFrom(reference.partials(batch, neg));
    double[][] expected = reference.finish(refPartials);

    Partials fused = reference.identity(n);
    fused.mergeFrom(KERNEL.partials(spec, m, batch, KERNEL.upload(pos, m)));
    fused.mergeFrom(KERNEL.partials(spec, m, batch, KERNEL.upload(neg, m)));
    double[][] actual = reference.finish(fused);

    double error = TestInputs.relativeFrobenius(actual, expected);
    double tolerance = tau >= 0.2 ? 1e-4 : 1e-3;
    assertTrue(error <= tolerance, "relative Frobenius error " + error + " > " + tolerance);
  }

  static Geometry unused() {
    return Geometry.EUCLIDEAN;
  }
}
