package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Checks;

/**
 * Matérn-5/2 profile with \( a = \sqrt5\,r/τ \): \( κ = (1+a+a^2/3)e^{−a} \),
 * \( −κ' = (5r/(3τ^2))(1+a)e^{−a} \),
 * \( κ^♯ = (\sqrt5 r^3/(3τ) + 2r^2 + \sqrt5 τr + τ^2)e^{−a} \).
 *
 * @param tau the temperature τ > 0
 */
public record Matern52Profile(double tau) implements RadialProfile {
  private static final double SQRT5 = Math.sqrt(5.0);

  public Matern52Profile {
    Checks.positive("tau", tau);
  }

  @Override
  public double logValue(double r) {
    double a = SQRT5 * r / tau;
    return Math.log1p(a + a * a / 3.0) - a;
  }

  @Override
  public double logNegDerivative(double r) {
    double a = SQRT5 * r / tau;
    return Math.log(5.0 * r / (3.0 * tau * tau)) + Math.log1p(a) - a;
  }

  @Override
  public boolean hasSharp() {
    return true;
  }

  @Override
  public double logSharp(double r) {
    double a = SQRT5 * r / tau;
    double poly = SQRT5 * r * r * r / (3.0 * tau) + 2.0 * r * r + SQRT5 * tau * r + tau * tau;
    return Math.log(poly) - a;
  }
}
