package org.driftsim.datasets;

import org.driftsim.geometry.Geometry;

/**
 * The 2-D charts of MATH.md §6, on which the synthetic targets are defined and the tile accuracy
 * is measured: R² is the identity; S² is the exponential map at the north pole
 * {@code n = (0,0,1)} of the tangent vector {@code (u,v,0)}; H² is the exponential map at the
 * origin {@code o = (1,0,0)} of {@code (0,u,v)} (Lorentz model, {@code x₀} first).
 *
 * <p>Closed forms, with \( r = \sqrt{u^2+v^2} \):
 * S²: \( (\sin r\, u/r,\ \sin r\, v/r,\ \cos r) \); H²: \( (\cosh r,\ \sinh r\, u/r,\ \sinh r\,
 * v/r) \); at {@code r = 0} the factors {@code sin r / r} and {@code sinh r / r} are 1. The inverse
 * is the log at the base point: S²: {@code θ = atan2(ρ, z)}, {@code (u,v) = θ·(x,y)/ρ} with
 * {@code ρ = ‖(x,y)‖}; H²: {@code (u,v) = asinh(ρ)·(x₁,x₂)/ρ} with {@code ρ = ‖(x₁,x₂)‖}. Both use
 * only directions and ratios, so points a rounding error off the manifold are read correctly.
 * The chart is one-to-one for {@code r < π} on S² and everywhere on H².
 *
 * <p>Degenerate cases: the base point maps to {@code (0,0)}; the south pole {@code (0,0,−1)} of
 * S² (cut locus of the north pole) also maps to {@code (0,0)}, following the geometry module's
 * convention that the log of an antipodal point is the zero vector.
 */
public final class Charts {
  private Charts() {}

  /** The base point of the S² chart, {@code n = (0,0,1)}. */
  public static double[] northPole() {
    return new double[] {0, 0, 1};
  }

  /** The base point of the H² chart, {@code o = (1,0,0)}. */
  public static double[] hyperboloidOrigin() {
    return new double[] {1, 0, 0};
  }

  /**
   * Maps chart coordinates to a point of the geometry's 2-D manifold.
   *
   * @param geometry euclidean (R²), sphere (S²) or hyperboloid (H²)
   * @return a new array of length 2 (R²) or 3 (S², H²)
   */
  public static double[] toManifold(Geometry geometry, double u, double v) {
    double r = Math.hypot(u, v);
    switch (checked(geometry)) {
      case EUCLIDEAN:
        return new double[] {u, v};
      case SPHERE: {
        double s = r == 0 ? 1.0 : Math.sin(r) / r; // sin r / r → 1 at the base point
        return new double[] {s * u, s * v, Math.cos(r)};
      }
      default: { // HYPERBOLOID
        double s = r == 0 ? 1.0 : Math.sinh(r) / r;
        double x1 = s * u;
        double x2 = s * v;
        // x₀ from the constraint, so that ⟨x,x⟩_L = −1 to rounding (equals cosh r).
        return new double[] {Math.sqrt(1.0 + x1 * x1 + x2 * x2), x1, x2};
      }
    }
  }

  /**
   * Maps a point back to chart coordinates (log at the base point).
   *
   * @param geometry euclidean (R²), sphere (S²) or hyperboloid (H²)
   * @param point ambient coordinates, length 2 (R²) or 3 (S², H²)
   * @return a new array {@code (u, v)}
   */
  public static double[] toChart(Geometry geometry, double[] point) {
    Geometry g = checked(geometry);
    int expected = g == Geometry.EUCLIDEAN ? 2 : 3;
    if (point.length != expected) {
      throw new IllegalArgumentException("point must have " + expected + " coordinates for "
          + g.cliName() + ", got " + point.length);
    }
    switch (g) {
      case EUCLIDEAN:
        return new double[] {point[0], point[1]};
      case SPHERE: {
        double rho = Math.hypot(point[0], point[1]);
        if (rho == 0) {
          return new double[] {0, 0}; // north pole, or south pole by the antipodal convention
        }
        double theta = Math.atan2(rho, point[2]);
        return new double[] {theta * point[0] / rho, theta * point[1] / rho};
      }
      default: { // HYPERBOLOID
        double rho = Math.hypot(point[1], point[2]);
        if (rho == 0) {
          return new double[] {0, 0};
        }
        double scale = asinh(rho) / rho;
        return new double[] {scale * point[1], scale * point[2]};
      }
    }
  }

  /** The ambient dimension of the 2-D manifold of a chart geometry: 2 for R², 3 otherwise. */
  public static int ambientDimension(Geometry geometry) {
    return checked(geometry) == Geometry.EUCLIDEAN ? 2 : 3;
  }

  /** Fails unless the geometry has a chart (everything but the simplex). */
  static Geometry checked(Geometry geometry) {
    if (geometry == null || geometry == Geometry.SIMPLEX) {
      throw new IllegalArgumentException(
          "geometry must be one of euclidean, sphere, hyperboloid (a 2-D chart), got " + geometry);
    }
    return geometry;
  }

  /** asinh with log1p, exact for small arguments and free of overflow for large ones. */
  private static double asinh(double z) {
    if (z > 1e8) {
      return Math.log(z) + Math.log(2.0);
    }
    return Math.log1p(z + z * z / (1.0 + Math.sqrt(1.0 + z * z)));
  }
}
