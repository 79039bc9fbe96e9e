package org.driftsim.geometry.field;

import static org.driftsim.geometry.field.FieldTestData.assertRelativeFrobenius;
import static org.driftsim.geometry.field.FieldTestData.assertRows;
import static org.driftsim.geometry.field.FieldTestData.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldTestData.GeometryCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code deng_coded} ({@link DengCoded}, through {@link DriftFields}) against the dense
 * transcription {@link DenseDengCoded} of MATH.md §3 steps 1–5; its three sharded rounds against
 * the unsplit computation; and its restriction to R^d.
 */
class DengCodedTest {
  static final double TOL = 1e-9;
  static final int N = 20;
  static final int M_NEG = 25;
  static final int M_POS = 30;
  /** Weight of the unconditional negatives in the official-weight scenarios. */
  static final double W_U = 0.6;

  /** Which negatives the targets hold besides the positives. */
  enum Negatives {
    /** The query batch itself (ids match: soft self-mask), as in the official code. */
    QUERIES,
    /** The query batch and unconditional negatives of weight w_u. */
    QUERIES_AND_UNCONDITIONAL,
    /** Only unconditional negatives (the query batch is not among the targets). */
    UNCONDITIONAL
  }

  /** Target weights. */
  enum Weights {
    /** 1 for generated and positives, w_u for unconditional negatives (the official code). */
    OFFICIAL,
    /** Random per-target weights, some of them 0 (an extension; 0 still enters the softmaxes). */
    RANDOM
  }

  /** Inputs of one scenario: the dense layout and the ReferenceSets for the main code. */
  record Scenario(double[][] x, boolean generated, double[] generatedWeight, double[][] neg,
      double[] negWeight, double[][] pos, double[] posWeight, QueryBatch queries,
      ReferenceSet negatives, ReferenceSet positives) {

    DenseDengCoded.Result dense(double[] temperatures) {
      return DenseDengCoded.compute(x, generated, generatedWeight, neg, negWeight, pos, posWeight,
          temperatures);
    }
  }

  static double[][] gaussianPoints(int count, int d, double spread, double offset, Random rng) {
    double[][] p = new double[count][d];
    for (double[] row : p) {
      for (int k = 0; k < d; k++) {
        row[k] = offset + spread * rng.nextGaussian();
      }
    }
    return p;
  }

  static double[] weights(Weights weights, int count, double official, Random rng) {
    double[] w = new double[count];
    for (int j = 0; j < count; j++) {
      w[j] = weights == Weights.OFFICIAL ? official
          : rng.nextInt(6) == 0 ? 0.0 : 0.2 + 2 * rng.nextDouble();
    }
    return w;
  }

  static Scenario scenario(int d, Negatives negatives, Weights weights, double spread,
      Random rng) {
    double offset = 0.3;
    double[][] x = gaussianPoints(N, d, spread, offset, rng);
    boolean generated = negatives != Negatives.UNCONDITIONAL;
    int mu = negatives == Negatives.QUERIES ? 0 : M_NEG;
    double[][] neg = gaussianPoints(mu, d, spread, offset + 0.5 * spread, rng);
    double[][] pos = gaussianPoints(M_POS, d, spread, offset - 0.5 * spread, rng);
    double[] gw = weights(weights, N, 1.0, rng);
    double[] nw = weights(weights, mu, W_U, rng);
    double[] pw = weights(weights, M_POS, 1.0, rng);
    if (weights == Weights.RANDOM) {
      pw[0] = 1.0; // keep the positive side non-degenerate
    }
    QueryBatch q = FieldTestData.queries(x);
    // Negatives for the main code: the query copies (ids of the queries) and the unconditional
    // negatives (no id), shuffled, so that the mask follows ids and not positions.
    List<Integer> order = new ArrayList<>();
    int g = generated ? N : 0;
    for (int j = 0; j < g + mu; j++) {
      order.add(j);
    }
    Collections.shuffle(order, rng);
    double[][] np = new double[g + mu][];
    double[] nwAll = new double[g + mu];
    long[] nid = new long[g + mu];
    for (int slot = 0; slot < g + mu; slot++) {
      int j = order.get(slot);
      if (j < g) {
        np[slot] = x[j].clone();
        nwAll[slot] = gw[j];
        nid[slot] = q.ids()[j];
      } else {
        np[slot] = neg[j - g];
        nwAll[slot] = nw[j - g];
        nid[slot] = ReferenceSet.NO_ID;
      }
    }
    ReferenceSet negSet = new ReferenceSet(Side.NEGATIVE, np, nwAll, nid);
    long[] pid = new long[M_POS];
    Arrays.fill(pid, ReferenceSet.NO_ID);
    ReferenceSet posSet = new ReferenceSet(Side.POSITIVE, pos, pw, pid);
    return new Scenario(x, generated, gw, neg, nw, pos, pw, q, negSet, posSet);
  }

