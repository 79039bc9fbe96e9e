package org.driftsim.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documented edge cases of the hyperboloid (MATH.md §1): far-out points, very close points and
 * validation. References are computed from the spatial coordinates in 60-digit decimal
 * arithmetic, with the time coordinate {@code sqrt(1 + Σ x_i²)} exact, as the class defines points.
 */
class HyperboloidTest {
  private static final int CASES = 300;
  private static final MathContext MC = new MathContext(60);

  /**
   * Far-apart points with spatial coordinates around 1e6 (distance from the origin ≈ 12..14.5):
   * the distance agrees with arccosh(−⟨x,y⟩_L) to 1e-13 relative where that form is accurate —
   * where −⟨x,y⟩_L = x₀y₀ − Σx_iy_i does not cancel (x₀y₀ ≤ 4·(−⟨x,y⟩_L)) — and with the
   * high-precision reference everywhere, within the resolution bound of
   * {@link #distanceOfNearbyFarOutPointsIsFiniteAndWithinTheResolution}.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void distanceOfFarOutPointsAgreesWithArccoshAndTheReference(int d) {
    Hyperboloid h = new Hyperboloid(d);
    RandomPoints rnd = new RandomPoints(31);
    int arccoshChecked = 0;
    for (int i = 0; i < CASES; i++) {
      double[] x = farOut(h, rnd);
      double[] y = farOut(h, rnd);
      double dist = h.distance(x, y);
      double expected = exactDistance(x, y);
      assertEquals(expected, dist, resolution(x, y, expected), h + ": reference, case " + i);
      double cosh = -Hyperboloid.lorentz(x, y);
      if (x[0] * y[0] <= 4 * cosh) {
        assertEquals(acosh(cosh), dist, 1e-13 * dist, h + ": arccosh form, case " + i);
        arccoshChecked++;
      }
    }
    assertTrue(arccoshChecked >= CASES / 3, "arccosh compared on " + arccoshChecked + " cases");
  }

  /**
   * Nearby far-out points (spatial coordinates ~1e6 apart by ~1e-3): arccosh(−⟨x,y⟩_L) is
   * meaningless here (its argument rounds to about 1 ± 1e-4), while the distance stays finite,
   * non-negative and within the documented resolution of the representation: the stable form
   * computes q = ⟨Δ,Δ⟩_L = Σ Δ_i² − Δ₀² to about ε·Σ Δ_i² (cancellation when Δ is radial), so
   * dist = 2 asinh(√q/2) has relative error about ε·(ΣΔ_i²)/q; asserted with 4ε·(ΣΔ_i²)/q.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void distanceOfNearbyFarOutPointsIsFiniteAndWithinTheResolution(int d) {
    Hyperboloid h = new Hyperboloid(d);
    RandomPoints rnd = new RandomPoints(32);
    for (int i = 0; i < CASES; i++) {
      double[] x = farOut(h, rnd);
      double[] g = rnd.gaussian(d + 1);
      double[] ys = x.clone();
      for (int k = 1; k <= d; k++) {
        ys[k] += 1e-3 * g[k];
      }
      double[] y = h.fromData(ys);
      double dist = h.distance(x, y);
      assertTrue(Double.isFinite(dist) && dist >= 0, h + ": dist = " + dist + ", case " + i);
      double expected = exactDistance(x, y);
      assertEquals(expected, dist, resolution(x, y, expected), h + ": case " + i);
    }
  }

  /**
   * Points 1e-9 apart at distances up to ~4 from the origin, where arccosh(−⟨x,y⟩_L) returns 0,
   * NaN or ~1e-8: the distance and ‖log_x(y)‖ agree with the high-precision reference within the
   * resolution bound (4ε relative times the cancellation factor, at most cosh²R ≈ 1e3 here).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void distanceOfVeryClosePointsIsAccurate(int d) {
    Hyperboloid h = new Hyperboloid(d);
    RandomPoints rnd = new RandomPoints(33);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(h);
      double[] y = h.exp(x, rnd.tangent(h, x, 1e-9 * rnd.uniform(0.5, 2.0)));
      double expected = exactDistance(x, y);
      assertEquals(expected, h.distance(x, y), resolution(x, y, expected), h + ": case " + i);
      assertEquals(expected, h.norm(x, h.log(x, y)), 2 * resolution(x, y, expected),
          h + ": ‖log‖, case " + i);
    }
  }

  @Test
  void validateAcceptsPointsWithinOneInAMillionRelativeToX0SquaredAndProjectsThem() {
    Hyperboloid h = new Hyperboloid(2);
    // Spatial part (3, 4): on the hyperboloid x₀² = 26; the deviation is |26 − x₀²|/x₀².
    for (double dev : new double[] {0.99e-6, -0.99e-6, 0.0}) {
      double[] data = {Math.sqrt(26.0 / (1.0 - dev)), 3.0, 4.0};
      assertNull(h.validate(data), "deviation " + dev);
      assertArrayEquals(new double[] {Math.sqrt(26.0), 3.0, 4.0}, h.fromData(data), 0.0);
    }
  }

  @Test
  void validateRejectsPointsBeyondOneInAMillionWithTheMessage() {
    Hyperboloid h = new Hyperboloid(2);
    assertEquals("point is off the hyperboloid: |⟨x,x⟩_L+1|/x₀² = 0.75",
        h.validate(new double[] {2.0, 0.0, 0.0}));
    assertEquals("point is off the hyperboloid: x₀ = -1.0 is not positive",
        h.validate(new double[] {-1.0, 0.0, 0.0}));
    assertEquals("point is off the hyperboloid: x₀ = 0.0 is not positive",
        h.validate(new double[] {0.0, 3.0, 4.0}));
    assertEquals("point is off the hyperboloid: x₀ = NaN is not positive",
        h.validate(new double[] {Double.NaN, 3.0, 4.0}));
    String prefix = "point is off the hyperboloid: |⟨x,x⟩_L+1|/x₀² = ";
    for (double dev : new double[] {1.01e-6, -1.01e-6}) {
      String message = h.validate(new double[] {Math.sqrt(26.0 / (1.0 - dev)), 3.0, 4.0});
      assertTrue(message.startsWith(prefix), message);
      assertEquals(1.01e-6, Double.parseDouble(message.substring(prefix.length())), 1e-14);
    }
    assertEquals("x₀ > 0 and |⟨x,x⟩_L+1|/x₀² ≤ 1e-6", h.validationRule());
  }

  /**
   * The resolution of the stable distance: q = Σ Δ_i² − Δ₀² is computed to about ε·Σ Δ_i², so
   * dist = 2·asinh(√q/2) is good to 4ε·max(1, ΣΔ_i²/q) relative (the factor is 1 unless Δ is
   * nearly radial, and at most about cosh²R at distance R from the origin).
   */
  private static double resolution(double[] x, double[] y, double expected) {
    double spatial = 0;
    for (int k = 1; k < x.length; k++) {
      spatial += (y[k] - x[k]) * (y[k] - x[k]);
    }
    double q = 4 * Math.pow(Math.sinh(0.5 * expected), 2);
    return 4 * Math.ulp(1.0) * Math.max(1.0, spatial / q) * expected;
  }

