package org.driftsim.geometry.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;

/**
 * A kernel family with its parameters at one temperature, printed and parsed in one string form:
 * {@code gaussian(tau=0.5)}, {@code laplace(tau=0.2)}, {@code matern32(tau=0.2)},
 * {@code matern52(tau=0.2)}, {@code rq(tau=0.2, alpha=2.0)}, {@code matern(tau=0.2, nu=0.7)},
 * {@code spectral-matern(tau=0.3, nu=1.5, lmax=40)}, {@code spectral-heat(tau=0.3, lmax=40)}.
 *
 * <p>Parameters a family does not take are {@code NaN} (α, ν) or 0 (lmax); the compact
 * constructor rejects missing, extra and out-of-range parameters with a message naming them.
 *
 * @param family the kernel family
 * @param tau the temperature (bandwidth); for spectral kernels the length scale ℓ
 * @param alpha the rational-quadratic shape α > 0
 * @param nu the Matérn smoothness ν > 0
 * @param lmax the truncation of a spectral series, ≥ 1
 */
public record KernelSpec(KernelFamily family, double tau, double alpha, double nu, int lmax) {

  /** The largest supported truncation of a spectral series. */
  public static final int MAX_LMAX = 10_000;

  public KernelSpec {
    if (family == null) {
      throw new IllegalArgumentException("kernel family must be given, got null");
    }
    Checks.positive("tau", tau);
    if (family.takesAlpha()) {
      if (Double.isNaN(alpha)) {
        throw new IllegalArgumentException("alpha must be given for the " + family + " kernel");
      }
      Checks.positive("alpha", alpha);
    } else if (!Double.isNaN(alpha)) {
      throw new IllegalArgumentException("alpha applies only to the rq kernel, got alpha = "
          + alpha + " for " + family);
    }
    if (family.takesNu()) {
      if (Double.isNaN(nu)) {
        throw new IllegalArgumentException("nu must be given for the " + family + " kernel");
      }
      Checks.positive("nu", nu);
    } else if (!Double.isNaN(nu)) {
      throw new IllegalArgumentException(
          "nu applies only to the matern and spectral-matern kernels, got nu = " + nu + " for "
              + family);
    }
    if (family.takesLmax()) {
      if (lmax == 0) {
        throw new IllegalArgumentException("lmax must be given for the " + family + " kernel");
      }
      Checks.inRange("lmax", lmax, 1, MAX_LMAX);
    } else if (lmax != 0) {
      throw new IllegalArgumentException(
          "lmax applies only to the spectral kernels, got lmax = " + lmax + " for " + family);
    }
  }

  /** A kernel without extra parameters (gaussian, laplace, matern32, matern52). */
  public static KernelSpec of(KernelFamily family, double tau) {
    return new KernelSpec(family, tau, Double.NaN, Double.NaN, 0);
  }

  /** The same kernel at another temperature. */
  public KernelSpec withTau(double newTau) {
    return new KernelSpec(family, newTau, alpha, nu, lmax);
  }

  /** Whether the sharp companion κ♯ exists: not for spectral kernels, and for rq only if α > 1. */
  public boolean hasSharp() {
    return !family.isSpectral() && !(family == KernelFamily.RQ && !(alpha > 1));
  }

  /** The radial profile of a non-spectral kernel. */
  public RadialProfile profile() {
    return switch (family) {
      case GAUSSIAN -> new GaussianProfile(tau);
      case LAPLACE -> new LaplaceProfile(tau);
      case MATERN32 -> new Matern32Profile(tau);
      case MATERN52 -> new Matern52Profile(tau);
      case RQ -> new RationalQuadraticProfile(tau, alpha);
      case MATERN -> new MaternProfile(tau, nu);
      case SPECTRAL_MATERN, SPECTRAL_HEAT -> throw new IllegalArgumentException(
          "the " + family + " kernel is not radial; bind it to S² with bind()");
    };
  }

