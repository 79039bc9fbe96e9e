package org.driftsim.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.RandomPoints;
import org.driftsim.geometry.Sphere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Spectral Matérn and heat kernels on S² (MATH.md §2). */
class SphereSpectralKernelTest {
  private static final Sphere S2 = new Sphere(2);

  /**
   * {ℓ, t, k(t), k'(t)} of the heat kernel summed to l = 399 (converged far below 1e-38) in
   * 40-digit arithmetic, produced by
   * <pre>
   * python3 -c "from mpmath import *; mp.dps=40; P=lambda l,t: legendre(l,mpf(t)); D=lambda l,t: diff(lambda s:legendre(l,s),mpf(t)) if abs(t)<1 else mpf(l*(l+1))/2*t**(l+1); f=lambda e,l: exp(-mpf(e)**2*l*(l+1)/2)*(2*l+1); [print(e,t,*(mp.nstr(sum(f(e,l)*g(l,t) for l in range(400))/sum(f(e,l) for l in range(400)),20) for g in (P,D))) for e in (0.2,0.5,1.0,2.0) for t in (-1.0,-0.6,0.0,0.5,0.9,0.99,1.0)]"
   * </pre>
   */
  private static final double[][] HEAT = {
      {0.2, -1.0, -3.6291786669192309786e-44, 2.3395505845892864725e-41},
      {0.2, -0.6, 4.0187935483165074446e-27, 2.750600883809651492e-25},
      {0.2, 0.0, 5.0522411192123350523e-14, 1.9678978808907285362e-12},
      {0.2, 0.5, 1.2248804477823431748e-6, 0.000036760689722255493853},
      {0.2, 0.9, 0.080000449396025568477, 2.0554580511676733817},
      {0.2, 0.99, 0.77977881824253503435, 19.428964619193271506},
      {0.2, 1.0, 1.0, 24.833109401139194282},
      {0.5, -1.0, 4.1690637147607449942e-8, 3.0468282737677741701e-6},
      {0.5, -0.6, 0.000092332926906810640913, 0.00095143746670482144654},
      {0.5, 0.0, 0.0090352156973512346325, 0.053857458495707000774},
      {0.5, 0.5, 0.12277905748473630809, 0.56681965527229736678},
      {0.5, 0.9, 0.67730719732765241457, 2.6838257844496189732},
      {0.5, 0.99, 0.96234561134639315096, 3.6997074807018627634},
      {0.5, 1.0, 1.0, 3.8318739101915900257},
      {1.0, -1.0, 0.054148841508708321658, 0.1927591651596449103},
      {1.0, -0.6, 0.14928455153951782893, 0.28547086375181716866},
      {1.0, 0.0, 0.36943505752601646159, 0.45462640045467349221},
      {1.0, 0.5, 0.63830304342169510989, 0.62560816709029918034},
      {1.0, 0.9, 0.91950918510619027047, 0.78369542679370891009},
      {1.0, 0.99, 0.99175828297123553973, 0.82201211985084413843},
      {1.0, 1.0, 1.0, 0.82633342601297849472},
      {2.0, -1.0, 0.89583302062206039173, 0.051996130620223463656},
      {2.0, -0.6, 0.91663846143533712163, 0.052031073546355366954},
      {2.0, 0.0, 0.94787283015043675879, 0.052083489062749378737},
      {2.0, 0.5, 0.97392549480023733087, 0.05212716969300805558},
      {2.0, 0.9, 0.99478335169350655055, 0.052162114873533376147},
      {2.0, 0.99, 0.9994782958555773204, 0.052169977622000602401},
      {2.0, 1.0, 1.0, 0.052170851262597846206},
  };

  /**
   * {ℓ, ν, t, k(t)} of the spectral Matérn kernel truncated at lmax = 40, produced by
   * <pre>
   * python3 -c "from mpmath import *; mp.dps=40; f=lambda e,n,l: (2*mpf(n)/mpf(e)**2+l*(l+1))**(-(mpf(n)+1))*(2*l+1); [print(e,n,t,mp.nstr(sum(f(e,n,l)*legendre(l,mpf(t)) for l in range(41))/sum(f(e,n,l) for l in range(41)),20)) for e in (0.3,1.0) for n in (0.5,2.5) for t in (-0.5,0.3,0.95)]"
   * </pre>
   */
  private static final double[][] MATERN = {
      {0.3, 0.5, -0.5, 0.0017467128296713971911},
      {0.3, 0.5, 0.3, 0.019845642236954158488},
      {0.3, 0.5, 0.95, 0.38572786692119224548},
      {0.3, 2.5, -0.5, 0.000026211487101678874788},
      {0.3, 2.5, 0.3, 0.0037790208980907348868},
      {0.3, 2.5, 0.95, 0.49685930176117223877},
      {1.0, 0.5, -0.5, 0.29503790441965533572},
      {1.0, 0.5, 0.3, 0.42830344564633353922},
      {1.0, 0.5, 0.95, 0.79683912303432520795},
      {1.0, 2.5, -0.5, 0.22219018783129498385},
      {1.0, 2.5, 0.3, 0.47295610621488744826},
      {1.0, 2.5, 0.95, 0.93661405557741786037},
  };

  static List<KernelSpec> specs() {
    return KernelGradientTest.spectralSpecs();
  }

