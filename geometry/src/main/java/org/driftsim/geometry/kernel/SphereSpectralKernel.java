package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.special.Legendre;

/**
 * Spectral kernels on S² through the addition theorem (MATH.md §2):
 * \( k(x,y) = C\sum_{l=0}^{L} f(l(l+1))\,\frac{2l+1}{4π}\,P_l(⟨x,y⟩) \) with
 * {@code f(λ) = (2ν/ℓ² + λ)^{−(ν+1)}} (Matérn) or {@code f(λ) = exp(−ℓ²λ/2)} (heat), length
 * scale ℓ = τ, and C chosen so that {@code k(x,x) = 1} (since {@code P_l(1) = 1},
 * {@code C = 1/Σ f_l(2l+1)/(4π)}).
 *
 * <p>The Riemannian gradient is \( ∇_x k = k'(t)\,(y − t x) \) with {@code t = ⟨x,y⟩} and
 * \( k'(t) = C\sum f_l\frac{2l+1}{4π}P_l'(t) \). A truncated series can be negative, so these
 * kernels are summed in linear space and have no sharp companion.
 */
public final class SphereSpectralKernel implements Kernel {
  private final KernelSpec spec;
  private final Sphere sphere = new Sphere(2);
  private final double[] coefficients; // C·f_l·(2l+1)/(4π), l = 0..lmax

  SphereSpectralKernel(KernelSpec spec) {
    this.spec = spec;
    this.coefficients = coefficients(spec);
  }

  /** The normalized series coefficients {@code C f_l (2l+1)/(4π)}; they sum to 1. */
  static double[] coefficients(KernelSpec spec) {
    int lmax = spec.lmax();
    double ell2 = spec.tau() * spec.tau();
    double[] logTerms = new double[lmax + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int l = 0; l <= lmax; l++) {
      double lambda = (double) l * (l + 1);
      double logF = spec.family() == KernelFamily.SPECTRAL_HEAT
          ? -0.5 * ell2 * lambda
          : -(spec.nu() + 1.0) * Math.log(2.0 * spec.nu() / ell2 + lambda);
      logTerms[l] = logF + Math.log(2.0 * l + 1.0);
      max = Math.max(max, logTerms[l]);
    }
    double[] c = new double[lmax + 1];
    double sum = 0;
    for (int l = 0; l <= lmax; l++) {
      c[l] = Math.exp(logTerms[l] - max);
      sum += c[l];
    }
    for (int l = 0; l <= lmax; l++) {
      c[l] /= sum;
    }
    return c;
  }

  @Override
  public KernelSpec spec() {
    return spec;
  }

  @Override
  public Manifold manifold() {
    return sphere;
  }

  /** {@code k} as a function of {@code t = ⟨x,y⟩ ∈ [−1, 1]}. */
  public double valueAtCosine(double t) {
    return Legendre.series(coefficients, clamp(t), null);
  }

  /** Returns {@code k(t)} and writes {@code dk/dt} into {@code derivative[0]}. */
  public double valueAndDerivativeAtCosine(double t, double[] derivative) {
    return Legendre.series(coefficients, clamp(t), derivative);
  }

  @Override
  public double value(double[] x, double[] y) {
    return valueAtCosine(cosine(x, y));
  }

  @Override
  public void gradient(double[] x, double[] y, double[] out) {
    double t = cosine(x, y);
    double[] slope = new double[1];
    valueAndDerivativeAtCosine(t, slope);
    sphere.projectTangent(x, y, out); // y − ⟨x,y⟩x
    for (int k = 0; k < out.length; k++) {
      out[k] *= slope[0];
    }
  }

  /**
   * {@code ⟨x,y⟩} of unit vectors, clamped to [−1, 1], in the stable form {@code 1 − ½‖y − x‖²}:
   * exactly 1 for {@code x = y} and accurate for close points. The plain dot product is off by
   * a few ε there because {@code ‖x‖² ≠ 1} in floating point, and near t = 1 the series is at
   * its steepest (its slope k'(1) grows like ℓ^{−2} and, for Matérn, like lmax), so that error
   * showed up as {@code k(x,x) ≠ 1}.
   */
  public static double cosine(double[] x, double[] y) {
    double d0 = y[0] - x[0];
    double d1 = y[1] - x[1];
    double d2 = y[2] - x[2];
    return clamp(1.0 - 0.5 * (d0 * d0 + d1 * d1 + d2 * d2));
  }

  private static double clamp(double t) {
    return Math.max(-1.0, Math.min(1.0, t));
  }

  @Override
  public String toString() {
    return spec + " on S^2";
  }
}
