package org.driftsim.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Fisher–Rao simplex and its sequence product (MATH.md §1): charts, exp, validation. */
class FisherRaoSimplexTest {
  private static final int CASES = 300;

  /** toData(fromData(p)) = p and fromData(toData(s)) = s, to 1e-15 absolute (entries ≤ 1). */
  @ParameterizedTest
  @CsvSource({"4, 1", "2, 1", "4, 3", "7, 2"})
  void dataChartRoundTrips(int categories, int length) {
    FisherRaoSimplex m = new FisherRaoSimplex(categories, length);
    RandomPoints rnd = new RandomPoints(41);
    for (int i = 0; i < CASES; i++) {
      double[] p = probabilities(m, rnd);
      assertNull(m.validate(p));
      double[] s = m.fromData(p);
      assertArrayEquals(p, m.toData(s), 1e-15, m + ": toData(fromData(p)), case " + i);
      double[] point = rnd.point(m);
      assertArrayEquals(point, m.fromData(m.toData(point)), 1e-15,
          m + ": fromData(toData(s)), case " + i);
    }
  }

  /**
   * Accepted rows slightly off the simplex (sums 1 ± 5e-7, entries down to −5e-10) are projected
   * exactly: entries clipped at 0, each position renormalized; points are unit per position.
   */
  @Test
  void fromDataClipsAndRenormalizesAcceptedRows() {
    FisherRaoSimplex m = new FisherRaoSimplex(3, 2);
    double[] data = {0.5, -5e-10, 0.5 + 5e-7, 0.2, 0.3, 0.5 - 5e-7};
    assertNull(m.validate(data));
    double[] s = m.fromData(data);
    double n1 = 1.0 + 5e-7; // sum of position 1 after clipping
    double n2 = 1.0 - 5e-7; // sum of position 2
    double[] expected = {Math.sqrt(0.5 / n1), 0.0, Math.sqrt((0.5 + 5e-7) / n1),
        Math.sqrt(0.2 / n2), Math.sqrt(0.3 / n2), Math.sqrt((0.5 - 5e-7) / n2)};
    assertArrayEquals(expected, s, 1e-15);
  }

