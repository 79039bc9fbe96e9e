package org.driftsim.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.RandomPoints;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Riemannian gradients of every kernel on every geometry against central differences along
 * geodesics: \( \frac{d}{dt} k(\exp_x(tv), y)|_{t=0} = ⟨∇_x k, v⟩_x \) (MATH.md §2), on 200 seeded
 * random cases per (kernel, manifold).
 *
 * <p>Each case draws x, y, a unit tangent v and a temperature τ = r·e^U, U ~ U(−1.5, 1.5), so
 * that r/τ ∈ [0.22, 4.5] and κ stays well above underflow. The step is h = 1e-5·min(r, τ); the
 * central difference is then exact to about (h/min(r,τ))² ≈ 1e-10 relative, plus rounding ε/h.
 * The tolerance is 1e-6·‖∇k‖·‖v‖ (relative to the largest directional derivative). Pairs within
 * 0.05 of the cut locus on the sphere (r near π) are skipped: dist is not differentiable there.
 */
class KernelGradientTest {
  private static final int CASES = 200;
  private static final double FD_TOLERANCE = 1e-6;

  static List<Arguments> radialCases() {
    List<Arguments> cases = new ArrayList<>();
    for (KernelSpec spec : KernelCases.radial(1.0)) {
      for (Manifold m : RandomPoints.manifolds()) {
        cases.add(Arguments.of(spec, m));
      }
    }
    return cases;
  }

