package org.driftsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.driftsim.geometry.Euclidean;
import org.junit.jupiter.api.Test;

/** The C2ST accuracy on known cases: one distribution, separated ones, input checks. */
class ClassifierTwoSampleTestTest {
  private static final ClassifierTwoSampleTest C2ST =
      new ClassifierTwoSampleTest(Samples.S2, ClassifierTwoSampleTest.Settings.DEFAULT);

  @Test
  void twoSamplesOfOneDistributionScoreAboutOneHalf() {
    SplittableRandom rng = new SplittableRandom(1);
    double[] c = Samples.onEquator(0.3);
    double acc = C2ST.accuracy(Samples.cloud(Samples.S2, rng, 600, c, 0.4),
        Samples.cloud(Samples.S2, rng, 600, c, 0.4));
    // 600 held-out points: the standard deviation of a coin-flip accuracy is 0.02.
    assertTrue(acc >= 0.42 && acc <= 0.58, "C2ST accuracy " + acc);
  }

  @Test
  void separatedSamplesScoreNearlyOne() {
    SplittableRandom rng = new SplittableRandom(2);
    double acc = C2ST.accuracy(Samples.cloud(Samples.S2, rng, 300, Samples.onEquator(0), 0.2),
        Samples.cloud(Samples.S2, rng, 300, Samples.onEquator(Math.PI / 2), 0.2));
    assertTrue(acc >= 0.97, "C2ST accuracy " + acc);
  }

  @Test
  void aShiftedDistributionIsDetected() {
    SplittableRandom rng = new SplittableRandom(3);
    double acc = C2ST.accuracy(Samples.cloud(Samples.S2, rng, 600, Samples.onEquator(0), 0.4),
        Samples.cloud(Samples.S2, rng, 600, Samples.onEquator(0.5), 0.4));
    assertTrue(acc >= 0.65, "C2ST accuracy " + acc);
  }

  @Test
  void theSameSeedGivesTheSameAccuracy() {
    SplittableRandom rng = new SplittableRandom(4);
    double[][] a = Samples.cloud(Samples.S2, rng, 200, Samples.onEquator(0), 0.3);
    double[][] b = Samples.cloud(Samples.S2, rng, 200, Samples.onEquator(0.4), 0.3);
    assertEquals(C2ST.accuracy(a, b), C2ST.accuracy(a, b));
  }

  @Test
  void badInputIsNamed() {
    Euclidean r2 = new Euclidean(2);
    ClassifierTwoSampleTest c2st =
        new ClassifierTwoSampleTest(r2, ClassifierTwoSampleTest.Settings.DEFAULT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c2st.accuracy(new double[][] {{0, 0}}, new double[][] {{1, 1}, {2, 2}}));
    assertEquals("A must have at least 2 points (one to train on, one to test), "
        + "got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c2st.accuracy(
        new double[][] {{0, 0}, {1, Double.NaN}}, new double[][] {{1, 1}, {2, 2}}));
    assertEquals("A[1][1] must be finite, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ClassifierTwoSampleTest.Settings(32, 2, 0, 1e-2, 0));
    assertEquals("steps must be >= 1, got 0", e.getMessage());
  }
}
