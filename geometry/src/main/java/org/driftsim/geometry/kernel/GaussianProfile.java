package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Checks;

/**
 * Gaussian profile \( κ(r) = e^{−r^2/(2τ^2)} \), \( −κ'(r) = (r/τ^2)κ \), \( κ^♯ = τ^2κ \).
 *
 * @param tau the temperature τ > 0
 */
public record GaussianProfile(double tau) implements RadialProfile {
  public GaussianProfile {
    Checks.positive("tau", tau);
  }

  @Override
  public double logValue(double r) {
    double z = r / tau;
    return -0.5 * z * z;
  }

  @Override
  public double logNegDerivative(double r) {
    return Math.log(r) - 2.0 * Math.log(tau) + logValue(r);
  }

  @Override
  public boolean hasSharp() {
    return true;
  }

  @Override
  public double logSharp(double r) {
    return 2.0 * Math.log(tau) + logValue(r);
  }
}
