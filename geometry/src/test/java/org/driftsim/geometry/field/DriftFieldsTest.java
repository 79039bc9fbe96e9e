package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.assertRows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.driftsim.geometry.field.FieldTestData.KernelCase;
import org.driftsim.geometry.field.FieldTestData.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DriftFields#compute} (log-space partial sums) against the independent dense
 * linear-space {@link DenseFields} on every valid geometry × kernel × field.
 */
class DriftFieldsTest {
  /** Relative agreement of the two implementations. */
  static final double TOL = 1e-9;
  static final int N = 20;
  static final int M = 30;

  /** Every valid (geometry, kernel, field): spectral kernels on S² only, sharp where defined. */
  static Stream<Arguments> validCombinations() {
    List<Arguments> out = new ArrayList<>();
    for (GeometryCase g : FieldTestData.geometries()) {
      for (KernelCase k : FieldTestData.kernels()) {
        for (FieldType f : FieldTestData.partialSumFields()) {
          if (k.supports(g) && k.supports(f)) {
            out.add(Arguments.of(g, k, f));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * Two temperatures, random weights, negatives holding a copy of every query (same id). Batch:
   * {@code ‖ΔV‖_F ≤ 1e-9·‖V‖_F}; every row: {@code ‖ΔV_i‖ ≤ 1e-9·Σ_τ(‖A_P‖ + ‖A_N‖)}.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("validCombinations")
  void agreesWithDenseLinearSpaceEvaluation(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("dense", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    FieldSpec spec = FieldTestData.spec(f, k, FieldTestData.temperatures(k, p.typical(), 2));
    DenseFields.Result expected =
        DenseFields.compute(spec, p.manifold(), p.queries(), p.positives(), p.negatives());
    double[][] actual =
        DriftFields.compute(spec, p.manifold(), p.queries(), p.positives(), p.negatives());
    String what = spec + " on " + g;
    assertRelativeFrobenius(expected.field(), actual, TOL, what);
    assertRows(expected.field(), actual, expected.rowScale(), TOL, what);
  }
}