  /** A point whose spatial coordinates have norm between 1e5 and 1e6. */
  private static double[] farOut(Hyperboloid h, RandomPoints rnd) {
    double[] g = rnd.gaussian(h.ambientDimension());
    double[] spatialPart = g.clone();
    spatialPart[0] = 0;
    double scale = rnd.uniform(1e5, 1e6) / Vectors.norm(spatialPart);
    for (int k = 1; k < g.length; k++) {
      g[k] *= scale;
    }
    return h.fromData(g);
  }

  /**
   * dist(x,y) from the spatial coordinates in 60-digit arithmetic: q = Σ Δ_i² − Δ₀² with
   * x₀ = sqrt(1 + Σ x_i²) exact; then 2·asinh(√q/2) in double, which is well-conditioned.
   */
  static double exactDistance(double[] x, double[] y) {
    BigDecimal x0 = BigDecimal.ONE;
    BigDecimal y0 = BigDecimal.ONE;
    BigDecimal spatial = BigDecimal.ZERO;
    for (int k = 1; k < x.length; k++) {
      BigDecimal xk = new BigDecimal(x[k]);
      BigDecimal yk = new BigDecimal(y[k]);
      x0 = x0.add(xk.multiply(xk));
      y0 = y0.add(yk.multiply(yk));
      BigDecimal dk = yk.subtract(xk);
      spatial = spatial.add(dk.multiply(dk));
    }
    BigDecimal d0 = y0.sqrt(MC).subtract(x0.sqrt(MC));
    double q = spatial.subtract(d0.multiply(d0), MC).doubleValue();
    double z = 0.5 * Math.sqrt(q);
    return 2.0 * Math.log1p(z + z * z / (1.0 + Math.sqrt(1.0 + z * z)));
  }

  /** arccosh(z) = log(z + sqrt(z² − 1)) for z ≥ 1 (Java 17 has no Math.acosh). */
  private static double acosh(double z) {
    return Math.log(z + Math.sqrt((z - 1.0) * (z + 1.0)));
  }
}
