package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Checks;

/**
 * Laplace profile \( κ(r) = e^{−r/τ} \), \( −κ'(r) = κ/τ \), \( κ^♯ = τ(r+τ)e^{−r/τ} \).
 * Its gradient at {@code r = 0} is the zero vector by convention (MATH.md §1).
 *
 * @param tau the temperature τ > 0
 */
public record LaplaceProfile(double tau) implements RadialProfile {
  public LaplaceProfile {
    Checks.positive("tau", tau);
  }

  @Override
  public double logValue(double r) {
    return -r / tau;
  }

  @Override
  public double logNegDerivative(double r) {
    return -Math.log(tau) - r / tau;
  }

  @Override
  public boolean hasSharp() {
    return true;
  }

  @Override
  public double logSharp(double r) {
    return Math.log(tau) + Math.log(r + tau) - r / tau;
  }
}
