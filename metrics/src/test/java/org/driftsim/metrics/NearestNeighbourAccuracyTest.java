package org.driftsim.metrics;

import static org.driftsim.metrics.Samples.S2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Hyperboloid;
import org.junit.jupiter.api.Test;

class NearestNeighbourAccuracyTest {
  private static final double[] NORTH = {0, 0, 1};
  private static final NearestNeighbourAccuracy ON_S2 = new NearestNeighbourAccuracy(S2);

  /**
   * Two samples of one distribution: a point's nearest neighbour is one of the n − 1 others of
   * its own sample or the m of the other with equal chance per point, so the expected accuracy
   * is (n − 1)/(n + m − 1) ≈ 0.5 for n = m. Over 12 other seeds (200..211) the S² case
   * (n = m = 400) had mean 0.494 and standard deviation 0.024, all in [0.448, 0.529], and the R²
   * case (n = m = 250) mean 0.506 and standard deviation 0.029, all in [0.460, 0.574]; the bounds
   * [0.4, 0.6] are 3.4 to 4 standard deviations away.
   */
  @Test
  void oneDistributionScoresAboutOneHalf() {
    for (long seed : new long[] {21, 22, 23}) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] a = Samples.cloud(S2, rng, 400, NORTH, 0.4);
      double[][] b = Samples.cloud(S2, rng, 400, NORTH, 0.4);
      double accuracy = ON_S2.accuracy(a, b);
      assertTrue(accuracy >= 0.4 && accuracy <= 0.6, "seed " + seed + ": " + accuracy);
      Euclidean r2 = new Euclidean(2);
      double[][] x = Samples.cloud(r2, rng, 250, new double[2], 1.0);
      double[][] y = Samples.cloud(r2, rng, 250, new double[2], 1.0);
      double flat = new NearestNeighbourAccuracy(r2).accuracy(x, y);
      assertTrue(flat >= 0.4 && flat <= 0.6, "R², seed " + seed + ": " + flat);
    }
  }

  /** Wrapped Gaussians of σ = 0.15 rad with centres 1.5 rad apart barely overlap. */
  @Test
  void wellSeparatedSamplesScoreAboutOne() {
    SplittableRandom rng = new SplittableRandom(24);
    double[][] a = Samples.cloud(S2, rng, 300, NORTH, 0.15);
    double[][] b = Samples.cloud(S2, rng, 250, S2.exp(NORTH, new double[] {1.5, 0, 0}), 0.15);
    assertTrue(ON_S2.accuracy(a, b) >= 0.95);
  }

  /**
   * Points on a great circle at the angles A = {0, 0.1}, B = {0.3, 1.0, 1.05}: every point but
   * 0.3 has a neighbour of its own sample nearest (0.3 is 0.2 from A's 0.1 and 0.7 from B's 1.0),
   * so 4 of 5 are right. A single point each: both wrong.
   */
  @Test
  void handComputedCases() {
    double[][] a = {Samples.onEquator(0), Samples.onEquator(0.1)};
    double[][] b = {Samples.onEquator(0.3), Samples.onEquator(1.0), Samples.onEquator(1.05)};
    assertEquals(0.8, ON_S2.accuracy(a, b), 1e-15);
    assertEquals(0.8, ON_S2.accuracy(b, a), 1e-15);
    assertEquals(0.0, ON_S2.accuracy(new double[][] {NORTH}, new double[][] {a[0]}), 0.0);
  }

  /** B a copy of A (distinct points): every nearest neighbour is the twin, in the other sample. */
  @Test
  void copiedSampleScoresZero() {
    double[][] a = Samples.cloud(S2, new SplittableRandom(25), 50, NORTH, 0.5);
    double[][] b = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    assertEquals(0.0, ON_S2.accuracy(a, b), 0.0);
  }

  /**
   * Ties are split: A = {x, x}, B = {x}. Each point of A has one tied neighbour of each label
   * (½ each); B's point has two of the other label (0): (½ + ½ + 0)/3 = 1/3. Breaking ties by
   * the lowest index would give (1 + 1 + 0)/3 instead.
   */
  @Test
  void tiedNeighboursCountByTheirShareOfTheLabel() {
    double[] x = Samples.onEquator(0.7);
    assertEquals(1.0 / 3, ON_S2.accuracy(new double[][] {x, x}, new double[][] {x}), 1e-15);
    assertEquals(1.0 / 3, ON_S2.accuracy(new double[][] {x}, new double[][] {x, x.clone()}),
        1e-15);
  }

  @Test
  void accuracyDoesNotDependOnTheOrderOfThePoints() {
    SplittableRandom rng = new SplittableRandom(26);
    Hyperboloid h2 = new Hyperboloid(2);
    NearestNeighbourAccuracy nn = new NearestNeighbourAccuracy(h2);
    double[] o = {1, 0, 0};
    double[][] a = Samples.cloud(h2, rng, 60, o, 0.8);
    double[][] b = Samples.cloud(h2, rng, 45, h2.exp(o, new double[] {0, 0.5, 0}), 0.8);
    double expected = nn.accuracy(a, b);
    assertTrue(expected > 0 && expected < 1, "a case with both right and wrong neighbours");
    Random shuffler = new Random(27);
    for (int c = 0; c < 3; c++) {
      assertEquals(expected, nn.accuracy(shuffled(a, shuffler), shuffled(b, shuffler)), 1e-14);
    }
    assertEquals(expected, nn.accuracy(b, a), 1e-14);
  }

  private static double[][] shuffled(double[][] points, Random rng) {
    List<double[]> list = new ArrayList<>(Arrays.asList(points));
    Collections.shuffle(list, rng);
    return list.toArray(double[][]::new);
  }

  @Test
  void invalidInputIsRejected() {
    double[][] good = {NORTH};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ON_S2.accuracy(new double[0][], good));
    assertEquals("A must have at least one point, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ON_S2.accuracy(good, new double[][] {NORTH, {0, 1}}));
    assertEquals("B[1] must have 3 coordinates (the ambient dimension of S^2), got 2",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ON_S2.accuracy(new double[][] {{Double.NaN, 0, 1}}, good));
    assertEquals("A[0][0] must be finite, got NaN", e.getMessage());
    // The lower sheet of the hyperboloid: x₀ < 0 is off H².
    e = assertThrows(IllegalArgumentException.class,
        () -> new NearestNeighbourAccuracy(new Hyperboloid(2))
            .accuracy(new double[][] {{1, 0, 0}}, new double[][] {{-1, 0, 0}}));
    assertEquals("B[0] must lie on H^2 (max |project(x) − x| ≤ 1e-6·max(1, max |x|)), got max"
        + " |project(x) − x| = 2.0", e.getMessage());
  }
}