  static List<Double> temperatures(int count) {
    return count == 1 ? List.of(0.05) : List.of(0.02, 0.05, 0.2); // the official R list
  }

  static Stream<Arguments> scenarios() {
    List<Arguments> out = new ArrayList<>();
    for (int d : new int[] {2, 5}) {
      for (Negatives n : Negatives.values()) {
        for (int temps : new int[] {1, 3}) {
          for (Weights w : Weights.values()) {
            out.add(Arguments.of(d, n, temps, w));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * Batch {@code ‖ΔV‖_F ≤ 1e-9·‖V‖_F}; per row {@code ‖ΔV_i‖ ≤ 1e-9·c·Σ_R(|Q|‖Σ_pos A(t̂−x̂)‖ +
   * |P|‖Σ_neg A(t̂−x̂)‖)/rms_R}; the global scale s to 1e-12 relative.
   */
  @ParameterizedTest(name = "d={0} {1} T={2} {3}")
  @MethodSource("scenarios")
  void agreesWithDenseTranscription(int d, Negatives negatives, int temps, Weights weights) {
    Random rng = FieldTestData.rng("deng_coded", d, negatives, temps, weights);
    Scenario s = scenario(d, negatives, weights, 1.0, rng);
    List<Double> r = temperatures(temps);
    check(s, r, new Euclidean(d), "deng_coded d=" + d + " " + negatives + " " + r + " " + weights);
  }

  /**
   * Tightly clustered points, where the floors of MATH.md steps 1 and 5 act; same tolerances.
   * Spread 1e-4: some distances are below the floor 1e-4, and s < 1e-3 and s/√d < 1e-3, so
   * {@code Δn = Δ/1e-3} and c = 1e-3. Spread 1e-7: every distance is floored (the softmaxes are
   * uniform but for the self-mask) and mean F_R² < 1e-8, so the RMS floor acts.
   */
  @ParameterizedTest(name = "spread {0} {1}")
  @MethodSource("floorScenarios")
  void agreesWithDenseTranscriptionWhereTheFloorsAct(double spread, Negatives negatives) {
    Random rng = FieldTestData.rng("deng_coded floors", spread, negatives);
    Scenario s = scenario(3, negatives, Weights.OFFICIAL, spread, rng);
    List<Double> r = temperatures(3);
    DenseDengCoded.Result dense = s.dense(r.stream().mapToDouble(Double::doubleValue).toArray());
    String regime = "spread " + spread + ": s = " + dense.meanDistance() + ", min distance "
        + dense.minDistance() + ", mean F² " + Arrays.toString(dense.meanSquare());
    assertTrue(dense.meanDistance() < DengCoded.SCALE_FLOOR, regime);
    assertEquals(DengCoded.SCALE_FLOOR, dense.featureScale(), 0.0, regime);
    if (spread > 1e-5) {
      assertTrue(dense.minDistance() < DengCoded.DISTANCE_FLOOR, regime);
      assertTrue(dense.meanDistance() > 2 * DengCoded.DISTANCE_FLOOR, regime);
    } else {
      assertEquals(DengCoded.DISTANCE_FLOOR, dense.meanDistance(), 1e-12 * DengCoded.DISTANCE_FLOOR,
          regime); // every Δ is the floor (s is their rounded mean)
      assertTrue(Arrays.stream(dense.meanSquare()).allMatch(ms -> ms < DengCoded.RMS_FLOOR),
          regime);
    }
    check(s, r, new Euclidean(3), "deng_coded floors " + regime + " " + negatives);
  }

  static Stream<Arguments> floorScenarios() {
    List<Arguments> out = new ArrayList<>();
    for (double spread : new double[] {1e-4, 1e-7}) {
      for (Negatives n : Negatives.values()) {
        out.add(Arguments.of(spread, n));
      }
    }
    return out.stream();
  }

  private static void check(Scenario s, List<Double> r, Manifold m, String what) {
    DenseDengCoded.Result expected =
        s.dense(r.stream().mapToDouble(Double::doubleValue).toArray());
    FieldSpec spec = FieldSpec.dengCoded(r);
    double[][] actual = DriftFields.compute(spec, m, s.queries(), s.positives(), s.negatives());
    assertRelativeFrobenius(expected.field(), actual, TOL, what);
    assertRows(expected.field(), actual, expected.rowScale(), TOL, what);

    DengCoded coded = DengCoded.of(spec, m);
    DengCoded.ScaleSums sums = coded.scaleSums(s.queries(), s.positives())
        .combine(coded.scaleSums(s.queries(), s.negatives()));
    double meanDistance = coded.scale(sums, s.queries().size()).meanDistance();
    assertEquals(expected.meanDistance(), meanDistance, 1e-12 * expected.meanDistance(),
        what + ": global scale s");
  }

  // ------------------------------------------------------------------------ geometry

  @Test
  void failsOffEuclideanSpaceWithTheContractMessage() {
    FieldSpec spec = FieldSpec.dengCoded(List.of(0.05));
    for (GeometryCase g : FieldTestData.geometries()) {
      Manifold m = g.manifold();
      Random rng = FieldTestData.rng("deng_coded geometry", g);
      QueryBatch q = FieldTestData.queries(FieldTestData.points(m, 3, rng));
      ReferenceSet p = ReferenceSet.of(Side.POSITIVE, FieldTestData.points(m, 4, rng));
      if (m.geometry() == org.driftsim.geometry.Geometry.EUCLIDEAN) {
        FieldTestData.assertFinite(DriftFields.compute(spec, m, q, p, null), g.name());
        continue;
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DriftFields.compute(spec, m, q, p, null), g.name());
      assertEquals("field deng_coded is defined on R^d only (geometry euclidean), got geometry "
          + m.geometry().cliName(), e.getMessage());
      IllegalArgumentException e2 =
          assertThrows(IllegalArgumentException.class, () -> DengCoded.of(spec, m), g.name());
      assertEquals(e.getMessage(), e2.getMessage());
    }
    IllegalArgumentException sphere = assertThrows(IllegalArgumentException.class,
        () -> DengCoded.of(spec, FieldTestData.S2.manifold()));
    assertEquals(
        "field deng_coded is defined on R^d only (geometry euclidean), got geometry sphere",
        sphere.getMessage());
  }

  // ------------------------------------------------------------------------ sharded rounds

  static Stream<Arguments> splits() {
    List<Arguments> out = new ArrayList<>();
    for (Negatives n : Negatives.values()) {
      for (int shards : new int[] {1, 2, 7}) {
        out.add(Arguments.of(n, shards));
      }
    }
    return out.stream();
  }

  /**
   * Each side split into 1, 2 or 7 shards (shuffled references, random cuts, empty shards),
   * shards listed in random order: {@link DengCoded#compute} equals the unsplit
   * {@code [negatives, positives]} to 1e-12 (batch Frobenius and per row); and the three rounds
   * merged along random merge trees ({@code combine} of ScaleSums, RowSums, Sums) give the same.
   */
  @ParameterizedTest(name = "{0} into {1} shards")
  @MethodSource("splits")
  void shardedRoundsEqualTheUnsplitComputation(Negatives negatives, int count) {
    double tol = 1e-12;
    Random rng = FieldTestData.rng("deng_coded shards", negatives, count);
    Scenario s = scenario(4, negatives, Weights.RANDOM, 1.0, rng);
    List<Double> r = temperatures(3);
    FieldSpec spec = FieldSpec.dengCoded(r);
    Manifold m = new Euclidean(4);
    DengCoded coded = DengCoded.of(spec, m);
    QueryBatch q = s.queries();
    double[][] unsplit =
        DriftFields.computeSharded(spec, m, q, List.of(s.negatives(), s.positives()));
    double[] rowScale =
        s.dense(r.stream().mapToDouble(Double::doubleValue).toArray()).rowScale();

    List<ReferenceSet> shards = new ArrayList<>();
    shards.addAll(FieldTestData.split(s.negatives(), count, rng));
    shards.addAll(FieldTestData.split(s.positives(), count, rng));
    shards.add(s.positives().slice(0, 0)); // an extra empty shard
    Collections.shuffle(shards, rng);
    String what = "deng_coded " + negatives + " in " + count + " shards";
    double[][] sharded = DriftFields.computeSharded(spec, m, q, shards);
    assertRelativeFrobenius(unsplit, sharded, tol, what);
    assertRows(unsplit, sharded, rowScale, tol, what);

    // Round by round, merged along random trees.
    List<DengCoded.ScaleSums> round1 = new ArrayList<>();
    for (ReferenceSet shard : shards) {
      round1.add(coded.scaleSums(q, shard));
    }
    DengCoded.Scale scale = coded.scale(
        FieldTestData.mergeRandomly(round1, DengCoded.ScaleSums::combine, rng), q.size());
    List<DengCoded.RowSums> round2 = new ArrayList<>();
    for (ReferenceSet shard : shards) {
      round2.add(coded.rowSums(q, scale, shard));
    }
    double[] lse = coded.rowLogSumExp(
        FieldTestData.mergeRandomly(round2, DengCoded.RowSums::combine, rng));
    List<DengCoded.Sums> round3 = new ArrayList<>();
    for (ReferenceSet shard : shards) {
      round3.add(coded.sums(q, scale, lse, shard));
    }
    double[][] tree = coded.finish(
        FieldTestData.mergeRandomly(round3, DengCoded.Sums::combine, rng), scale);
    assertRelativeFrobenius(unsplit, tree, tol, what + " (random merge trees)");
    assertRows(unsplit, tree, rowScale, tol, what + " (random merge trees)");
  }

  /** identity ⊕ p = p ⊕ identity = p exactly, in each of the three rounds. */
  @Test
  void identityIsNeutralInEveryRound() {
    Random rng = FieldTestData.rng("deng_coded identity");
    Scenario s = scenario(3, Negatives.QUERIES_AND_UNCONDITIONAL, Weights.RANDOM, 1.0, rng);
    DengCoded coded = DengCoded.of(FieldSpec.dengCoded(temperatures(3)), new Euclidean(3));
    QueryBatch q = s.queries();
    for (ReferenceSet shard : List.of(s.negatives(), s.positives())) {
      DengCoded.ScaleSums p1 = coded.scaleSums(q, shard);
      for (DengCoded.ScaleSums merged : List.of(DengCoded.ScaleSums.identity().combine(p1),
          p1.combine(DengCoded.ScaleSums.identity()))) {
        assertEquals(p1, merged, "round 1");
      }
      DengCoded.Scale scale = coded.scale(p1, q.size());
      DengCoded.RowSums p2 = coded.rowSums(q, scale, shard);
      DengCoded.RowSums id2 = DengCoded.RowSums.identity(3, q.size());
      for (DengCoded.RowSums merged : List.of(id2.combine(p2), p2.combine(id2))) {
        assertSameValues(p2.max(), merged.max(), "round 2 max");
        assertSameValues(p2.sum(), merged.sum(), "round 2 sum");
      }
      DengCoded.Sums p3 = coded.sums(q, scale, coded.rowLogSumExp(p2), shard);
      DengCoded.Sums id3 = DengCoded.Sums.identity(3, q.size(), 3);
      for (DengCoded.Sums merged : List.of(id3.combine(p3), p3.combine(id3))) {
        assertSameValues(p3.positive(), merged.positive(), "round 3 P");
        assertSameValues(p3.negative(), merged.negative(), "round 3 Q");
        assertSameValues(p3.positiveDirection(), merged.positiveDirection(), "round 3 pos dir");
        assertSameValues(p3.negativeDirection(), merged.negativeDirection(), "round 3 neg dir");
      }
      // An empty shard contributes the identity.
      DengCoded.RowSums empty2 = coded.rowSums(q, scale, shard.slice(0, 0));
      assertSameValues(id2.max(), empty2.max(), "empty shard round 2 max");
      assertSameValues(id2.sum(), empty2.sum(), "empty shard round 2 sum");
    }
  }

  @Test
  void roundSumsOfDifferentShapesDoNotMerge() {
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> DengCoded.RowSums.identity(2, 5).combine(DengCoded.RowSums.identity(2, 4)));
    assertEquals("row sums must have the same shape to merge: expected 10 entries, found 8",
        rows.getMessage());
    IllegalArgumentException sums = assertThrows(IllegalArgumentException.class,
        () -> DengCoded.Sums.identity(1, 5, 3).combine(DengCoded.Sums.identity(1, 5, 2)));
    assertEquals("affinity sums must have the same shape to merge: expected 15 entries, found 10",
        sums.getMessage());
  }
}
