package org.driftsim.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Radial profiles (MATH.md §2): sharp closed forms, derivatives, Matérn special cases. */
class RadialProfileTest {
  /** r/τ at which the sharp kernels are checked against quadrature. */
  private static final double[] SHARP_RADII = {0.0, 0.05, 0.3, 1.0, 2.5, 6.0, 15.0};

  static List<Arguments> sharpProfiles() {
    List<Arguments> cases = new ArrayList<>();
    for (double tau : new double[] {0.3, 1.7}) {
      for (KernelSpec spec : KernelCases.withSharp(tau)) {
        cases.add(Arguments.of(spec));
      }
    }
    return cases;
  }

  /**
   * The closed-form sharp kernels against adaptive Gauss–Legendre quadrature (Hipparchus) of the
   * definition κ♯(r) = ½∫_{r²}^∞ κ(√t) dt = ∫_r^∞ s κ(s) ds (substituting t = s²), with
   * s = r + τ(u/(1−u))³ mapping u ∈ [0, 1) onto [r, ∞); the cube makes the integrand vanish
   * smoothly at both ends (also for the s^{1+2ν} cusp of Matérn ν < 1 at r = 0, and the s^{1−2α}
   * tail of rq). Relative tolerance 1e-12 (the quadrature is asked for 1e-13 and reaches about
   * 1e-14). For general Matérn this checks the exact identity
   * κ♯ = (τ²/(2ν))·c·a^{ν+1}K_{ν+1}(a).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sharpProfiles")
  void sharpMatchesQuadratureOfItsDefinition(KernelSpec spec) {
    RadialProfile p = spec.profile();
    double tau = spec.tau();
    for (double rOverTau : SHARP_RADII) {
      double r = rOverTau * tau;
      double quadrature = sharpByQuadrature(p, tau, r);
      assertEquals(quadrature, p.sharp(r), 1e-12 * quadrature, spec + ": κ♯(" + r + ")");
    }
    double atZero = spec.family() == KernelFamily.RQ
        ? spec.alpha() * tau * tau / (spec.alpha() - 1) : tau * tau;
    assertEquals(atZero, p.sharp(0.0), 1e-14 * atZero, spec + ": κ♯(0)");
    assertEquals(1.0, p.value(0.0), 0.0, spec + ": κ(0)");
  }

  /**
   * log(−κ') against a finite difference of log κ at 300 random r/τ ∈ [0.01, 30] (log-uniform):
   * −κ'/κ = −(log κ)', relative tolerance 1e-7. The difference is Richardson-extrapolated from
   * central differences with steps h = 0.01·r and h/2 (error O((h/r)⁴) ≈ 1e-8): a plain central
   * difference would need h ≪ r, and at small r log κ of the general Matérn is a sum of terms of
   * size ~10 cancelling to ~1e-4, whose rounding (~1e-15) divided by such an h exceeds 1e-7.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("allProfiles")
  void logNegDerivativeMatchesFiniteDifferenceOfLogValue(KernelSpec spec) {
    RadialProfile p = spec.profile();
    Random rnd = new Random(71);
    for (int i = 0; i < 300; i++) {
      double r = spec.tau() * Math.exp(Math.log(0.01) + rnd.nextDouble() * Math.log(3000.0));
      double h = 0.01 * r;
      double coarse = (p.logValue(r + h) - p.logValue(r - h)) / (2 * h);
      double fine = (p.logValue(r + h / 2) - p.logValue(r - h / 2)) / h;
      double fd = -(4 * fine - coarse) / 3;
      double exact = Math.exp(p.logNegDerivative(r) - p.logValue(r));
      assertEquals(exact, fd, 1e-7 * exact, spec + ": −(log κ)'(" + r + ")");
    }
  }

  static List<Arguments> allProfiles() {
    List<Arguments> cases = new ArrayList<>();
    for (double tau : new double[] {0.3, 1.7}) {
      for (KernelSpec spec : KernelCases.radial(tau)) {
        cases.add(Arguments.of(spec));
      }
    }
    return cases;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.0, 0.999})
  void sharpRationalQuadraticNeedsAlphaAboveOne(double alpha) {
    RationalQuadraticProfile p = new RationalQuadraticProfile(0.4, alpha);
    assertFalse(p.hasSharp());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sharp(1));
    assertEquals("alpha must be > 1 for the sharp rq kernel, got " + alpha, e.getMessage());
    assertEquals("alpha must be > 1 for the sharp rq kernel, got 1.0",
        assertThrows(IllegalArgumentException.class,
            () -> new RationalQuadraticProfile(0.4, 1.0).logSharp(0.0)).getMessage());
  }

  static List<Arguments> halfIntegerMaterns() {
    List<Arguments> cases = new ArrayList<>();
    for (double tau : new double[] {0.05, 1.0, 30.0}) {
      cases.add(Arguments.of(new MaternProfile(tau, 0.5), new LaplaceProfile(tau)));
      cases.add(Arguments.of(new MaternProfile(tau, 1.5), new Matern32Profile(tau)));
      cases.add(Arguments.of(new MaternProfile(tau, 2.5), new Matern52Profile(tau)));
    }
    return cases;
  }

  /**
   * General Matérn at ν = ½, 3/2, 5/2 equals the closed forms: value, −κ' and κ♯ at r = 0 and at
   * 500 random r ∈ [0, 50τ], relative 1e-12 (i.e. log space absolute 1e-12).
   */
  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("halfIntegerMaterns")
  void maternAtHalfIntegersEqualsTheClosedForms(RadialProfile matern, RadialProfile closed) {
    double tau = ((MaternProfile) matern).tau();
    Random rnd = new Random(72);
    for (int i = 0; i <= 500; i++) {
      double r = i == 0 ? 0.0 : 50 * tau * rnd.nextDouble();
      assertEquals(closed.value(r), matern.value(r), 1e-12 * closed.value(r), "κ(" + r + ")");
      assertEquals(closed.negDerivative(r), matern.negDerivative(r),
          1e-12 * closed.negDerivative(r), "−κ'(" + r + ")");
      assertEquals(closed.sharp(r), matern.sharp(r), 1e-12 * closed.sharp(r), "κ♯(" + r + ")");
    }
  }

