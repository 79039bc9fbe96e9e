package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.assertRows;
import static org.driftsim.geometry.field.FieldTestData.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.driftsim.geometry.field.FieldTestData.KernelCase;
import org.driftsim.geometry.field.FieldTestData.Problem;
import org.driftsim.geometry.kernel.KernelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shard-merge invariance of {@link Partials} (MATH.md §3, "Partial sums"): the field from any
 * split of the references, merged in any order, equals the unsplit field; the empty shard is the
 * identity exactly; partials of different shapes do not merge.
 */
class PartialsTest {
  static final double TOL = 1e-12;

  /**
   * Every geometry × field with a log-space kernel (laplace, gaussian, rq) and, on S², the
   * linear-space spectral kernels; split into 1, 2 and 7 shards per side.
   */
  static Stream<Arguments> splits() {
    List<Arguments> out = new ArrayList<>();
    List<KernelCase> kernels = List.of(FieldTestData.radial(KernelFamily.LAPLACE),
        FieldTestData.radial(KernelFamily.GAUSSIAN), FieldTestData.rq(2.0),
        FieldTestData.SPECTRAL_MATERN, FieldTestData.SPECTRAL_HEAT);
    for (GeometryCase g : FieldTestData.geometries()) {
      for (KernelCase k : kernels) {
        for (FieldType f : FieldTestData.partialSumFields()) {
          if (!k.supports(g) || !k.supports(f)) {
            continue;
          }
          for (int shards : new int[] {1, 2, 7}) {
            out.add(Arguments.of(g, k, f, shards));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * Unsplit {@link DriftFields#compute} against three sharded paths: partials of every shard
   * merged along a random tree with {@link Partials#combine}; merged in a random order with
   * {@link Partials#mergeFrom} into the identity; and {@link DriftFields#computeSharded} over the
   * shuffled shard list. Each: {@code ‖ΔV‖_F ≤ 1e-12·‖V‖_F} and per row
   * {@code ‖ΔV_i‖ ≤ 1e-12·Σ_τ(‖A_P‖ + ‖A_N‖)}.
   */
  @ParameterizedTest(name = "{0} {1} {2} into {3} shards")
  @MethodSource("splits")
  void anySplitMergedInAnyOrderEqualsTheUnsplitField(GeometryCase g, KernelCase k,
      FieldType f, int count) {
    Random rng = FieldTestData.rng("split", g, k, f, count);
    Problem p = FieldTestData.problem(g, 12, 20, 20, rng);
    FieldSpec spec = FieldTestData.spec(f, k, FieldTestData.temperatures(k, p.typical(), 2));
    double[][] unsplit =
        DriftFields.compute(spec, p.manifold(), p.queries(), p.positives(), p.negatives());
    double[] rowScale = DenseFields.compute(spec, p.manifold(), p.queries(), p.positives(),
        p.negatives()).rowScale();

    List<ReferenceSet> shards = new ArrayList<>();
    shards.addAll(FieldTestData.split(p.positives(), count, rng));
    shards.addAll(FieldTestData.split(p.negatives(), count, rng));
    Collections.shuffle(shards, rng);
    FieldReduction reduction = FieldReduction.of(spec, p.manifold());
    List<Partials> parts = new ArrayList<>();
    for (ReferenceSet shard : shards) {
      parts.add(reduction.partials(p.queries(), shard));
    }
    String what = spec + " on " + g + " in " + count + " shards";

    double[][] tree =
        reduction.finish(FieldTestData.mergeRandomly(parts, Partials::combine, rng));
    assertRelativeFrobenius(unsplit, tree, TOL, what + " (combine, random tree)");
    assertRows(unsplit, tree, rowScale, TOL, what + " (combine, random tree)");

    List<Partials> shuffled = new ArrayList<>(parts);
    Collections.shuffle(shuffled, rng);
    Partials acc = reduction.identity(p.queries().size());
    for (Partials part : shuffled) {
      acc.mergeFrom(part);
    }
    double[][] inPlace = reduction.finish(acc);
    assertRelativeFrobenius(unsplit, inPlace, TOL, what + " (mergeFrom, random order)");
    assertRows(unsplit, inPlace, rowScale, TOL, what + " (mergeFrom, random order)");

    double[][] facade =
        DriftFields.computeSharded(spec, p.manifold(), p.queries(), shards);
    assertRelativeFrobenius(unsplit, facade, TOL, what + " (computeSharded)");
    assertRows(unsplit, facade, rowScale, TOL, what + " (computeSharded)");
  }

  static Stream<Arguments> identityCases() {
    return Stream.of(
        Arguments.of(FieldTestData.R3, FieldTestData.radial(KernelFamily.LAPLACE)),
        Arguments.of(FieldTestData.H2, FieldTestData.radial(KernelFamily.GAUSSIAN)),
        Arguments.of(FieldTestData.S2, FieldTestData.SPECTRAL_HEAT));
  }

  /**
   * {@code identity ⊕ p = p ⊕ identity = p} exactly (every raw array, element by element), for
   * {@link Partials#combine} and {@link Partials#mergeFrom} in both directions; and the partials
   * of an empty shard are the identity {@code (−∞, 0, −∞, 0)}.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("identityCases")
  void identityIsNeutralExactly(GeometryCase g, KernelCase k) {
    Random rng = FieldTestData.rng("identity", g, k);
    Problem p = FieldTestData.problem(g, 6, 8, 8, rng);
    for (FieldType f : FieldTestData.partialSumFields()) {
      if (!k.supports(f)) {
        continue;
      }
      FieldSpec spec = FieldTestData.spec(f, k, FieldTestData.temperatures(k, p.typical(), 2));
      FieldReduction reduction = FieldReduction.of(spec, p.manifold());
      int n = p.queries().size();
      Partials part = reduction.partials(p.queries(), p.negatives());
      part.mergeFrom(reduction.partials(p.queries(), p.positives()));

      Partials left = Partials.combine(reduction.identity(n), part);
      Partials right = Partials.combine(part, reduction.identity(n));
      Partials intoIdentity = reduction.identity(n);
      intoIdentity.mergeFrom(part);
      Partials fromIdentity = Partials.combine(part, reduction.identity(n)); // a copy
      fromIdentity.mergeFrom(reduction.identity(n));
      for (Partials merged : List.of(left, right, intoIdentity, fromIdentity)) {
        assertSameRaw(part, merged, spec + ": identity ⊕ p");
      }

      Partials empty = reduction.partials(p.queries(), p.positives().slice(0, 0));
      assertSameRaw(reduction.identity(n), empty, spec + ": empty shard");
      for (double m : empty.denominatorMax()) {
        assertEquals(Double.NEGATIVE_INFINITY, m, "empty shard max");
      }
    }
  }

  private static void assertSameRaw(Partials expected, Partials actual, String what) {
    assertEquals(expected.queries(), actual.queries(), what);
    assertEquals(expected.temperatures(), actual.temperatures(), what);
    assertEquals(expected.dimension(), actual.dimension(), what);
    assertSameValues(expected.denominatorMax(), actual.denominatorMax(), what + " m");
    assertSameValues(expected.denominatorSum(), actual.denominatorSum(), what + " s");
    assertSameValues(expected.numeratorMax(), actual.numeratorMax(), what + " m'");
    assertSameValues(expected.numeratorSum(), actual.numeratorSum(), what + " v");
  }

  /** {@link Partials#of} rebuilds partials exactly from their raw arrays. */
  @Test
  void rawArraysRoundTrip() {
    Random rng = FieldTestData.rng("raw");
    Problem p = FieldTestData.problem(FieldTestData.S3, 5, 7, 7, rng);
    FieldSpec spec = FieldTestData.spec(FieldType.GRADIENT,
        FieldTestData.radial(KernelFamily.MATERN52), List.of(0.3, 0.7));
    Partials part = FieldReduction.of(spec, p.manifold()).partials(p.queries(), p.positives());
    Partials copy = Partials.of(part.queries(), part.temperatures(), part.dimension(),
        part.denominatorMax(), part.denominatorSum(), part.numeratorMax(), part.numeratorSum());
    assertSameRaw(part, copy, "Partials.of");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Partials.of(5, 2, 4, new double[19], part.denominatorSum(), part.numeratorMax(),
            part.numeratorSum()));
    assertEquals("denominator maxima must have length 20, got 19", e.getMessage());
  }

  /** Partials of different shapes (queries, temperatures or dimension) fail to merge. */
  @Test
  void partialsOfDifferentShapesDoNotMerge() {
    Partials base = Partials.identity(3, 2, 3);
    List<Partials> others = List.of(Partials.identity(4, 2, 3), Partials.identity(3, 1, 3),
        Partials.identity(3, 2, 4));
    List<String> found = List.of("4 × 2 × 3", "3 × 1 × 3", "3 × 2 × 4");
    for (int c = 0; c < others.size(); c++) {
      Partials other = others.get(c);
      String expected = "partials must have the same shape to merge: expected 3 queries × 2 "
          + "temperatures × 3 dimensions, found " + found.get(c);
      IllegalArgumentException combine =
          assertThrows(IllegalArgumentException.class, () -> Partials.combine(base, other));
      assertEquals(expected, combine.getMessage());
      IllegalArgumentException merge =
          assertThrows(IllegalArgumentException.class, () -> base.mergeFrom(other));
      assertEquals(expected, merge.getMessage());
    }
    // A failed merge leaves the target untouched.
    assertSameRaw(Partials.identity(3, 2, 3), base, "after failed merges");
  }

  /** {@link FieldReduction#finish} refuses partials of another field's shape. */
  @Test
  void finishRefusesPartialsOfAnotherShape() {
    FieldSpec spec = FieldSpec.of(FieldType.DENG,
        org.driftsim.geometry.kernel.KernelSpec.of(KernelFamily.LAPLACE, 0.5), List.of(0.5));
    FieldReduction reduction = FieldReduction.of(spec, FieldTestData.R3.manifold());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> reduction.finish(Partials.identity(2, 2, 3)));
    assertEquals("partials must match the field: expected 1 temperatures × 3 dimensions, "
        + "found 2 × 3", e.getMessage());
  }
}
