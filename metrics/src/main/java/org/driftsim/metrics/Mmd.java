package org.driftsim.metrics;

import java.util.function.ToDoubleBiFunction;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.kernel.Kernel;
import org.driftsim.geometry.kernel.KernelSpec;

/**
 * The squared maximum mean discrepancy of MATH.md §5 between two samples A = {a_i} (n points) and
 * B = {b_j} (m points) on a manifold, with a kernel k:
 *
 * <ul>
 *   <li>{@link Estimator#BIASED} (V-statistic):
 *       \( \frac{1}{n^2}\sum_{i,i'} k(a_i,a_{i'}) + \frac{1}{m^2}\sum_{j,j'} k(b_j,b_{j'})
 *       − \frac{2}{nm}\sum_{i,j} k(a_i,b_j) \), diagonal terms included;
 *   <li>{@link Estimator#UNBIASED} (U-statistic): the same with the within-sample sums over
 *       {@code i ≠ i'} and {@code j ≠ j'}, divided by {@code n(n−1)} and {@code m(m−1)} (needs
 *       n, m ≥ 2; it can be negative).
 * </ul>
 *
 * <p>Kernels: any kernel of {@link KernelSpec} bound to the manifold ({@link #of}: the radial ones
 * evaluate {@code κ(dist(x,y))} with the manifold's geodesic distance and the project's
 * bandwidth convention, e.g. gaussian \( e^{−r^2/(2τ^2)} \); the spectral ones exist on S²
 * only), or the geodesic Gaussian \( e^{−γ\,d(x,y)^2} \) ({@link #geodesicGaussian}). The
 * kernel-gradient drifting paper (App. F.2, "Metrics") selects models on S² with
 * \( k(x,y) = \exp(−d_{S^2}(x,y)^2) \), i.e. γ = 1 (gaussian τ = 1/√2 in the convention above);
 * its Table 2 "MMD" is, per MATH.md §5, the square root of the biased MMD² with that kernel,
 * clamped at 0: the paper does not spell this out, but the Earth benchmark code it follows (Woo et
 * al. 2026, Riemannian MeanFlow, {@code src/eval/mmd.py}, see {@code shared/datasets/earth})
 * returns {@code sqrt(maximum(mmd2, 0))} of the biased value for equal sample sizes. That is
 * {@link #earthBenchmark()} with {@link #rootBiased} (which also accepts unequal sizes).
 * Geodesic Gaussian kernels are not positive definite on curved manifolds in general (paper §4.1:
 * for all temperatures only if the space is flat), so there even the biased value may be
 * negative; with a positive-definite kernel (e.g. gaussian on R^d) it is ≥ 0 up to rounding.
 *
 * <p>Cost: {@code (n+m)²} kernel evaluations, no n×m matrix (memory O(n+m)). Rows are summed in
 * parallel on the common fork-join pool (for sets large enough to pay for it), each row sum in
 * index order into its own slot, and the row sums are then added in index order, so the result
 * does not depend on the thread count.
 * The within-sample sums use every ordered pair (not the half {@code i < i'}), so the biased
 * value of a set against itself is exactly 0.
 *
 * <pre>{@code
 * double mmd2 = Mmd.of(KernelSpec.parse("gaussian(tau=0.5)"), new Euclidean(2)).unbiased(a, b);
 * double earth = Mmd.earthBenchmark().rootBiased(generated, test);   // Table 2 "MMD" on S²
 * }</pre>
 */
public final class Mmd {

  /** Which estimator of MMD² (V- or U-statistic). */
  public enum Estimator {
    /** V-statistic, diagonal terms included; ≥ 0 for positive-definite kernels. */
    BIASED,
    /** U-statistic, within-sample diagonal terms excluded; unbiased, may be negative. */
    UNBIASED
  }

  /** γ of the paper's S² selection metric \( e^{−γ d^2} \) (App. F.2): 1. */
  public static final double EARTH_GAMMA = 1.0;

  private final Manifold manifold;
  private final ToDoubleBiFunction<double[], double[]> kernel;
  private final String description;

  private Mmd(Manifold manifold, ToDoubleBiFunction<double[], double[]> kernel,
      String description) {
    this.manifold = manifold;
    this.kernel = kernel;
    this.description = description;
  }

  /**
   * MMD² with a kernel of {@link KernelSpec} on a manifold, e.g.
   * {@code Mmd.of(KernelSpec.parse("laplace(tau=0.2)"), new Sphere(2))}.
   *
   * @throws IllegalArgumentException if the kernel does not exist on the manifold (spectral
   *     kernels off S²)
   */
  public static Mmd of(KernelSpec spec, Manifold manifold) {
    return of(spec.bind(manifold));
  }

