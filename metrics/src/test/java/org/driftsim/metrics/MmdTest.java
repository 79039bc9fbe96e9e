package org.driftsim.metrics;

import static org.driftsim.metrics.Samples.S2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MmdTest {
  private static final double[] NORTH = {0, 0, 1};
  /**
   * The two-sample case below: over 12 other seeds (100..111) the unbiased value for one
   * distribution had mean 0.0014, standard deviation 0.0017 and largest magnitude 0.005; for the
   * shifted one mean 0.063, standard deviation 0.012 and minimum 0.049. The bounds are 0.01
   * (about 6 standard deviations of the null) and 0.02 (below the shifted mean by 3.5).
   */
  private static final long[] SEEDS = {6, 7};
  private static final double NULL_BOUND = 0.01;
  private static final double SHIFT_FLOOR = 0.02;

  /** A manifold with a base point to draw clouds around. */
  record Space(Manifold manifold, double[] base) {
    @Override
    public String toString() {
      return manifold.toString();
    }
  }

  static Stream<Space> spaces() {
    return Stream.of(
        new Space(new Euclidean(2), new double[] {0.5, -1}),
        new Space(S2, NORTH),
        new Space(new Hyperboloid(2), new double[] {1, 0, 0}),
        new Space(new FisherRaoSimplex(3, 1), new double[] {0.6, Math.sqrt(0.28), 0.6}));
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void biasedValueOfASetAgainstItselfIsExactlyZero(Space s) {
    double[][] a = Samples.cloud(s.manifold(), new SplittableRandom(1), 60, s.base(), 0.3);
    for (String kernel : new String[] {"gaussian(tau=0.5)", "laplace(tau=0.2)",
        "matern32(tau=0.4)"}) {
      Mmd mmd = Mmd.of(KernelSpec.parse(kernel), s.manifold());
      assertEquals(0.0, mmd.biased(a, a), 0.0, kernel);
    }
    assertEquals(0.0, Mmd.geodesicGaussian(s.manifold(), 1.0).biased(a, a), 0.0);
  }

  /**
   * Gaussian and Laplace kernels are positive definite on R^d, and so is the spectral heat kernel
   * on S² (its truncated series has positive coefficients): the biased value, a squared RKHS norm,
   * is ≥ 0 for any pair of sets, up to rounding.
   */
  @Test
  void biasedValueIsNonNegativeForPositiveDefiniteKernels() {
    SplittableRandom rng = new SplittableRandom(2);
    Euclidean r3 = new Euclidean(3);
    Mmd[] onR3 = {Mmd.of(KernelSpec.parse("gaussian(tau=0.7)"), r3),
        Mmd.of(KernelSpec.parse("laplace(tau=0.3)"), r3)};
    Mmd heat = Mmd.of(KernelSpec.parse("spectral-heat(tau=0.5, lmax=12)"), S2);
    for (int c = 0; c < 30; c++) {
      int n = 1 + rng.nextInt(15);
      int m = 1 + rng.nextInt(15);
      double[] shift = {rng.nextDouble(), 0, 0};
      double[][] a = Samples.cloud(r3, rng, n, new double[3], 1.0);
      double[][] b = Samples.cloud(r3, rng, m, shift, 0.5 + rng.nextDouble());
      for (Mmd mmd : onR3) {
        assertTrue(mmd.biased(a, b) >= -1e-15, mmd + ", case " + c);
      }
      double[][] sa = Samples.cloud(S2, rng, n, NORTH, 0.5);
      double[][] sb = Samples.cloud(S2, rng, m, Samples.onEquator(rng.nextDouble()), 1.0);
      assertTrue(heat.biased(sa, sb) >= -1e-15, heat + ", case " + c);
    }
  }

  @Test
  void valueIsSymmetric() {
    SplittableRandom rng = new SplittableRandom(3);
    Mmd[] mmds = {Mmd.earthBenchmark(), Mmd.of(KernelSpec.parse("matern52(tau=0.3)"), S2)};
    for (int c = 0; c < 10; c++) {
      double[][] a = Samples.cloud(S2, rng, 2 + rng.nextInt(40), NORTH, 0.4);
      double[][] b = Samples.cloud(S2, rng, 2 + rng.nextInt(40), Samples.onEquator(1), 0.6);
      for (Mmd mmd : mmds) {
        for (Mmd.Estimator e : Mmd.Estimator.values()) {
          double ab = mmd.squared(a, b, e);
          assertEquals(ab, mmd.squared(b, a, e), 1e-14, mmd + " " + e + ", case " + c);
        }
      }
    }
  }

  /**
   * R¹ with the gaussian τ = 1, A = {0, 1}, B = {2, 4}: k(0,1) = e^{−1/2}, k(2,4) = e^{−2},
   * k(0,2) = e^{−2}, k(0,4) = e^{−8}, k(1,2) = e^{−1/2}, k(1,4) = e^{−9/2}.
   * Biased: (2 + 2e^{−1/2})/4 + (2 + 2e^{−2})/4 − 2·(e^{−2} + e^{−8} + e^{−1/2} + e^{−9/2})/4.
   * Unbiased: 2e^{−1/2}/2 + 2e^{−2}/2 − the same cross term.
   */
  @Test
  void handComputedOneDimensionalValues() {
    Mmd mmd = Mmd.of(KernelSpec.parse("gaussian(tau=1)"), new Euclidean(1));
    double[][] a = {{0}, {1}};
    double[][] b = {{2}, {4}};
    double cross = (Math.exp(-2) + Math.exp(-8) + Math.exp(-0.5) + Math.exp(-4.5)) / 2;
    assertEquals((2 + 2 * Math.exp(-0.5)) / 4 + (2 + 2 * Math.exp(-2)) / 4 - cross,
        mmd.biased(a, b), 1e-15);
    assertEquals(Math.exp(-0.5) + Math.exp(-2) - cross, mmd.unbiased(a, b), 1e-15);
  }

  /** The formulas of the class Javadoc written out term by term, on S² with the Laplace kernel. */
  @Test
  void agreesWithADirectTranscriptionOfTheFormulas() {
    SplittableRandom rng = new SplittableRandom(4);
    double tau = 0.3;
    Mmd mmd = Mmd.of(KernelSpec.parse("laplace(tau=" + tau + ")"), S2);
    for (int c = 0; c < 5; c++) {
      int n = 2 + rng.nextInt(5);
      int m = 2 + rng.nextInt(5);
      double[][] a = Samples.cloud(S2, rng, n, NORTH, 0.5);
      double[][] b = Samples.cloud(S2, rng, m, Samples.onEquator(0.3), 0.5);
      double kaa = 0;
      double kaaOff = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double k = Math.exp(-S2.distance(a[i], a[j]) / tau);
          kaa += k;
          kaaOff += i == j ? 0 : k;
        }
      }
      double kbb = 0;
      double kbbOff = 0;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double k = Math.exp(-S2.distance(b[i], b[j]) / tau);
          kbb += k;
          kbbOff += i == j ? 0 : k;
        }
      }
      double kab = 0;
      for (double[] x : a) {
        for (double[] y : b) {
          kab += Math.exp(-S2.distance(x, y) / tau);
        }
      }
      double biased = kaa / (n * n) + kbb / (m * m) - 2 * kab / (n * m);
      double unbiased = kaaOff / (n * (n - 1)) + kbbOff / (m * (m - 1)) - 2 * kab / (n * m);
      assertEquals(biased, mmd.biased(a, b), 1e-14, "case " + c);
      assertEquals(unbiased, mmd.unbiased(a, b), 1e-14, "case " + c);
    }
  }

  /**
   * The paper's S² kernel exp(−d²) is the project's gaussian with τ = 1/√2, on the geodesic (not
   * the chordal) distance: one point on each end of an arc of 1 rad gives
   * biased MMD² = 1 + 1 − 2e^{−1}; the chordal distance would give 2 − 2e^{−(2−2cos 1)}.
   */
  @Test
  void earthBenchmarkKernelIsTheGeodesicGaussianExpMinusDSquared() {
    double[][] a = {Samples.onEquator(0)};
    double[][] b = {Samples.onEquator(1)};
    Mmd earth = Mmd.earthBenchmark();
    assertEquals(2 - 2 * Math.exp(-1), earth.biased(a, b), 1e-15);
    assertEquals(Math.sqrt(2 - 2 * Math.exp(-1)), earth.rootBiased(a, b), 1e-15);
    assertEquals("exp(-1.0·d²) on S^2", earth.toString());

    SplittableRandom rng = new SplittableRandom(5);
    Mmd gaussian = Mmd.of(KernelSpec.parse("gaussian(tau=" + Math.sqrt(0.5) + ")"), S2);
    double[][] x = Samples.cloud(S2, rng, 30, NORTH, 0.8);
    double[][] y = Samples.cloud(S2, rng, 25, Samples.onEquator(2), 0.8);
    assertEquals(gaussian.biased(x, y), earth.biased(x, y), 1e-14);
    assertEquals(gaussian.unbiased(x, y), earth.unbiased(x, y), 1e-14);
    assertEquals(Math.sqrt(earth.biased(x, y)), earth.rootBiased(x, y), 1e-15);
  }

  /**
   * Two samples of one wrapped Gaussian on S² (σ = 0.3, n = m = 400) against a copy of it moved
   * by 0.25 rad, with the paper's kernel. NULL_BOUND and SHIFT_FLOOR are set from the spread
   * over seeds recorded at {@link #SEEDS}.
   */
  @Test
  void unbiasedValueIsNearZeroForOneDistributionAndPositiveForShiftedOnes() {
    Mmd earth = Mmd.earthBenchmark();
    double[] shifted = S2.exp(NORTH, new double[] {0.25, 0, 0});
    for (long seed : SEEDS) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] a = Samples.cloud(S2, rng, 400, NORTH, 0.3);
      double[][] b = Samples.cloud(S2, rng, 400, NORTH, 0.3);
      double[][] c = Samples.cloud(S2, rng, 400, shifted, 0.3);
      double same = earth.unbiased(a, b);
      double moved = earth.unbiased(a, c);
      assertTrue(Math.abs(same) <= NULL_BOUND, "seed " + seed + ": " + same);
      assertTrue(moved >= SHIFT_FLOOR, "seed " + seed + ": " + moved);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "empty-a; BIASED; A must have at least one point, got 0",
      "empty-b; BIASED; B must have at least one point, got 0",
      "single-b; UNBIASED; B must have at least 2 points for the unbiased estimator, got 1",
      "short-row; BIASED; B[1] must have 3 coordinates (the ambient dimension of S^2), got 2",
      "nan; UNBIASED; A[1][2] must be finite, got NaN",
      "off-sphere; BIASED; A[0] must lie on S^2 (max |project(x) − x| ≤ 1e-6·max(1, max |x|)),"
          + " got max |project(x) − x| = 1.0"})
  void invalidInputIsRejected(String problem, Mmd.Estimator estimator, String message) {
    double[][] good = {NORTH, Samples.onEquator(0.5)};
    double[][][] ab = switch (problem) {
      case "empty-a" -> new double[][][] {{}, good};
      case "empty-b" -> new double[][][] {good, {}};
      case "single-b" -> new double[][][] {good, {NORTH}};
      case "short-row" -> new double[][][] {good, {NORTH, {1, 0}}};
      case "nan" -> new double[][][] {{NORTH, {0, 1, Double.NaN}}, good};
      case "off-sphere" -> new double[][][] {{{0, 0, 2}}, good};
      default -> throw new AssertionError(problem);
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mmd.earthBenchmark().squared(ab[0], ab[1], estimator));
    assertEquals(message, e.getMessage());
  }

  @Test
  void invalidKernelsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mmd.geodesicGaussian(S2, 0));
    assertEquals("gamma must be > 0 and finite, got 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Mmd.of(KernelSpec.parse("spectral-heat(tau=0.5, lmax=12)"), new Euclidean(3)));
  }
}