  static List<Arguments> sharpCases() {
    List<Arguments> cases = new ArrayList<>();
    for (KernelSpec spec : KernelCases.withSharp(1.0)) {
      for (Manifold m : RandomPoints.manifolds()) {
        cases.add(Arguments.of(spec, m));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("radialCases")
  void gradientMatchesFiniteDifferences(KernelSpec template, Manifold m) {
    RandomPoints rnd = new RandomPoints(61);
    int checked = 0;
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = rnd.point(m);
      double r = m.distance(x, y);
      if (nearCutLocus(m, r)) {
        continue;
      }
      double tau = r * Math.exp(rnd.uniform(-1.5, 1.5));
      Kernel k = template.withTau(tau).bind(m);
      double[] v = rnd.tangent(m, x, 1.0);
      double h = 1e-5 * Math.min(r, tau);
      double fd = (k.value(m.exp(x, scaled(v, h)), y) - k.value(m.exp(x, scaled(v, -h)), y))
          / (2 * h);
      double[] grad = new double[m.ambientDimension()];
      k.gradient(x, y, grad);
      double expected = m.inner(x, grad, v);
      assertEquals(expected, fd, FD_TOLERANCE * m.norm(x, grad),
          k + ": d/dt k(exp_x(tv), y), r = " + r + ", case " + i);
      checked++;
    }
    assertTrue(checked >= CASES * 9 / 10, "checked " + checked + " cases");
  }

  /**
   * ∇k♯ = κ(r)·log_x(y): central differences of κ♯(dist(exp_x(tv), y)) against
   * ⟨κ(r)·log_x(y), v⟩, and {@link RadialKernel#sharpGradient} equals κ(r)·log_x(y) to 1e-15
   * relative. Same sampling and tolerance as {@link #gradientMatchesFiniteDifferences}.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("sharpCases")
  void sharpGradientIsKappaTimesLog(KernelSpec template, Manifold m) {
    RandomPoints rnd = new RandomPoints(62);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = rnd.point(m);
      double r = m.distance(x, y);
      if (nearCutLocus(m, r)) {
        continue;
      }
      double tau = r * Math.exp(rnd.uniform(-1.5, 1.5));
      RadialKernel k = (RadialKernel) template.withTau(tau).bind(m);
      double[] v = rnd.tangent(m, x, 1.0);
      double h = 1e-5 * Math.min(r, tau);
      double fd = (k.sharpValue(m.exp(x, scaled(v, h)), y)
          - k.sharpValue(m.exp(x, scaled(v, -h)), y)) / (2 * h);
      double[] kappaLog = scaled(m.log(x, y), k.profile().value(r));
      double[] sharpGradient = new double[m.ambientDimension()];
      k.sharpGradient(x, y, sharpGradient);
      assertArrayEquals(kappaLog, sharpGradient, 1e-15 * Vectors.norm(kappaLog),
          k + ": sharpGradient = κ·log, case " + i);
      assertEquals(m.inner(x, kappaLog, v), fd, FD_TOLERANCE * m.norm(x, kappaLog),
          k + ": d/dt κ♯(dist(exp_x(tv), y)), r = " + r + ", case " + i);
    }
  }

  /**
   * Documented convention: at r = 0 the gradient is the zero vector, also where −κ'(0) is
   * nonzero (Laplace, Matérn ν = ½) or infinite (Matérn ν < ½); the sharp gradient too.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("radialCases")
  void gradientAtZeroDistanceIsTheZeroVector(KernelSpec template, Manifold m) {
    RandomPoints rnd = new RandomPoints(63);
    double[] zero = new double[m.ambientDimension()];
    for (int i = 0; i < 20; i++) {
      double[] x = rnd.point(m);
      RadialKernel k = (RadialKernel) template.withTau(rnd.uniform(0.1, 2.0)).bind(m);
      double[] grad = new double[m.ambientDimension()];
      k.gradient(x, x, grad);
      assertArrayEquals(zero, grad, 0.0, k + ": ∇k(x, x)");
      assertEquals(1.0, k.value(x, x), 0.0, k + ": k(x, x)");
      if (k.profile().hasSharp()) {
        k.sharpGradient(x, x, grad);
        assertArrayEquals(zero, grad, 0.0, k + ": ∇k♯(x, x)");
      }
    }
  }

  static List<KernelSpec> spectralSpecs() {
    List<KernelSpec> specs = new ArrayList<>();
    for (int lmax : new int[] {1, 8, 40}) {
      for (double nu : new double[] {0.5, 1.5, 3.3}) {
        specs.add(new KernelSpec(KernelFamily.SPECTRAL_MATERN, 1.0, Double.NaN, nu, lmax));
      }
      specs.add(new KernelSpec(KernelFamily.SPECTRAL_HEAT, 1.0, Double.NaN, Double.NaN, lmax));
    }
    return specs;
  }

  /**
   * Spectral kernels on S²: the same finite-difference check with length scale ℓ ∈ [0.2, 1.5]
   * and h = 1e-5 (k is a polynomial in ⟨x,y⟩, smooth everywhere, so no pair is skipped); the
   * gradient is tangent to 1e-14 relative.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("spectralSpecs")
  void spectralGradientMatchesFiniteDifferences(KernelSpec template) {
    Sphere s2 = new Sphere(2);
    RandomPoints rnd = new RandomPoints(64);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(s2);
      double[] y = rnd.point(s2);
      Kernel k = template.withTau(rnd.uniform(0.2, 1.5)).bind(s2);
      double[] v = rnd.tangent(s2, x, 1.0);
      double h = 1e-5;
      double fd = (k.value(s2.exp(x, scaled(v, h)), y) - k.value(s2.exp(x, scaled(v, -h)), y))
          / (2 * h);
      double[] grad = new double[3];
      k.gradient(x, y, grad);
      // Plus the rounding of the differences: the series sums lmax + 1 terms bounded by
      // coefficients that add up to 1 (|P_l| ≤ 1), so each value is rounded by ≲ (lmax+1)ε.
      double rounding = (template.lmax() + 1) * Math.ulp(1.0) / h;
      assertEquals(s2.inner(x, grad, v), fd, FD_TOLERANCE * s2.norm(x, grad) + rounding,
          k + ": case " + i);
      double[] projected = new double[3];
      s2.projectTangent(x, grad, projected);
      assertArrayEquals(grad, projected, 1e-14 * Vectors.norm(grad), k + ": tangent");
    }
  }

  private static boolean nearCutLocus(Manifold m, double r) {
    return m.geometry() == Geometry.SPHERE && r > Math.PI - 0.05;
  }

  private static double[] scaled(double[] v, double s) {
    double[] out = v.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] *= s;
    }
    return out;
  }
}