  /** MMD² with a kernel already bound to its manifold. */
  public static Mmd of(Kernel kernel) {
    return new Mmd(kernel.manifold(), kernel::value, kernel.spec() + " on " + kernel.manifold());
  }

  /**
   * MMD² with the geodesic Gaussian \( k(x,y) = e^{−γ\,d(x,y)^2} \) of the manifold's distance.
   *
   * @param gamma γ > 0 (the project's gaussian τ is {@code 1/√(2γ)})
   */
  public static Mmd geodesicGaussian(Manifold manifold, double gamma) {
    Checks.positive("gamma", gamma);
    return new Mmd(manifold, (x, y) -> {
      double r = manifold.distance(x, y);
      return Math.exp(-gamma * r * r);
    }, "exp(-" + gamma + "·d²) on " + manifold);
  }

  /**
   * The paper's selection metric on S² (App. F.2): the geodesic Gaussian \( e^{−d^2} \) (γ = 1)
   * on the unit sphere S² ⊂ R³. Its {@link #rootBiased} is the "MMD" of Table 2.
   */
  public static Mmd earthBenchmark() {
    return geodesicGaussian(new Sphere(2), EARTH_GAMMA);
  }

  /** The manifold the points live on. */
  public Manifold manifold() {
    return manifold;
  }

  /**
   * MMD² with the chosen estimator.
   *
   * @param a {@code [n][D]} points on the manifold (D its ambient dimension), n ≥ 1 (≥ 2 for the
   *     unbiased estimator)
   * @param b {@code [m][D]}, likewise; n and m may differ
   * @throws IllegalArgumentException for too few points, a row of the wrong length, a non-finite
   *     coordinate or a point off the manifold, e.g.
   *     {@code "B[3] must have 3 coordinates (the ambient dimension of S^2), got 2"}
   */
  public double squared(double[][] a, double[][] b, Estimator estimator) {
    boolean unbiased = estimator == Estimator.UNBIASED;
    int minPoints = unbiased ? 2 : 1;
    PointSets.check("A", a, manifold, minPoints, "for the unbiased estimator");
    PointSets.check("B", b, manifold, minPoints, "for the unbiased estimator");
    double n = a.length;
    double m = b.length;
    double withinA = sum(a, a, unbiased);
    double withinB = sum(b, b, unbiased);
    double across = sum(a, b, false);
    if (unbiased) {
      return withinA / (n * (n - 1)) + withinB / (m * (m - 1)) - 2 * across / (n * m);
    }
    return withinA / (n * n) + withinB / (m * m) - 2 * across / (n * m);
  }

  /** The biased MMD² (V-statistic). */
  public double biased(double[][] a, double[][] b) {
    return squared(a, b, Estimator.BIASED);
  }

  /** The unbiased MMD² (U-statistic); n, m ≥ 2. */
  public double unbiased(double[][] a, double[][] b) {
    return squared(a, b, Estimator.UNBIASED);
  }

  /**
   * \( \sqrt{\max(\mathrm{MMD}^2_{biased}, 0)} \), the "MMD" the Earth benchmark reports (with
   * {@link #earthBenchmark()}); the clamp only matters for kernels that are not positive definite.
   */
  public double rootBiased(double[][] a, double[][] b) {
    return Math.sqrt(Math.max(biased(a, b), 0.0));
  }

  /**
   * \( \sum_{i}\sum_{j} k(x_i, y_j) \) over all ordered pairs, without {@code i = j} if
   * {@code skipDiagonal} (x and y are then the same set).
   */
  private double sum(double[][] x, double[][] y, boolean skipDiagonal) {
    long pairs = (long) x.length * y.length;
    double[] rowSums = ParallelRows.range(x.length, pairs).mapToDouble(i -> {
      double[] xi = x[i];
      double s = 0;
      for (int j = 0; j < y.length; j++) {
        if (skipDiagonal && j == i) {
          continue;
        }
        s += kernel.applyAsDouble(xi, y[j]);
      }
      return s;
    }).toArray(); // [n], each slot written by one task
    double total = 0;
    for (double s : rowSums) {
      total += s;
    }
    return total;
  }

  /** The kernel and manifold, e.g. {@code exp(-1.0·d²) on S^2}. */
  @Override
  public String toString() {
    return description;
  }
}