  /**
   * The heat kernel with lmax = 200 (its terms beyond l ≈ 70 are below 1e-40 for ℓ ≥ 0.2)
   * against the converged series: the value to 1e-14 absolute (|k| ≤ 1; the series sums 201
   * terms of size ≤ 1), the derivative dk/dt to 1e-14 relative to its largest value k'(1).
   */
  @Test
  void heatKernelMatchesTheConvergedSeries() {
    for (double[] row : HEAT) {
      SphereSpectralKernel k = (SphereSpectralKernel) new KernelSpec(
          KernelFamily.SPECTRAL_HEAT, row[0], Double.NaN, Double.NaN, 200).bind(S2);
      double[] slope = new double[1];
      double[] slopeAtOne = new double[1];
      k.valueAndDerivativeAtCosine(1.0, slopeAtOne);
      assertEquals(row[2], k.valueAndDerivativeAtCosine(row[1], slope), 1e-14,
          k + ": k(" + row[1] + ")");
      assertEquals(row[3], slope[0], 1e-14 * slopeAtOne[0], k + ": k'(" + row[1] + ")");
    }
  }

  /** The spectral Matérn kernel at lmax = 40 against the same truncated series, to 1e-14. */
  @Test
  void maternKernelMatchesTheTruncatedSeries() {
    for (double[] row : MATERN) {
      Kernel k = new KernelSpec(KernelFamily.SPECTRAL_MATERN, row[0], Double.NaN, row[1], 40)
          .bind(S2);
      double t = row[2];
      double[] x = {0.0, 0.0, 1.0};
      double[] y = {Math.sqrt(1 - t * t), 0.0, t};
      assertEquals(row[3], k.value(x, y), 1e-14, k + ": k at cosine " + t);
    }
  }

  /**
   * k(x, x) = 1 (to 1e-14: the normalized coefficients sum to 1), k(x, y) = k(y, x) (exactly:
   * ⟨x,y⟩ is symmetric) and |k| ≤ 1, at 200 random (x, y) per kernel with ℓ ∈ [0.2, 1.5].
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void unitOnTheDiagonalSymmetricAndBounded(KernelSpec template) {
    RandomPoints rnd = new RandomPoints(101);
    for (int i = 0; i < 200; i++) {
      double[] x = rnd.point(S2);
      double[] y = rnd.point(S2);
      Kernel k = template.withTau(rnd.uniform(0.2, 1.5)).bind(S2);
      assertEquals(1.0, k.value(x, x), 1e-14, k + ": k(x, x), case " + i);
      assertEquals(k.value(x, y), k.value(y, x), 0.0, k + ": symmetry, case " + i);
      assertTrue(Math.abs(k.value(x, y)) <= 1 + 1e-14, k + ": |k| ≤ 1, case " + i);
      double[] coefficients = SphereSpectralKernel.coefficients(k.spec());
      double sum = 0;
      for (double c : coefficients) {
        assertTrue(c >= 0, k + ": nonnegative coefficient");
        sum += c;
      }
      assertEquals(1.0, sum, 1e-14, k + ": coefficients sum to 1");
    }
  }

  /**
   * Sharply peaked series (small ℓ, large lmax, slopes k'(1) ≈ 2.5e3 … 5e4): k(x, x) = 1 to
   * 1e-14, and k at points θ ∈ [1e-6, 1e-2] apart matches the series at cos θ to
   * 1e-14 + 8ε·θ·k'(1) (y = exp_x(v) is rounded by ~ε, which moves cos θ by ~θε). Regression:
   * the cosine was the plain dot product, off by a few ε since ‖x‖² ≠ 1, which the slope
   * turned into errors up to 3e-11 on the diagonal.
   */
  @Test
  void sharplyPeakedSeriesAreAccurateOnAndNearTheDiagonal() {
    RandomPoints rnd = new RandomPoints(102);
    for (String text : new String[] {"spectral-matern(tau=0.05, nu=0.5, lmax=5000)",
        "spectral-heat(tau=0.02, lmax=5000)", "spectral-matern(tau=0.3, nu=0.5, lmax=10000)"}) {
      SphereSpectralKernel k = (SphereSpectralKernel) KernelSpec.parse(text).bind(S2);
      double[] slopeAtOne = new double[1];
      k.valueAndDerivativeAtCosine(1.0, slopeAtOne);
      for (int i = 0; i < 50; i++) {
        double[] x = rnd.point(S2);
        assertEquals(1.0, k.value(x, x), 1e-14, text + ": k(x, x), case " + i);
        double theta = Math.exp(rnd.uniform(Math.log(1e-6), Math.log(1e-2)));
        double[] y = S2.exp(x, rnd.tangent(S2, x, theta));
        double sinHalf = Math.sin(theta / 2);
        double expected = k.valueAtCosine(1 - 2 * sinHalf * sinHalf);
        assertEquals(expected, k.value(x, y),
            1e-14 + 8 * Math.ulp(1.0) * theta * slopeAtOne[0], text + ": θ = " + theta);
      }
    }
  }

  /** Binding a spectral kernel to anything but S² fails with a message naming the sphere S². */
  @Test
  void bindingToAnythingButTheTwoSphereFails() {
    List<Manifold> others = List.of(new Sphere(1), new Sphere(3), new Sphere(5),
        new Euclidean(3), new Hyperboloid(2), new FisherRaoSimplex(3, 1),
        new FisherRaoSimplex(3, 2));
    for (KernelSpec spec : specs()) {
      for (Manifold m : others) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> spec.bind(m), spec + " on " + m);
        assertTrue(e.getMessage().contains("needs the sphere S²"), e.getMessage());
      }
    }
    assertEquals("the spectral-heat kernel needs the sphere S² (geometry sphere with 3 columns),"
            + " got euclidean R^3",
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse(
            "spectral-heat(tau=0.3, lmax=10)").bind(new Euclidean(3))).getMessage());
    assertEquals("the spectral-matern kernel needs the sphere S² (geometry sphere with 3"
            + " columns), got sphere S^1",
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse(
            "spectral-matern(tau=0.3, nu=1.5, lmax=10)").bind(new Sphere(1))).getMessage());
  }
}
