package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Checks;

/**
 * Rational quadratic profile with \( b = 1 + r^2/(2ατ^2) \): \( κ = b^{−α} \),
 * \( −κ' = (r/τ^2)b^{−α−1} \), and for α > 1 only \( κ^♯ = (ατ^2/(α−1))\,b^{−(α−1)} \)
 * (for α ≤ 1 the integral defining κ♯ diverges).
 *
 * @param tau the temperature τ > 0
 * @param alpha the shape α > 0
 */
public record RationalQuadraticProfile(double tau, double alpha) implements RadialProfile {
  public RationalQuadraticProfile {
    Checks.positive("tau", tau);
    Checks.positive("alpha", alpha);
  }

  private double logBase(double r) {
    double z = r / tau;
    return Math.log1p(z * z / (2.0 * alpha));
  }

  @Override
  public double logValue(double r) {
    return -alpha * logBase(r);
  }

  @Override
  public double logNegDerivative(double r) {
    return Math.log(r) - 2.0 * Math.log(tau) - (alpha + 1.0) * logBase(r);
  }

  @Override
  public boolean hasSharp() {
    return alpha > 1;
  }

  @Override
  public double logSharp(double r) {
    if (!hasSharp()) {
      throw new IllegalArgumentException(
          "alpha must be > 1 for the sharp rq kernel, got " + alpha);
    }
    return Math.log(alpha * tau * tau / (alpha - 1.0)) - (alpha - 1.0) * logBase(r);
  }
}
