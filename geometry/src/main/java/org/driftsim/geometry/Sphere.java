package org.driftsim.geometry;

/**
 * The unit sphere {@code S^d ⊂ R^{d+1}} with the great-circle distance
 * \( θ = \operatorname{atan2}(‖y − ⟨x,y⟩x‖, ⟨x,y⟩) \) and
 * \( \log_x y = (θ / \sin θ)(y − \cos θ\, x) \) (MATH.md §1).
 *
 * <p>Degenerate cases: the log of exactly antipodal points is the zero vector (its distance is
 * still π); {@code exp_x(0) = x}; results of {@code exp} are renormalized to unit length.
 */
public final class Sphere implements Manifold {
  private final int intrinsicDimension;
  private final int ambient;

  /** @param intrinsicDimension d ≥ 1 (the sphere S^d has d+1 ambient coordinates) */
  public Sphere(int intrinsicDimension) {
    this.intrinsicDimension = Checks.positive("sphere dimension", intrinsicDimension);
    this.ambient = intrinsicDimension + 1;
  }

  /** The intrinsic dimension d of S^d. */
  public int intrinsicDimension() {
    return intrinsicDimension;
  }

  @Override
  public Geometry geometry() {
    return Geometry.SPHERE;
  }

  @Override
  public int ambientDimension() {
    return ambient;
  }

  @Override
  public double distance(double[] x, double[] y) {
    return SphereSlices.distance(x, y, 0, ambient);
  }

  @Override
  public double log(double[] x, double[] y, double[] out) {
    return SphereSlices.log(x, y, out, 0, ambient);
  }

  @Override
  public void exp(double[] x, double[] v, double[] out) {
    SphereSlices.exp(x, v, out, 0, ambient);
  }

  @Override
  public void projectTangent(double[] x, double[] v, double[] out) {
    SphereSlices.projectTangent(x, v, out, 0, ambient);
  }

  @Override
  public void project(double[] x, double[] out) {
    SphereSlices.normalize(x, out, 0, ambient);
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    return Vectors.dot(u, v);
  }

  @Override
  public String validate(double[] data) {
    double deviation = Math.abs(Vectors.norm(data) - 1.0);
    return deviation <= TOLERANCE ? null : "point is off the sphere: |‖x‖−1| = " + deviation;
  }

  @Override
  public String validationRule() {
    return "|‖x‖−1| ≤ 1e-6";
  }

  @Override
  public double[] fromData(double[] data) {
    double[] out = new double[ambient];
    project(data, out);
    return out;
  }

  @Override
  public String toString() {
    return "S^" + intrinsicDimension;
  }
}
