package org.driftsim.geometry;

/**
 * The hyperboloid (Lorentz) model {@code H^d = {x ∈ R^{d+1} : ⟨x,x⟩_L = −1, x₀ > 0}} with
 * \( ⟨x,y⟩_L = −x_0y_0 + \sum_{i≥1} x_iy_i \) (MATH.md §1).
 *
 * <p>Stable forms. With {@code Δ = y − x}: the time component {@code Δ₀} is computed as
 * \( \sum_i (y_i − x_i)(y_i + x_i) / (y_0 + x_0) \), which avoids the cancellation of
 * {@code y₀ − x₀} for points far from the origin; {@code q = ⟨Δ,Δ⟩_L ≥ 0};
 * {@code dist = 2·asinh(½√q)} (exact near 0, where {@code arccosh(−⟨x,y⟩_L)} is not);
 * the tangent part of Δ is {@code w = Δ − (q/2)x} because {@code ⟨x,Δ⟩_L = −q/2};
 * {@code ‖w‖_L = sinh θ = √q·√(1 + q/4)}; and {@code log_x y = (θ / sinh θ) w}.
 *
 * <p>Far-out points: points are stored in ambient coordinates of size about {@code cosh R}, so
 * two points at distance ε near radius R are resolved only to about {@code 1e-16·cosh²R}
 * relative to ε² — a property of the representation, not of these formulas. The time coordinate
 * is always recomputed as {@code x₀ = sqrt(1 + Σ x_i²)} when a point is projected, so points
 * satisfy the constraint to rounding.
 */
public final class Hyperboloid implements Manifold {
  private final int intrinsicDimension;
  private final int ambient;

  /** @param intrinsicDimension d ≥ 1 (H^d has d+1 ambient coordinates) */
  public Hyperboloid(int intrinsicDimension) {
    this.intrinsicDimension = Checks.positive("hyperboloid dimension", intrinsicDimension);
    this.ambient = intrinsicDimension + 1;
  }

  /** The intrinsic dimension d of H^d. */
  public int intrinsicDimension() {
    return intrinsicDimension;
  }

  @Override
  public Geometry geometry() {
    return Geometry.HYPERBOLOID;
  }

  @Override
  public int ambientDimension() {
    return ambient;
  }

  /** The Minkowski inner product \( −u_0v_0 + \sum_{i≥1} u_iv_i \). */
  public static double lorentz(double[] u, double[] v) {
    double s = -u[0] * v[0];
    for (int k = 1; k < u.length; k++) {
      s += u[k] * v[k];
    }
    return s;
  }

  /** Writes Δ = y − x with a cancellation-free time component; returns q = ⟨Δ,Δ⟩_L ≥ 0. */
  private double difference(double[] x, double[] y, double[] delta) {
    double spatial = 0; // Σ_{i≥1} Δ_i²
    double cross = 0; // Σ_{i≥1} (y_i − x_i)(y_i + x_i) = |y_s|² − |x_s|²
    for (int k = 1; k < ambient; k++) {
      double d = y[k] - x[k];
      delta[k] = d;
      spatial += d * d;
      cross += d * (y[k] + x[k]);
    }
    double d0 = cross / (y[0] + x[0]);
    delta[0] = d0;
    return Math.max(spatial - d0 * d0, 0.0);
  }

  @Override
  public double distance(double[] x, double[] y) {
    double q = difference(x, y, new double[ambient]);
    return 2.0 * asinh(0.5 * Math.sqrt(q));
  }

  @Override
  public double log(double[] x, double[] y, double[] out) {
    double q = difference(x, y, out);
    double theta = 2.0 * asinh(0.5 * Math.sqrt(q));
    if (q == 0) {
      // Coincident points: the zero vector.
      java.util.Arrays.fill(out, 0.0);
      return 0.0;
    }
    double sinhTheta = Math.sqrt(q) * Math.sqrt(1.0 + 0.25 * q);
    double scale = theta / sinhTheta;
    double half = 0.5 * q;
    for (int k = 0; k < ambient; k++) {
      out[k] = (out[k] - half * x[k]) * scale;
    }
    return theta;
  }

  @Override
  public void exp(double[] x, double[] v, double[] out) {
    double n = Math.sqrt(Math.max(lorentz(v, v), 0.0));
    if (n == 0) {
      System.arraycopy(x, 0, out, 0, ambient);
      return;
    }
    double c = Math.cosh(n);
    double s = Math.sinh(n) / n;
    for (int k = 0; k < ambient; k++) {
      out[k] = c * x[k] + s * v[k];
    }
    project(out, out);
  }

  @Override
  public void projectTangent(double[] x, double[] v, double[] out) {
    double xv = lorentz(x, v);
    for (int k = 0; k < ambient; k++) {
      out[k] = v[k] + xv * x[k];
    }
  }

  /** Keeps the spatial coordinates and sets {@code x₀ = sqrt(1 + Σ_{i≥1} x_i²)}. */
  @Override
  public void project(double[] x, double[] out) {
    double spatial = 0;
    for (int k = 1; k < ambient; k++) {
      out[k] = x[k];
      spatial += x[k] * x[k];
    }
    out[0] = Math.sqrt(1.0 + spatial);
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    return lorentz(u, v);
  }

  @Override
  public String validate(double[] data) {
    if (!(data[0] > 0)) {
      return "point is off the hyperboloid: x₀ = " + data[0] + " is not positive";
    }
    double deviation = Math.abs(lorentz(data, data) + 1.0) / (data[0] * data[0]);
    return deviation <= TOLERANCE
        ? null
        : "point is off the hyperboloid: |⟨x,x⟩_L+1|/x₀² = " + deviation;
  }

  @Override
  public String validationRule() {
    return "x₀ > 0 and |⟨x,x⟩_L+1|/x₀² ≤ 1e-6";
  }

  @Override
  public double[] fromData(double[] data) {
    double[] out = new double[ambient];
    project(data, out);
    return out;
  }

  /** asinh(z) = log(z + sqrt(z² + 1)), written with log1p so that small z stays exact. */
  static double asinh(double z) {
    if (z > 1e8) {
      return Math.log(z) + Math.log(2.0);
    }
    return Math.log1p(z + z * z / (1.0 + Math.sqrt(1.0 + z * z)));
  }

  @Override
  public String toString() {
    return "H^" + intrinsicDimension;
  }
}
