package org.driftsim.geometry.kernel;

/**
 * The radial profile {@code κ(r)} of a kernel {@code k(x,y) = κ(dist(x,y))} at a fixed
 * temperature, evaluated in log space so that tiny temperatures do not underflow (MATH.md §2).
 *
 * <p>Besides {@code log κ} a profile gives {@code log(−κ'(r))}, which drives the Riemannian
 * gradient \( ∇_x k = −κ'(r) \log_x(y)/r \), and the log of its sharp companion
 * \( κ^♯(r) = ½\int_{r^2}^∞ κ(\sqrt t)\,dt \), whose gradient is {@code κ(r)·log_x(y)}.
 */
public interface RadialProfile {

  /** {@code log κ(r)} for {@code r ≥ 0}; {@code κ(0) = 1}. */
  double logValue(double r);

  /**
   * {@code log(−κ'(r))} for {@code r ≥ 0}. At {@code r = 0} it may be {@code −∞} (smooth kernels)
   * or {@code +∞} (Matérn with ν < ½); callers treat the gradient at r = 0 as the zero vector.
   */
  double logNegDerivative(double r);

  /** Whether {@link #logSharp} is defined (the rational quadratic needs α > 1). */
  boolean hasSharp();

  /** {@code log κ♯(r)}; throws if {@link #hasSharp()} is false. */
  double logSharp(double r);

  /** {@code κ(r)} (may underflow to 0; prefer {@link #logValue}). */
  default double value(double r) {
    return Math.exp(logValue(r));
  }

  /** {@code −κ'(r)}. */
  default double negDerivative(double r) {
    return Math.exp(logNegDerivative(r));
  }

  /** {@code κ♯(r)}. */
  default double sharp(double r) {
    return Math.exp(logSharp(r));
  }
}
