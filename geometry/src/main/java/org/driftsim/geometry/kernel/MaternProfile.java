package org.driftsim.geometry.kernel;

import org.apache.commons.numbers.gamma.LogGamma;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.special.BesselK;

/**
 * General Matérn profile of smoothness ν > 0 with \( a = \sqrt{2ν}\,r/τ \) and
 * \( c = 2^{1−ν}/Γ(ν) \): \( κ(r) = c\,a^ν K_ν(a) \) (MATH.md §2).
 *
 * <p>Derivative and sharp companion in closed form from the Bessel identities
 * \( \frac{d}{da}[a^νK_ν(a)] = −a^νK_{ν−1}(a) \) and \( K_{−μ} = K_μ \):
 * \( −κ'(r) = c\,(\sqrt{2ν}/τ)\,a^ν K_{|ν−1|}(a) \); and, because
 * \( \int_a^∞ s^{ν+1}K_ν(s)\,ds = a^{ν+1}K_{ν+1}(a) \),
 * \( κ^♯(r) = \int_r^∞ sκ(s)\,ds = (τ^2/(2ν))\,c\,a^{ν+1}K_{ν+1}(a) \). MATH.md lists κ♯ for
 * general ν as "numerical"; this closed form is exact and is checked against quadrature of the
 * defining integral in the tests. For ν = ½, 3/2, 5/2 the profile equals the Laplace, Matérn-3/2
 * and Matérn-5/2 profiles.
 *
 * <p>At r = 0: κ = 1, κ♯ = τ², and {@code −κ'(0)} is 0 for ν > ½, 1/τ for ν = ½ and +∞ for
 * ν < ½ (returned as {@code ±∞} in log space; the gradient there is the zero vector).
 *
 * @param tau the temperature τ > 0
 * @param nu the smoothness ν > 0
 */
public record MaternProfile(double tau, double nu) implements RadialProfile {
  public MaternProfile {
    Checks.positive("tau", tau);
    Checks.positive("nu", nu);
  }

  private double logC() {
    return (1.0 - nu) * Math.log(2.0) - LogGamma.value(nu);
  }

  private double scale() {
    return Math.sqrt(2.0 * nu) / tau;
  }

  @Override
  public double logValue(double r) {
    if (r == 0) {
      return 0.0;
    }
    double a = scale() * r;
    return logC() + nu * Math.log(a) + BesselK.logK(nu, a);
  }

  @Override
  public double logNegDerivative(double r) {
    if (r == 0) {
      // Limit of c·b·a^ν·K_{|ν−1|}(a) as a → 0.
      if (nu > 0.5) {
        return Double.NEGATIVE_INFINITY;
      }
      return nu == 0.5 ? -Math.log(tau) : Double.POSITIVE_INFINITY;
    }
    double a = scale() * r;
    return logC() + Math.log(scale()) + nu * Math.log(a) + BesselK.logK(nu - 1.0, a);
  }

  @Override
  public boolean hasSharp() {
    return true;
  }

  @Override
  public double logSharp(double r) {
    if (r == 0) {
      return 2.0 * Math.log(tau);
    }
    double a = scale() * r;
    return Math.log(tau * tau / (2.0 * nu)) + logC() + (nu + 1.0) * Math.log(a)
        + BesselK.logK(nu + 1.0, a);
  }
}
