package org.driftsim.geometry;

import static org.driftsim.geometry.ManifoldTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documented edge cases of the sphere (MATH.md §1): antipodes, close points, validation. */
class SphereTest {
  private static final int CASES = 300;

  /**
   * The log of exactly antipodal points (y = −x, bit for bit) is the zero vector and their
   * distance is exactly π. Regression: −x of a normalized x is antipodal only to rounding
   * (‖x‖² ≠ 1 in floating point), and the log used to come out as a vector of length π along x.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void logOfAntipodalPointsIsZeroAndTheirDistanceIsPi(int d) {
    Sphere s = new Sphere(d);
    RandomPoints rnd = new RandomPoints(21);
    double[] zero = new double[d + 1];
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(s);
      double[] y = ManifoldTest.scaled(x, -1.0);
      assertArrayEquals(zero, s.log(x, y), 0.0, s + ": log_x(−x), case " + i);
      assertEquals(Math.PI, s.distance(x, y), 0.0, s + ": dist(x, −x), case " + i);
    }
  }

  /**
   * Nearly antipodal points, π − δ apart, keep an exact log: the antipodal convention only
   * applies at working precision. The log is ill-conditioned there: exp rounds y by a few ε per
   * coordinate and log amplifies errors in y (and its own) by θ/sin θ ≈ π/sin δ, so the tolerance
   * is 16ε·π/sin δ.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-2, 1e-5, 1e-8, 1e-11})
  void nearlyAntipodalPointsKeepTheirLog(double delta) {
    RandomPoints rnd = new RandomPoints(22);
    for (int d : new int[] {1, 2, 5}) {
      Sphere s = new Sphere(d);
      for (int i = 0; i < CASES; i++) {
        double[] x = rnd.point(s);
        double[] v = rnd.tangent(s, x, Math.PI - delta);
        double[] log = s.log(x, s.exp(x, v));
        assertClose(v, log, 16 * Math.ulp(1.0) * Math.PI / Math.sin(delta),
            s + ": log at distance π − " + delta + ", case " + i);
      }
    }
  }

  /**
   * Points about 1e-9 apart: the distance is accurate to 1e-12 relative (arccos⟨x,y⟩ would give
   * 0 or about 1.5e-8 here); the reference is the chord form 2·asin(‖y − x‖/2).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void distanceOfVeryClosePointsIsAccurate(int d) {
    Sphere s = new Sphere(d);
    RandomPoints rnd = new RandomPoints(23);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(s);
      double[] y = s.exp(x, rnd.tangent(s, x, 1e-9 * rnd.uniform(0.5, 2.0)));
      double[] chord = new double[d + 1];
      for (int k = 0; k <= d; k++) {
        chord[k] = y[k] - x[k];
      }
      double expected = 2.0 * Math.asin(0.5 * Vectors.norm(chord));
      assertEquals(expected, s.distance(x, y), 1e-12 * expected, s + ": case " + i);
      assertEquals(expected, Vectors.norm(s.log(x, y)), 1e-12 * expected, s + ": ‖log‖");
    }
  }

  @Test
  void validateAcceptsPointsWithinOneInAMillionAndProjectsThem() {
    Sphere s = new Sphere(2);
    for (double x2 : new double[] {1 + 0.99e-6, 1 - 0.99e-6, 1.0}) {
      double[] data = {0.0, 0.0, x2};
      assertNull(s.validate(data), "‖x‖ = " + x2);
      assertArrayEquals(new double[] {0.0, 0.0, 1.0}, s.fromData(data), 0.0);
    }
    double[] tilted = {0.6 * (1 + 5e-7), 0.0, 0.8 * (1 + 5e-7)};
    assertNull(s.validate(tilted));
    assertArrayEquals(new double[] {0.6, 0.0, 0.8}, s.fromData(tilted), 1e-16);
  }

  @Test
  void validateRejectsPointsBeyondOneInAMillion() {
    Sphere s = new Sphere(2);
    assertEquals("point is off the sphere: |‖x‖−1| = 4.0", s.validate(new double[] {0, 3, 4}));
    assertEquals("point is off the sphere: |‖x‖−1| = 0.5", s.validate(new double[] {0, 0, 0.5}));
    assertEquals("point is off the sphere: |‖x‖−1| = 1.0", s.validate(new double[] {0, 0, 0}));
    assertEquals("point is off the sphere: |‖x‖−1| = NaN",
        s.validate(new double[] {0, Double.NaN, 1}));
    for (double x2 : new double[] {1 + 1.01e-6, 1 - 1.01e-6}) {
      String message = s.validate(new double[] {0.0, 0.0, x2});
      String prefix = "point is off the sphere: |‖x‖−1| = ";
      assertTrue(message.startsWith(prefix), message);
      assertEquals(1.01e-6, Double.parseDouble(message.substring(prefix.length())), 1e-15);
    }
    assertEquals("|‖x‖−1| ≤ 1e-6", s.validationRule());
  }
}
