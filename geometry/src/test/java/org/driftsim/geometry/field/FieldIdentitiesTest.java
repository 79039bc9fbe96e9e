package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.assertRows;
import static org.driftsim.geometry.field.FieldTestData.onSide;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.driftsim.geometry.field.FieldTestData.KernelCase;
import org.driftsim.geometry.field.FieldTestData.Problem;
import org.driftsim.geometry.kernel.KernelFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identities of MATH.md §3: for the Gaussian kernel {@code deng = τ²·gradient = τ²·sharp}; every
 * field but deng_coded is antisymmetric, {@code V_{P,N} = −V_{N,P}}, and vanishes for P = N.
 */
class FieldIdentitiesTest {
  static final int N = 20;
  static final int M = 30;

  static Stream<GeometryCase> geometries() {
    return FieldTestData.geometries().stream();
  }

  static Stream<Arguments> validCombinations() {
    return DriftFieldsTest.validCombinations();
  }

  /**
   * Gaussian, one temperature: {@code ‖deng − τ²·gradient‖_F ≤ 1e-12·‖deng‖_F}, same for sharp;
   * per row against 1e-12·(‖A_P‖ + ‖A_N‖) of deng.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("geometries")
  void gaussianDengIsTauSquaredTimesGradientAndSharp(GeometryCase g) {
    double tol = 1e-12;
    Random rng = FieldTestData.rng("gaussian identity", g);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    double tau = 0.5 * p.typical();
    KernelCase gaussian = FieldTestData.radial(KernelFamily.GAUSSIAN);
    FieldSpec deng = FieldTestData.spec(FieldType.DENG, gaussian, List.of(tau));
    double[][] vDeng = compute(deng, p);
    double[] rowScale = DenseFields.compute(deng, p.manifold(), p.queries(), p.positives(),
        p.negatives()).rowScale();
    for (FieldType other : List.of(FieldType.GRADIENT, FieldType.SHARP)) {
      double[][] v = compute(FieldTestData.spec(other, gaussian, List.of(tau)), p);
      for (double[] row : v) {
        for (int k = 0; k < row.length; k++) {
          row[k] *= tau * tau;
        }
      }
      String what = "deng vs τ²·" + other + " on " + g;
      assertRelativeFrobenius(vDeng, v, tol, what);
      assertRows(vDeng, v, rowScale, tol, what);
    }
  }

  /**
   * {@code V_{P,N} = −V_{N,P}}: {@code ‖V_{P,N} + V_{N,P}‖_F ≤ 1e-12·‖V_{P,N}‖_F} and per row
   * against 1e-12·Σ_τ(‖A_P‖ + ‖A_N‖); and for P = N (the negatives, query copies included, on
   * both sides) {@code ‖V_i‖ ≤ 1e-14·Σ_τ(‖A_P‖ + ‖A_N‖)} (both sides run through the same
   * arithmetic, so the cancellation is in fact exact).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("validCombinations")
  void antisymmetricAndZeroForEqualSides(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("antisymmetry", g, k, f);
    Problem p = FieldTestData.problem(g, 8, 12, 12, rng); // smaller: a property, not the sweep
    FieldSpec spec = FieldTestData.spec(f, k, FieldTestData.temperatures(k, p.typical(), 2));
    double[][] forward = compute(spec, p);
    double[][] backward = DriftFields.compute(spec, p.manifold(), p.queries(),
        onSide(Side.POSITIVE, p.negatives()), onSide(Side.NEGATIVE, p.positives()));
    for (double[] row : backward) {
      for (int c = 0; c < row.length; c++) {
        row[c] = -row[c];
      }
    }
    // Per-row scales from the dense averages: Σ_τ(‖A_P‖ + ‖A_N‖), and 2·Σ_τ‖A_N‖ for P = N.
    double[][][] ap = DenseFields.averages(spec, p.manifold(), p.queries(), p.positives());
    double[][][] an = DenseFields.averages(spec, p.manifold(), p.queries(), p.negatives());
    double[] rowScale = new double[forward.length];
    double[] sameScale = new double[forward.length];
    for (int t = 0; t < spec.temperatures(); t++) {
      for (int i = 0; i < forward.length; i++) {
        rowScale[i] += FieldTestData.norm(ap[t][i]) + FieldTestData.norm(an[t][i]);
        sameScale[i] += 2 * FieldTestData.norm(an[t][i]);
      }
    }
    String what = "antisymmetry of " + spec + " on " + g;
    assertRelativeFrobenius(forward, backward, 1e-12, what);
    assertRows(forward, backward, rowScale, 1e-12, what);

    ReferenceSet same = p.negatives();
    double[][] zero = DriftFields.compute(spec, p.manifold(), p.queries(),
        onSide(Side.POSITIVE, same), same);
    assertRows(new double[zero.length][zero[0].length], zero, sameScale, 1e-14,
        "P = N for " + spec + " on " + g);
  }

  private static double[][] compute(FieldSpec spec, Problem p) {
    return DriftFields.compute(spec, p.manifold(), p.queries(), p.positives(), p.negatives());
  }
}