  /**
   * Binds this kernel to a manifold. Spectral kernels exist only on S² (three ambient
   * coordinates); every other combination is radial in the geodesic distance.
   */
  public Kernel bind(Manifold manifold) {
    if (family.isSpectral()) {
      if (!(manifold instanceof Sphere sphere) || sphere.intrinsicDimension() != 2) {
        throw new IllegalArgumentException(
            "the " + family + " kernel needs the sphere S² (geometry sphere with 3 columns), got "
                + manifold.geometry().cliName() + " " + manifold);
      }
      return new SphereSpectralKernel(this);
    }
    return new RadialKernel(this, profile(), manifold);
  }

  /** Whether this kernel can be used on a geometry (spectral kernels only on the sphere). */
  public boolean supports(Geometry geometry) {
    return !family.isSpectral() || geometry == Geometry.SPHERE;
  }

  /** The one string form, e.g. {@code rq(tau=0.2, alpha=2.0)}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(family.cliName()).append("(tau=").append(tau);
    if (family.takesAlpha()) {
      b.append(", alpha=").append(alpha);
    }
    if (family.takesNu()) {
      b.append(", nu=").append(nu);
    }
    if (family.takesLmax()) {
      b.append(", lmax=").append(lmax);
    }
    return b.append(')').toString();
  }

  /**
   * Parses the string form of {@link #toString()}; white space around tokens is ignored.
   *
   * @throws IllegalArgumentException naming the spec and what was expected
   */
  public static KernelSpec parse(String text) {
    String s = text == null ? "" : text.strip();
    int open = s.indexOf('(');
    if (open < 0 || !s.endsWith(")")) {
      throw new IllegalArgumentException(
          "kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got " + text);
    }
    KernelFamily family = KernelFamily.parse("kernel family", s.substring(0, open).strip());
    Map<String, String> params = new LinkedHashMap<>();
    String body = s.substring(open + 1, s.length() - 1).strip();
    if (!body.isEmpty()) {
      for (String part : body.split(",", -1)) { // -1: a trailing empty parameter is an error
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "kernel spec parameter must look like name=value, got '" + part.strip() + "' in "
                  + text);
        }
        String key = part.substring(0, eq).strip();
        if (!key.equals("tau") && !key.equals("alpha") && !key.equals("nu")
            && !key.equals("lmax")) {
          throw new IllegalArgumentException(
              "kernel spec parameter must be one of tau, alpha, nu, lmax, got " + key + " in "
                  + text);
        }
        if (params.put(key, part.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException(
              "kernel spec parameter " + key + " must be given once, got it twice in " + text);
        }
      }
    }
    if (!params.containsKey("tau")) {
      throw new IllegalArgumentException("kernel spec must give tau, got " + text);
    }
    double tau = number("tau", params.get("tau"));
    double alpha = params.containsKey("alpha") ? number("alpha", params.get("alpha")) : Double.NaN;
    double nu = params.containsKey("nu") ? number("nu", params.get("nu")) : Double.NaN;
    int lmax = 0;
    if (params.containsKey("lmax")) {
      try {
        lmax = Integer.parseInt(params.get("lmax"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "lmax must be a whole number, got " + params.get("lmax"), e);
      }
    }
    // The record stands for an absent parameter by NaN (alpha, nu) or 0 (lmax); a parameter that
    // is present must not pass for absent, so these are checked here on presence.
    if (params.containsKey("alpha") && !family.takesAlpha()) {
      throw new IllegalArgumentException("alpha applies only to the rq kernel, got alpha = "
          + alpha + " for " + family);
    }
    if (params.containsKey("nu") && !family.takesNu()) {
      throw new IllegalArgumentException(
          "nu applies only to the matern and spectral-matern kernels, got nu = " + nu + " for "
              + family);
    }
    if (params.containsKey("lmax")) {
      if (!family.takesLmax()) {
        throw new IllegalArgumentException(
            "lmax applies only to the spectral kernels, got lmax = " + lmax + " for " + family);
      }
      Checks.inRange("lmax", lmax, 1, MAX_LMAX);
    }
    return new KernelSpec(family, tau, alpha, nu, lmax);
  }

  private static double number(String name, String value) {
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got " + value, e);
    }
    if (Double.isNaN(parsed)) {
      throw new IllegalArgumentException(name + " must be a number, got " + value);
    }
    return parsed;
  }
}