  /**
   * exp of any tangent vector (length up to 10, so far beyond the orthant) stays on the closed
   * positive orthant, unit per position to 1e-15, and maps to valid probability vectors.
   */
  @ParameterizedTest
  @CsvSource({"4, 1", "2, 1", "4, 3"})
  void expStaysOnThePositiveOrthant(int categories, int length) {
    FisherRaoSimplex m = new FisherRaoSimplex(categories, length);
    RandomPoints rnd = new RandomPoints(42);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = m.exp(x, rnd.tangent(m, x, rnd.uniform(0.0, 10.0)));
      for (int l = 0; l < length; l++) {
        double[] factor = Arrays.copyOfRange(y, l * categories, (l + 1) * categories);
        assertEquals(1.0, Vectors.norm(factor), 1e-15, m + ": unit factor, case " + i);
      }
      for (double e : y) {
        assertTrue(e >= 0, m + ": negative entry in " + Arrays.toString(y) + ", case " + i);
      }
      assertNull(m.validate(m.toData(y)), m + ": case " + i);
    }
  }

  /**
   * The sequence product: dist = sqrt(Σ_l θ_l²) and log acts per factor, θ_l and log_l being
   * those of the sphere S^{K−1} on the slices (to 1e-15).
   */
  @Test
  void sequenceGeometryIsTheProductOfSpheres() {
    FisherRaoSimplex m = new FisherRaoSimplex(4, 3);
    Sphere factor = new Sphere(3);
    RandomPoints rnd = new RandomPoints(43);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = rnd.point(m);
      double[] log = m.log(x, y);
      double sum = 0;
      for (int l = 0; l < 3; l++) {
        double[] xl = Arrays.copyOfRange(x, 4 * l, 4 * l + 4);
        double[] yl = Arrays.copyOfRange(y, 4 * l, 4 * l + 4);
        double theta = factor.distance(xl, yl);
        sum += theta * theta;
        assertArrayEquals(factor.log(xl, yl), Arrays.copyOfRange(log, 4 * l, 4 * l + 4), 1e-15);
      }
      assertEquals(Math.sqrt(sum), m.distance(x, y), 1e-15, "case " + i);
    }
  }

  /**
   * For one position the distance is the Bhattacharyya angle arccos(Σ√(p_i q_i)) (the rescaled
   * Fisher–Rao distance), compared where arccos is well-conditioned (angle ≥ 0.1) to 1e-13
   * relative.
   */
  @Test
  void distanceIsTheBhattacharyyaAngle() {
    FisherRaoSimplex m = new FisherRaoSimplex(5, 1);
    RandomPoints rnd = new RandomPoints(44);
    int checked = 0;
    for (int i = 0; i < CASES; i++) {
      double[] p = probabilities(m, rnd);
      double[] q = probabilities(m, rnd);
      double bc = 0;
      for (int k = 0; k < 5; k++) {
        bc += Math.sqrt(p[k] * q[k]);
      }
      double angle = Math.acos(Math.min(1.0, bc));
      if (angle >= 0.1) {
        assertEquals(angle, m.distance(m.fromData(p), m.fromData(q)), 1e-13 * angle, "case " + i);
        checked++;
      }
    }
    assertTrue(checked >= CASES / 2, "compared on " + checked + " cases");
  }

  @Test
  void validateAcceptsRowsWithinTheTolerances() {
    FisherRaoSimplex one = new FisherRaoSimplex(3, 1);
    assertNull(one.validate(new double[] {0.25, 0.25, 0.5}));
    assertNull(one.validate(new double[] {0.5, -0.99e-9, 0.5}));
    assertNull(one.validate(new double[] {0.5, 0.0, 0.5 + 0.99e-6}));
    assertNull(one.validate(new double[] {0.5, 0.0, 0.5 - 0.99e-6}));
    assertNull(one.validate(new double[] {1.0, 0.0, 0.0}));
  }

  @Test
  void validateRejectsRowsBeyondTheTolerancesWithTheMessages() {
    FisherRaoSimplex one = new FisherRaoSimplex(3, 1);
    assertEquals("not a probability vector: entry 2 is -0.001",
        one.validate(new double[] {0.5, -0.001, 0.501}));
    assertEquals("not a probability vector: entry 2 is -1.01E-9",
        one.validate(new double[] {0.5, -1.01e-9, 0.5}));
    assertEquals("not a probability vector: entries sum to 1.5",
        one.validate(new double[] {0.5, 0.5, 0.5}));
    String prefix = "not a probability vector: entries sum to ";
    String message = one.validate(new double[] {0.5, 0.0, 0.5 + 1.01e-6});
    assertTrue(message.startsWith(prefix), message);
    assertEquals(1.0 + 1.01e-6, Double.parseDouble(message.substring(prefix.length())), 1e-15);
    assertEquals("entries ≥ -1e-9 summing to 1 within 1e-6", one.validationRule());

    FisherRaoSimplex sequence = new FisherRaoSimplex(2, 3);
    assertEquals("not a probability vector: position 2 sums to 0.9",
        sequence.validate(new double[] {0.5, 0.5, 0.5, 0.4, 0.5, 0.5}));
    assertEquals("not a probability vector: entry 6 is -0.5",
        sequence.validate(new double[] {0.5, 0.5, 0.5, 0.5, 1.5, -0.5}));
    assertEquals("entries ≥ -1e-9 summing to 1 within 1e-6 at each of the 3 positions",
        sequence.validationRule());
  }

  /** Regression: a NaN entry used to pass (NaN < −1e-9 and |NaN − 1| > 1e-6 are both false). */
  @Test
  void validateRejectsNonFiniteEntries() {
    FisherRaoSimplex one = new FisherRaoSimplex(3, 1);
    assertEquals("not a probability vector: entry 1 is NaN",
        one.validate(new double[] {Double.NaN, 0.5, 0.5}));
    assertEquals("not a probability vector: entries sum to Infinity",
        one.validate(new double[] {Double.POSITIVE_INFINITY, 0.0, 0.0}));
    assertEquals("not a probability vector: entry 3 is -Infinity",
        one.validate(new double[] {0.5, 0.5, Double.NEGATIVE_INFINITY}));
  }

  /** Probability rows with some exact zeros (about one entry in six). */
  private static double[] probabilities(FisherRaoSimplex m, RandomPoints rnd) {
    int k = m.categories();
    double[] p = new double[m.ambientDimension()];
    for (int l = 0; l < m.sequenceLength(); l++) {
      double sum = 0;
      for (int j = l * k; j < (l + 1) * k; j++) {
        p[j] = rnd.random().nextInt(6) == 0 ? 0.0 : -Math.log(1.0 - rnd.random().nextDouble());
        sum += p[j];
      }
      if (sum == 0) {
        p[l * k] = sum = 1.0;
      }
      for (int j = l * k; j < (l + 1) * k; j++) {
        p[j] /= sum;
      }
    }
    return p;
  }
}
