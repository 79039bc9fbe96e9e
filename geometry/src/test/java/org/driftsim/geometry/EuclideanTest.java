package org.driftsim.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Validation of Euclidean data rows: any finite point (MATH.md §1). */
class EuclideanTest {

  @Test
  void validateAcceptsEveryFinitePoint() {
    Euclidean e = new Euclidean(3);
    assertNull(e.validate(new double[] {0.0, -1e300, Double.MIN_VALUE}));
    assertNull(e.validate(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 0.0}));
    assertEquals("any finite point of R^3", e.validationRule());
  }

  /** Regression: the rule said "finite" but NaN and ±∞ used to be accepted. */
  @Test
  void validateRejectsNonFiniteCoordinates() {
    Euclidean e = new Euclidean(3);
    assertEquals("point is not finite: entry 2 is NaN",
        e.validate(new double[] {0.0, Double.NaN, 1.0}));
    assertEquals("point is not finite: entry 3 is Infinity",
        e.validate(new double[] {0.0, 1.0, Double.POSITIVE_INFINITY}));
    assertEquals("point is not finite: entry 1 is -Infinity",
        e.validate(new double[] {Double.NEGATIVE_INFINITY, 1.0, 2.0}));
  }
}
