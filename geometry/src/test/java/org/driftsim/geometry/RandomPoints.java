package org.driftsim.geometry;

import java.util.List;
import java.util.Random;

/**
 * Seeded random points and tangent vectors on every geometry, and the list of manifolds the
 * property tests run on (test scope; the field tests keep their own helper).
 */
public final class RandomPoints {
  private final Random random;

  public RandomPoints(long seed) {
    this.random = new Random(seed);
  }

  /**
   * The manifolds every property test covers: R^1, R^3, R^10; S^1, S^2, S^5; H^1, H^2, H^5; the
   * simplex Δ^3 (L = 1, K = 4), Δ^1 (L = 1, K = 2) and sequences (S^3_+)^3 (L = 3, K = 4).
   */
  public static List<Manifold> manifolds() {
    return List.of(
        new Euclidean(1), new Euclidean(3), new Euclidean(10),
        new Sphere(1), new Sphere(2), new Sphere(5),
        new Hyperboloid(1), new Hyperboloid(2), new Hyperboloid(5),
        new FisherRaoSimplex(4, 1), new FisherRaoSimplex(2, 1), new FisherRaoSimplex(4, 3));
  }

  public Random random() {
    return random;
  }

  /** A uniform number in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** A vector of independent standard normal entries. */
  public double[] gaussian(int n) {
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = random.nextGaussian();
    }
    return g;
  }

  /**
   * A random point: standard normal on R^d; uniform on S^d; on H^d the spatial coordinates are
   * normal with standard deviation 1.5 (distances from the origin up to about 4); on the simplex
   * each position is a flat Dirichlet draw, kept away from the boundary (entries ≥ 1e-4).
   */
  public double[] point(Manifold m) {
    int n = m.ambientDimension();
    double[] out = new double[n];
    switch (m.geometry()) {
      case EUCLIDEAN -> out = gaussian(n);
      case SPHERE -> m.project(gaussian(n), out);
      case HYPERBOLOID -> {
        double[] g = gaussian(n);
        for (int k = 1; k < n; k++) {
          g[k] *= 1.5;
        }
        m.project(g, out);
      }
      case SIMPLEX -> {
        FisherRaoSimplex s = (FisherRaoSimplex) m;
        double[] p = new double[n];
        for (int l = 0; l < s.sequenceLength(); l++) {
          double sum = 0;
          for (int k = l * s.categories(); k < (l + 1) * s.categories(); k++) {
            p[k] = 1e-4 - Math.log(1.0 - random.nextDouble()); // Exp(1) draws, floored
            sum += p[k];
          }
          for (int k = l * s.categories(); k < (l + 1) * s.categories(); k++) {
            p[k] /= sum;
          }
        }
        out = m.fromData(p);
      }
    }
    return out;
  }

  /** A random tangent vector at x with Riemannian norm {@code length}. */
  public double[] tangent(Manifold m, double[] x, double length) {
    double[] v = new double[m.ambientDimension()];
    m.projectTangent(x, gaussian(m.ambientDimension()), v);
    double n = m.norm(x, v);
    for (int k = 0; k < v.length; k++) {
      v[k] *= length / n;
    }
    return v;
  }
}
