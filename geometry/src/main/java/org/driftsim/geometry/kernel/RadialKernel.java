package org.driftsim.geometry.kernel;

import java.util.Arrays;
import org.driftsim.geometry.Manifold;

/**
 * A radial kernel {@code k(x,y) = κ(dist(x,y))} on a manifold, with Riemannian gradient
 * \( ∇_x k = −κ'(r)\log_x(y)/r \) (the zero vector at r = 0) and sharp companion
 * {@code k♯(x,y) = κ♯(dist(x,y))} with \( ∇_x k^♯ = κ(r)\log_x(y) \) (MATH.md §2).
 */
public final class RadialKernel implements Kernel {
  private final KernelSpec spec;
  private final RadialProfile profile;
  private final Manifold manifold;

  RadialKernel(KernelSpec spec, RadialProfile profile, Manifold manifold) {
    this.spec = spec;
    this.profile = profile;
    this.manifold = manifold;
  }

  @Override
  public KernelSpec spec() {
    return spec;
  }

  @Override
  public Manifold manifold() {
    return manifold;
  }

  /** The radial profile κ. */
  public RadialProfile profile() {
    return profile;
  }

  @Override
  public double value(double[] x, double[] y) {
    return profile.value(manifold.distance(x, y));
  }

  /** {@code log k(x,y)}, finite where {@link #value} underflows. */
  public double logValue(double[] x, double[] y) {
    return profile.logValue(manifold.distance(x, y));
  }

  @Override
  public void gradient(double[] x, double[] y, double[] out) {
    double r = manifold.log(x, y, out);
    if (r == 0) {
      // Zero distance: the gradient is the zero vector by convention (MATH.md §1).
      Arrays.fill(out, 0.0);
      return;
    }
    double coefficient = Math.exp(profile.logNegDerivative(r)) / r;
    for (int k = 0; k < out.length; k++) {
      out[k] *= coefficient;
    }
  }

  /** {@code k♯(x,y) = κ♯(dist(x,y))}. */
  public double sharpValue(double[] x, double[] y) {
    return profile.sharp(manifold.distance(x, y));
  }

  /** Writes \( ∇_x k^♯(x,y) = κ(r)\log_x(y) \). */
  public void sharpGradient(double[] x, double[] y, double[] out) {
    double r = manifold.log(x, y, out);
    double k = profile.value(r);
    for (int i = 0; i < out.length; i++) {
      out[i] *= k;
    }
  }

  @Override
  public String toString() {
    return spec + " on " + manifold;
  }
}