  /**
   * Far out (r/τ = 2000, 10⁴) the values underflow a double, but log κ, log(−κ') and log κ♯ stay
   * finite and the general Matérn agrees with the closed forms to 1e-12 relative in log space.
   */
  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("halfIntegerMaterns")
  void maternAtHalfIntegersAgreesInLogSpaceWhereValuesUnderflow(
      RadialProfile matern, RadialProfile closed) {
    double tau = ((MaternProfile) matern).tau();
    for (double rOverTau : new double[] {2000.0, 1e4}) {
      double r = rOverTau * tau;
      assertEquals(0.0, closed.value(r), 0.0, "κ underflows at r/τ = " + rOverTau);
      double[] expected = {closed.logValue(r), closed.logNegDerivative(r), closed.logSharp(r)};
      double[] actual = {matern.logValue(r), matern.logNegDerivative(r), matern.logSharp(r)};
      for (int k = 0; k < 3; k++) {
        assertTrue(Double.isFinite(actual[k]), "finite at r/τ = " + rOverTau);
        assertEquals(expected[k], actual[k], 1e-12 * Math.abs(expected[k]),
            "log-space quantity " + k + " at r/τ = " + rOverTau);
      }
    }
  }

  /**
   * Every profile stays finite in log space at tiny temperatures (r/τ up to 1e6), where κ
   * underflows, and log κ decreases with r.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("allProfiles")
  void logSpaceStaysFiniteWhereValuesUnderflow(KernelSpec spec) {
    RadialProfile p = spec.withTau(1e-4).profile();
    double previous = 0.0;
    for (double r : new double[] {0.01, 0.1, 1.0, 10.0, 100.0}) {
      double logValue = p.logValue(r);
      assertTrue(Double.isFinite(logValue) && logValue < previous, spec + ": log κ(" + r + ")");
      assertTrue(Double.isFinite(p.logNegDerivative(r)), spec + ": log(−κ')(" + r + ")");
      if (p.hasSharp()) {
        assertTrue(Double.isFinite(p.logSharp(r)), spec + ": log κ♯(" + r + ")");
      }
      previous = logValue;
    }
  }

  /** ∫_r^∞ s κ(s) ds by Gauss–Legendre on u ∈ [0, 1) with s = r + τ(u/(1−u))³. */
  static double sharpByQuadrature(RadialProfile p, double tau, double r) {
    UnivariateFunction integrand = u -> {
      double w = u / (1 - u);
      double s = r + tau * w * w * w;
      double ds = 3 * tau * w * w / ((1 - u) * (1 - u));
      return s * p.value(s) * ds;
    };
    IterativeLegendreGaussIntegrator integrator =
        new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-300, 2, 64);
    return integrator.integrate(2_000_000, integrand, 0.0, 1.0);
  }
}
