package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertFinite;
import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.assertRows;
import static org.driftsim.geometry.field.FieldTestData.assertRowsRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.driftsim.geometry.field.FieldTestData.KernelCase;
import org.driftsim.geometry.field.FieldTestData.Problem;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented edge cases of MATH.md §3 for the one-round fields (deng, gradient, sharp,
 * mmd): no negatives, a query's own copy, zero weights, an all-zero side, a reference at the
 * query (r = 0), multi-temperature sums, and the combinations that must be refused.
 */
class FieldEdgeCasesTest {
  static final int N = 10;
  static final int M = 14;
  /** Two paths that do the same arithmetic on the same terms (e.g. a skipped zero weight). */
  static final double SAME_TERMS = 1e-13;

  /**
   * Every field on a representative spread: each geometry with laplace, plus rq, matern52 and
   * general Matérn on some, and both spectral kernels on S².
   */
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Object[]> pairs = new ArrayList<>();
    for (GeometryCase g : FieldTestData.geometries()) {
      pairs.add(new Object[] {g, FieldTestData.radial(KernelFamily.LAPLACE)});
    }
    pairs.add(new Object[] {FieldTestData.R3, FieldTestData.rq(2.0)});
    pairs.add(new Object[] {FieldTestData.H2, FieldTestData.radial(KernelFamily.MATERN52)});
    pairs.add(new Object[] {FieldTestData.SIMPLEX_3X3, FieldTestData.matern(2.3)});
    pairs.add(new Object[] {FieldTestData.S2, FieldTestData.radial(KernelFamily.GAUSSIAN)});
    pairs.add(new Object[] {FieldTestData.S2, FieldTestData.SPECTRAL_MATERN});
    pairs.add(new Object[] {FieldTestData.S2, FieldTestData.SPECTRAL_HEAT});
    for (Object[] gk : pairs) {
      for (FieldType f : FieldTestData.partialSumFields()) {
        if (((KernelCase) gk[1]).supports(f)) {
          out.add(Arguments.of(gk[0], gk[1], f));
        }
      }
    }
    return out.stream();
  }

  private static FieldSpec spec(FieldType f, KernelCase k, Problem p) {
    return FieldTestData.spec(f, k, FieldTestData.temperatures(k, p.typical(), 2));
  }

  /**
   * No negatives ({@code null}, an empty set, or no negative shard at all): V = A_P, equal
   * across the three forms and to the dense Σ_τ A_P to 1e-9 (batch Frobenius and per row).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void withoutNegativesTheFieldIsThePositiveAverage(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("no negatives", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    FieldSpec spec = spec(f, k, p);
    Manifold m = p.manifold();
    double[][] none = DriftFields.compute(spec, m, p.queries(), p.positives(), null);
    double[][] empty = DriftFields.compute(spec, m, p.queries(), p.positives(),
        p.negatives().slice(0, 0));
    double[][] onlyPositiveShards =
        DriftFields.computeSharded(spec, m, p.queries(), List.of(p.positives()));
    assertRelativeFrobenius(none, empty, 0.0, "null vs empty negatives");
    assertRelativeFrobenius(none, onlyPositiveShards, 0.0, "null vs positive shards only");
    DenseFields.Result dense = DenseFields.compute(spec, m, p.queries(), p.positives(), null);
    String what = spec + " on " + g + " without negatives";
    assertRelativeFrobenius(dense.field(), none, 1e-9, what);
    assertRows(dense.field(), none, dense.rowScale(), 1e-9, what);
  }

  /**
   * The copy of query i among the negatives (same id) is excluded: row i of the batch field
   * equals the field of query i alone with that copy removed (1e-13 relative per row); while the
   * same point with no id is a reference like any other and changes the field.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aQuerysOwnCopyIsExcluded(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("own copy", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    FieldSpec spec = spec(f, k, p);
    Manifold m = p.manifold();
    double[][] batch = DriftFields.compute(spec, m, p.queries(), p.positives(), p.negatives());
    ReferenceSet neg = p.negatives();
    double[][] alone = new double[N][];
    double[][] withAnonymousCopy = new double[N][];
    for (int i = 0; i < N; i++) {
      long id = p.queries().ids()[i];
      List<Integer> keep = new ArrayList<>();
      int copy = -1;
      for (int j = 0; j < neg.size(); j++) {
        if (neg.ids()[j] == id) {
          copy = j;
        } else {
          keep.add(j);
        }
      }
      assertTrue(copy >= 0, "the negatives hold query " + i + "'s copy");
      QueryBatch single = new QueryBatch(new double[][] {p.queries().points()[i]},
          new long[] {id});
      alone[i] = DriftFields.compute(spec, m, single, p.positives(), subset(neg, keep))[0];
      long[] anonymous = neg.ids().clone();
      anonymous[copy] = ReferenceSet.NO_ID;
      withAnonymousCopy[i] = DriftFields.compute(spec, m, single, p.positives(),
          new ReferenceSet(Side.NEGATIVE, neg.points(), neg.weights(), anonymous))[0];
    }
    String what = spec + " on " + g;
    assertRowsRelative(alone, batch, SAME_TERMS, what + ": copy excluded");
    double change = FieldTestData.frobeniusDifference(batch, withAnonymousCopy);
    assertTrue(change > 1e-6 * FieldTestData.frobenius(batch),
        what + ": a copy without the query's id must count as a reference, change " + change);
  }

  private static ReferenceSet subset(ReferenceSet set, List<Integer> keep) {
    double[][] p = new double[keep.size()][];
    double[] w = new double[keep.size()];
    long[] ids = new long[keep.size()];
    for (int c = 0; c < keep.size(); c++) {
      p[c] = set.points()[keep.get(c)];
      w[c] = set.weights()[keep.get(c)];
      ids[c] = set.ids()[keep.get(c)];
    }
    return new ReferenceSet(set.side(), p, w, ids);
  }

  /**
   * References of weight 0 on either side are the same as removed references (1e-13 relative,
   * batch Frobenius); and a side whose weights are all 0 has A = 0, so V = A_P or V = −A_N
   * (1e-13 against the field without that side, and 1e-9 against the dense Σ_τ A).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void zeroWeightsAreRemovedReferences(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("zero weights", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    FieldSpec spec = spec(f, k, p);
    Manifold m = p.manifold();
    ReferenceSet[] zeroed = new ReferenceSet[2];
    ReferenceSet[] removed = new ReferenceSet[2];
    ReferenceSet[] sides = {p.positives(), p.negatives()};
    for (int s = 0; s < 2; s++) {
      double[] w = sides[s].weights().clone();
      List<Integer> keep = new ArrayList<>();
      for (int j = 0; j < w.length; j++) {
        if (j % 3 == 1) {
          w[j] = 0.0;
        } else {
          keep.add(j);
        }
      }
      zeroed[s] = new ReferenceSet(sides[s].side(), sides[s].points(), w, sides[s].ids());
      removed[s] = subset(sides[s], keep);
    }
    String what = spec + " on " + g;
    assertRelativeFrobenius(DriftFields.compute(spec, m, p.queries(), removed[0], removed[1]),
        DriftFields.compute(spec, m, p.queries(), zeroed[0], zeroed[1]), SAME_TERMS,
        what + ": zero weights");

    ReferenceSet noPositiveWeight = new ReferenceSet(Side.POSITIVE, p.positives().points(),
        new double[M], p.positives().ids());
    ReferenceSet noNegativeWeight = new ReferenceSet(Side.NEGATIVE, p.negatives().points(),
        new double[p.negatives().size()], p.negatives().ids());
    double[][] onlyNegatives =
        DriftFields.compute(spec, m, p.queries(), noPositiveWeight, p.negatives());
    double[][] onlyPositives =
        DriftFields.compute(spec, m, p.queries(), p.positives(), noNegativeWeight);
    double[][] minusAn = DriftFields.computeSharded(spec, m, p.queries(),
        List.of(p.negatives()));
    assertRelativeFrobenius(minusAn, onlyNegatives, SAME_TERMS, what + ": all P weights 0");
    assertRelativeFrobenius(DriftFields.compute(spec, m, p.queries(), p.positives(), null),
        onlyPositives, SAME_TERMS, what + ": all N weights 0");
    DenseFields.Result dense =
        DenseFields.compute(spec, m, p.queries(), noPositiveWeight, p.negatives());
    assertRelativeFrobenius(dense.field(), onlyNegatives, 1e-9, what + ": V = −A_N (dense)");
    assertRows(dense.field(), onlyNegatives, dense.rowScale(), 1e-9, what + ": V = −A_N");
  }

  /**
   * Every kernel (including general Matérn ν = 0.3, where −κ'(0) = +∞) and field on four
   * geometries, with a positive placed exactly at every other query (r = 0, no id so it is not
   * excluded): the field is finite and agrees with the dense evaluation, whose gradient term at
   * r = 0 is the zero vector, to 1e-9 (batch and per row).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("coincidentCases")
  void aPositiveAtTheQueryGivesAFiniteField(GeometryCase g, KernelCase k, FieldType f) {
    Random rng = FieldTestData.rng("coincident", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    double[][] pos = Arrays.copyOf(p.positives().points(), M + N / 2);
    for (int i = 0; i < N / 2; i++) {
      pos[M + i] = p.queries().points()[2 * i].clone();
    }
    ReferenceSet positives = FieldTestData.references(Side.POSITIVE, pos, rng);
    long[] ids = positives.ids().clone();
    Arrays.fill(ids, M, M + N / 2, ReferenceSet.NO_ID);
    positives = new ReferenceSet(Side.POSITIVE, pos, positives.weights(), ids);
    FieldSpec spec = spec(f, k, p);
    double[][] v = DriftFields.compute(spec, p.manifold(), p.queries(), positives, p.negatives());
    String what = spec + " on " + g + " with r = 0";
    assertFinite(v, what);
    DenseFields.Result dense =
        DenseFields.compute(spec, p.manifold(), p.queries(), positives, p.negatives());
    assertRelativeFrobenius(dense.field(), v, 1e-9, what);
    assertRows(dense.field(), v, dense.rowScale(), 1e-9, what);
  }

  static Stream<Arguments> coincidentCases() {
    List<Arguments> out = new ArrayList<>();
    List<KernelCase> kernels = new ArrayList<>(FieldTestData.kernels());
    kernels.add(FieldTestData.matern(0.3));
    for (GeometryCase g : List.of(FieldTestData.R3, FieldTestData.S2, FieldTestData.H2,
        FieldTestData.SIMPLEX_3X3)) {
      for (KernelCase k : kernels) {
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
   * Three temperatures: V equals the sum of the three single-temperature fields (batch
   * Frobenius 1e-13·‖V‖ and per row 1e-13·Σ_τ(‖A_P‖ + ‖A_N‖); no normalization is applied).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void multiTemperatureFieldIsTheSumOfSingleTemperatureFields(GeometryCase g, KernelCase k,
      FieldType f) {
    Random rng = FieldTestData.rng("multi temperature", g, k, f);
    Problem p = FieldTestData.problem(g, N, M, M, rng);
    List<Double> temps = FieldTestData.temperatures(k, p.typical(), 3);
    Manifold m = p.manifold();
    FieldSpec spec = FieldTestData.spec(f, k, temps);
    double[][] all = DriftFields.compute(spec, m, p.queries(), p.positives(), p.negatives());
    double[][] sum = new double[N][m.ambientDimension()];
    for (double tau : temps) {
      double[][] one = DriftFields.compute(FieldTestData.spec(f, k, List.of(tau)), m,
          p.queries(), p.positives(), p.negatives());
      for (int i = 0; i < N; i++) {
        for (int c = 0; c < sum[i].length; c++) {
          sum[i][c] += one[i][c];
        }
      }
    }
    double[] rowScale =
        DenseFields.compute(spec, m, p.queries(), p.positives(), p.negatives()).rowScale();
    String what = spec + " on " + g;
    assertRelativeFrobenius(sum, all, SAME_TERMS, what);
    assertRows(sum, all, rowScale, SAME_TERMS, what);
  }

  // ------------------------------------------------------------------------ refusals

  @Test
  void sharpWithRationalQuadraticNeedsAlphaAboveOne() {
    for (double alpha : new double[] {0.7, 1.0}) {
      KernelSpec rq = new KernelSpec(KernelFamily.RQ, 0.5, alpha, Double.NaN, 0);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FieldSpec.of(FieldType.SHARP, rq, List.of(0.5, 1.0)));
      assertEquals("alpha must be > 1 for the sharp field, got " + alpha, e.getMessage());
    }
    KernelSpec rq = new KernelSpec(KernelFamily.RQ, 0.5, 1.0001, Double.NaN, 0);
    assertEquals(2, FieldSpec.of(FieldType.SHARP, rq, List.of(0.5, 1.0)).temperatures());
  }

  @Test
  void sharpWithASpectralKernelIsRefusedNamingTheKernel() {
    for (KernelCase k : List.of(FieldTestData.SPECTRAL_MATERN, FieldTestData.SPECTRAL_HEAT)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FieldSpec.of(FieldType.SHARP, k.prototype(), List.of(0.5)));
      String name = k.prototype().family().cliName();
      assertTrue(e.getMessage().contains("sharp") && e.getMessage().contains(name),
          "message must name the field and the " + name + " kernel: " + e.getMessage());
    }
  }

  /**
   * {@link DriftFields#compute} reduces each set by its own side, so a set passed in the other
   * argument would flip the sign of its term silently; it is refused instead.
   */
  @Test
  void computeRefusesASetOnTheWrongSide() {
    Random rng = FieldTestData.rng("wrong side");
    Problem p = FieldTestData.problem(FieldTestData.R2, 3, 4, 4, rng);
    FieldSpec spec = FieldSpec.of(FieldType.DENG, KernelSpec.of(KernelFamily.GAUSSIAN, 0.5),
        List.of(0.5));
    IllegalArgumentException pos = assertThrows(IllegalArgumentException.class,
        () -> DriftFields.compute(spec, p.manifold(), p.queries(),
            FieldTestData.onSide(Side.NEGATIVE, p.positives()), null));
    assertEquals("positives must be on side POSITIVE, got NEGATIVE", pos.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> DriftFields.compute(spec, p.manifold(), p.queries(), p.positives(),
            FieldTestData.onSide(Side.POSITIVE, p.negatives())));
    assertEquals("negatives must be on side NEGATIVE, got POSITIVE", neg.getMessage());
  }

  /** Spectral kernels exist on S² only: every other geometry (S³ included) is refused. */
  @Test
  void spectralKernelsOffTheTwoSphereAreRefused() {
    for (KernelCase k : List.of(FieldTestData.SPECTRAL_MATERN, FieldTestData.SPECTRAL_HEAT)) {
      for (GeometryCase g : FieldTestData.geometries()) {
        Manifold m = g.manifold();
        Random rng = FieldTestData.rng("spectral off S2", k, g);
        QueryBatch q = FieldTestData.queries(FieldTestData.points(m, 2, rng));
        ReferenceSet p = ReferenceSet.of(Side.POSITIVE, FieldTestData.points(m, 3, rng));
        for (FieldType f : List.of(FieldType.DENG, FieldType.GRADIENT, FieldType.MMD)) {
          FieldSpec spec = FieldSpec.of(f, k.prototype(), List.of(0.5));
          if (g.isS2()) {
            assertFinite(DriftFields.compute(spec, m, q, p, null), spec + " on S^2");
            continue;
          }
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
              () -> DriftFields.compute(spec, m, q, p, null), spec + " on " + g);
          assertEquals("the " + k.prototype().family().cliName() + " kernel needs the sphere S² "
              + "(geometry sphere with 3 columns), got " + m.geometry().cliName() + " " + m,
              e.getMessage());
        }
      }
    }
  }
}
