package org.driftsim.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.driftsim.geometry.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one string form of kernel specs: round trips and the exact error messages. */
class KernelSpecTest {

  /** parse(toString()) gives the same spec for 300 random parameter sets per family. */
  @ParameterizedTest
  @EnumSource(KernelFamily.class)
  void parseOfToStringRoundTrips(KernelFamily family) {
    Random rnd = new Random(51);
    for (int i = 0; i < 300; i++) {
      double tau = Math.exp(rnd.nextDouble() * 20 - 12); // 6e-6 .. 3e3, full mantissas
      double alpha = family.takesAlpha() ? 10 * rnd.nextDouble() + Double.MIN_NORMAL : Double.NaN;
      double nu = family.takesNu() ? Math.exp(rnd.nextDouble() * 8 - 4) : Double.NaN;
      int lmax = family.takesLmax() ? 1 + rnd.nextInt(KernelSpec.MAX_LMAX) : 0;
      KernelSpec spec = new KernelSpec(family, tau, alpha, nu, lmax);
      assertEquals(spec, KernelSpec.parse(spec.toString()), spec.toString());
    }
  }

  @Test
  void toStringIsTheDocumentedForm() {
    assertEquals("laplace(tau=0.2)", KernelSpec.of(KernelFamily.LAPLACE, 0.2).toString());
    assertEquals("rq(tau=0.2, alpha=2.0)",
        new KernelSpec(KernelFamily.RQ, 0.2, 2.0, Double.NaN, 0).toString());
    assertEquals("matern(tau=0.2, nu=0.7)",
        new KernelSpec(KernelFamily.MATERN, 0.2, Double.NaN, 0.7, 0).toString());
    assertEquals("spectral-matern(tau=0.3, nu=1.5, lmax=40)",
        new KernelSpec(KernelFamily.SPECTRAL_MATERN, 0.3, Double.NaN, 1.5, 40).toString());
    assertEquals("spectral-heat(tau=0.3, lmax=40)",
        new KernelSpec(KernelFamily.SPECTRAL_HEAT, 0.3, Double.NaN, Double.NaN, 40).toString());
  }

