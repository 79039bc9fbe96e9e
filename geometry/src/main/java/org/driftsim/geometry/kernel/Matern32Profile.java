package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Checks;

/**
 * Matérn-3/2 profile with \( a = \sqrt3\,r/τ \): \( κ = (1+a)e^{−a} \),
 * \( −κ' = (3r/τ^2)e^{−a} \), \( κ^♯ = (r^2 + \sqrt3 τr + τ^2)e^{−a} \).
 *
 * @param tau the temperature τ > 0
 */
public record Matern32Profile(double tau) implements RadialProfile {
  private static final double SQRT3 = Math.sqrt(3.0);

  public Matern32Profile {
    Checks.positive("tau", tau);
  }

  @Override
  public double logValue(double r) {
    double a = SQRT3 * r / tau;
    return Math.log1p(a) - a;
  }

  @Override
  public double logNegDerivative(double r) {
    double a = SQRT3 * r / tau;
    return Math.log(3.0 * r / (tau * tau)) - a;
  }

  @Override
  public boolean hasSharp() {
    return true;
  }

  @Override
  public double logSharp(double r) {
    double a = SQRT3 * r / tau;
    return Math.log(r * r + SQRT3 * tau * r + tau * tau) - a;
  }
}
