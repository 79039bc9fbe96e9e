package org.driftsim.metrics.plot;

import org.driftsim.geometry.Geometry;

/**
 * The plane projections of the particle plots, as pure functions of ambient coordinates.
 *
 * <ul>
 *   <li>R²: the identity.
 *   <li>S²: the Lambert azimuthal equal-area projection of the whole sphere about the north pole
 *       {@code (0,0,1)}: the point at polar angle θ goes to radius
 *       {@code r = sqrt(2(1 − z)) = 2 sin(θ/2)} in the direction of {@code (x, y)}, so the north
 *       pole is the centre, the equator the circle {@code r = √2} and the south pole the rim
 *       {@code r = 2}; areas are preserved, so densities can be compared by eye.
 *   <li>H²: the Poincaré disk {@code (x₁, x₂)/(1 + x₀)}, inside the unit circle; the origin
 *       {@code (1,0,0)} is the centre and a point at distance d from it has radius
 *       {@code tanh(d/2)}.
 * </ul>
 */
public final class Projections {
  private Projections() {}

  /** Projects a point of R², S² or H² to the plane of its plot. */
  public static double[] project(Geometry geometry, double[] point) {
    return switch (geometry) {
      case EUCLIDEAN -> new double[] {point[0], point[1]};
      case SPHERE -> lambertNorthPole(point);
      case HYPERBOLOID -> poincareDisk(point);
      case SIMPLEX -> throw new IllegalArgumentException(
          "geometry must be one of euclidean, sphere, hyperboloid, got simplex");
    };
  }

  /**
   * Lambert azimuthal equal-area about the north pole. The point is normalized first; with
   * {@code ρ = ‖(x,y)‖}, the factor {@code r/ρ} is computed as {@code sqrt(2/(1+z))} on the
   * northern half (no cancellation in {@code 1 − z} near the pole) and as
   * {@code sqrt(2(1−z))/ρ} on the southern half. The south pole itself, whose direction is
   * undefined, goes to {@code (0, −2)}.
   */
  public static double[] lambertNorthPole(double[] point) {
    double norm = Math.sqrt(point[0] * point[0] + point[1] * point[1] + point[2] * point[2]);
    double x = point[0] / norm;
    double y = point[1] / norm;
    double z = point[2] / norm;
    double rho = Math.hypot(x, y);
    double factor;
    if (z >= 0) {
      factor = Math.sqrt(2.0 / (1.0 + z));
    } else if (rho > 0) {
      factor = Math.sqrt(2.0 * (1.0 - z)) / rho;
    } else {
      return new double[] {0, -2}; // the south pole: any point of the rim; this one
    }
    return new double[] {factor * x, factor * y};
  }

  /** The Poincaré disk {@code (x₁, x₂)/(1 + x₀)} of a hyperboloid point. */
  public static double[] poincareDisk(double[] point) {
    double s = 1.0 / (1.0 + point[0]);
    return new double[] {s * point[1], s * point[2]};
  }
}
