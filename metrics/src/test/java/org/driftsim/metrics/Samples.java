package org.driftsim.metrics;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;

/** Seeded point clouds for the metric tests. */
final class Samples {
  static final Sphere S2 = new Sphere(2);

  private Samples() {}

  /** The point at {@code angle} on the great circle of the xy-plane of S². */
  static double[] onEquator(double angle) {
    return new double[] {Math.cos(angle), Math.sin(angle), 0};
  }

  /**
   * n points {@code exp_c(σ·ξ)} with ξ a standard normal vector projected to the tangent space at
   * the center c (a wrapped Gaussian around c).
   */
  static double[][] cloud(Manifold manifold, RandomGenerator rng, int n, double[] center,
      double sigma) {
    int d = manifold.ambientDimension();
    double[][] points = new double[n][];
    double[] ambient = new double[d];
    double[] tangent = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        ambient[k] = sigma * rng.nextGaussian();
      }
      manifold.projectTangent(center, ambient, tangent);
      points[i] = manifold.exp(center, tangent);
    }
    return points;
  }

  /** The first {@code count} points of a set. */
  static double[][] head(double[][] points, int count) {
    double[][] out = new double[count][];
    System.arraycopy(points, 0, out, 0, count);
    return out;
  }
}