  @Test
  void parseIgnoresWhiteSpaceAndAcceptsAnyParameterOrder() {
    assertEquals(new KernelSpec(KernelFamily.SPECTRAL_MATERN, 0.5, Double.NaN, 2.0, 12),
        KernelSpec.parse("  spectral-matern ( lmax = 12 ,nu=2, tau= 0.5 ) "));
    assertEquals(new KernelSpec(KernelFamily.RQ, 1e-3, 3.0, Double.NaN, 0),
        KernelSpec.parse("rq(tau=1.0E-3, alpha=3)"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // unknown family
      "foo(tau=1)|kernel family must be one of gaussian, laplace, matern32, matern52, rq, matern,"
          + " spectral-matern, spectral-heat, got foo",
      "Gaussian(tau=1)|kernel family must be one of gaussian, laplace, matern32, matern52, rq,"
          + " matern, spectral-matern, spectral-heat, got Gaussian",
      // missing or bad tau
      "laplace()|kernel spec must give tau, got laplace()",
      "rq(alpha=2)|kernel spec must give tau, got rq(alpha=2)",
      "laplace(tau=-0.1)|tau must be > 0 and finite, got -0.1",
      "laplace(tau=0)|tau must be > 0 and finite, got 0.0",
      "laplace(tau=Infinity)|tau must be > 0 and finite, got Infinity",
      "laplace(tau=NaN)|tau must be a number, got NaN",
      "laplace(tau=abc)|tau must be a number, got abc",
      // alpha
      "gaussian(tau=1, alpha=2)|alpha applies only to the rq kernel, got alpha = 2.0 for gaussian",
      "laplace(tau=0.2, alpha=NaN)|alpha must be a number, got NaN",
      "rq(tau=0.2)|alpha must be given for the rq kernel",
      "rq(tau=0.2, alpha=-1)|alpha must be > 0 and finite, got -1.0",
      // nu
      "matern(tau=1)|nu must be given for the matern kernel",
      "spectral-matern(tau=1, lmax=10)|nu must be given for the spectral-matern kernel",
      "matern(tau=1, nu=0)|nu must be > 0 and finite, got 0.0",
      "laplace(tau=1, nu=1.5)|nu applies only to the matern and spectral-matern kernels, got"
          + " nu = 1.5 for laplace",
      "spectral-heat(tau=1, nu=1, lmax=4)|nu applies only to the matern and spectral-matern"
          + " kernels, got nu = 1.0 for spectral-heat",
      // lmax
      "spectral-heat(tau=0.3)|lmax must be given for the spectral-heat kernel",
      "spectral-matern(tau=0.3, nu=1.5)|lmax must be given for the spectral-matern kernel",
      "spectral-heat(tau=0.3, lmax=0)|lmax must be in [1, 10000], got 0",
      "spectral-heat(tau=0.3, lmax=-2)|lmax must be in [1, 10000], got -2",
      "spectral-heat(tau=0.3, lmax=10001)|lmax must be in [1, 10000], got 10001",
      "spectral-heat(tau=0.3, lmax=4.5)|lmax must be a whole number, got 4.5",
      "matern(tau=1, nu=1, lmax=3)|lmax applies only to the spectral kernels, got lmax = 3 for"
          + " matern",
      "gaussian(tau=1, lmax=0)|lmax applies only to the spectral kernels, got lmax = 0 for"
          + " gaussian",
      // malformed
      "laplace|kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got laplace",
      "laplace(tau=0.2|kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got"
          + " laplace(tau=0.2",
      "laplace tau=0.2)|kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got"
          + " laplace tau=0.2)",
      "laplace(tau 0.2)|kernel spec parameter must look like name=value, got 'tau 0.2' in"
          + " laplace(tau 0.2)",
      "laplace(tau=0.2,)|kernel spec parameter must look like name=value, got '' in"
          + " laplace(tau=0.2,)",
      "laplace(,tau=0.2)|kernel spec parameter must look like name=value, got '' in"
          + " laplace(,tau=0.2)",
      "laplace(tau=0.2, beta=1)|kernel spec parameter must be one of tau, alpha, nu, lmax, got"
          + " beta in laplace(tau=0.2, beta=1)",
      "laplace(tau=0.2, tau=0.3)|kernel spec parameter tau must be given once, got it twice in"
          + " laplace(tau=0.2, tau=0.3)",
      "laplace(tau=0.2))|tau must be a number, got 0.2)",
  })
  void parseRejectsBadSpecsWithTheMessage(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void parseRejectsNullAndEmptyTextAndValues() {
    String form = "kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got ";
    assertEquals(form + "null",
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse(null)).getMessage());
    assertEquals(form,
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse("")).getMessage());
    assertEquals("tau must be a number, got ", assertThrows(IllegalArgumentException.class,
        () -> KernelSpec.parse("laplace(tau=)")).getMessage());
  }

  @Test
  void hasSharpAndSupports() {
    assertFalse(KernelSpec.parse("rq(tau=1, alpha=1)").hasSharp());
    assertFalse(KernelSpec.parse("rq(tau=1, alpha=0.5)").hasSharp());
    assertTrue(KernelSpec.parse("rq(tau=1, alpha=1.0001)").hasSharp());
    assertFalse(KernelSpec.parse("spectral-heat(tau=1, lmax=3)").hasSharp());
    assertFalse(KernelSpec.parse("spectral-matern(tau=1, nu=1, lmax=3)").hasSharp());
    for (KernelSpec spec : KernelCases.radial(0.7)) {
      assertEquals(!(spec.family() == KernelFamily.RQ && spec.alpha() <= 1), spec.hasSharp(),
          spec.toString());
      for (Geometry g : Geometry.values()) {
        assertTrue(spec.supports(g), spec + " on " + g);
      }
    }
    KernelSpec heat = KernelSpec.parse("spectral-heat(tau=1, lmax=3)");
    assertTrue(heat.supports(Geometry.SPHERE));
    assertFalse(heat.supports(Geometry.EUCLIDEAN));
    assertFalse(heat.supports(Geometry.HYPERBOLOID));
    assertFalse(heat.supports(Geometry.SIMPLEX));
    assertEquals("the spectral-heat kernel is not radial; bind it to S² with bind()",
        assertThrows(IllegalArgumentException.class, heat::profile).getMessage());
  }

  @Test
  void withTauKeepsTheOtherParameters() {
    KernelSpec spec = KernelSpec.parse("spectral-matern(tau=0.3, nu=1.5, lmax=40)");
    assertEquals(KernelSpec.parse("spectral-matern(tau=0.9, nu=1.5, lmax=40)"),
        spec.withTau(0.9));
    assertEquals("tau must be > 0 and finite, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> spec.withTau(-1)).getMessage());
  }
}
