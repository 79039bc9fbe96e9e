package org.driftsim.geometry;

/**
 * A Riemannian manifold embedded in an ambient space {@code R^n}: points and tangent vectors are
 * {@code double[]} of length {@link #ambientDimension()}.
 *
 * <p>All operations follow {@code shared/MATH.md} §1 and are written in numerically stable forms.
 * Methods taking an {@code out} array write into it and never read it; {@code out} may not alias
 * an input. Inputs are assumed to lie on the manifold (see {@link #validate} and
 * {@link #fromData}); tangent vectors are assumed tangent at their base point.
 *
 * <p>Data coordinates and manifold coordinates coincide for every geometry but the Fisher–Rao
 * simplex, whose data are probability vectors {@code p} and whose points are {@code √p}; see
 * {@link #fromData} and {@link #toData}.
 */
public interface Manifold {

  /**
   * Input points must lie on the manifold within this relative tolerance (MATH.md §1); the
   * validation messages print it as {@code 1e-6}.
   */
  double TOLERANCE = 1e-6;

  /** The geometry this manifold belongs to. */
  Geometry geometry();

  /** Length of a point's ambient coordinate vector. */
  int ambientDimension();

  /** Length of a data row as read from a file (equal to the ambient dimension). */
  default int dataDimension() {
    return ambientDimension();
  }

  /** Geodesic distance. */
  double distance(double[] x, double[] y);

  /**
   * Writes {@code log_x(y)} (the tangent vector at x pointing to y, of length {@code dist(x,y)})
   * into {@code out} and returns {@code dist(x,y)}.
   */
  double log(double[] x, double[] y, double[] out);

  /** Writes {@code exp_x(v)} into {@code out}; the result is projected onto the manifold. */
  void exp(double[] x, double[] v, double[] out);

  /** Writes the orthogonal projection of an ambient vector onto the tangent space at x. */
  void projectTangent(double[] x, double[] v, double[] out);

  /** Writes the point of the manifold nearest to an ambient vector (clean-up of rounding). */
  void project(double[] x, double[] out);

  /** Riemannian inner product of two tangent vectors at x. */
  double inner(double[] x, double[] u, double[] v);

  /** Riemannian norm of a tangent vector at x. */
  default double norm(double[] x, double[] v) {
    return Math.sqrt(Math.max(inner(x, v, v), 0.0));
  }

  /**
   * Checks a data row against the manifold with the tolerance of MATH.md §1.
   *
   * @return {@code null} if the row is acceptable, else a description of the problem of the form
   *     {@code "point is off the sphere: |‖x‖−1| = 0.02"}, to be followed by an "expected" clause
   */
  String validate(double[] data);

  /** The description of what {@link #validate} accepts, e.g. {@code "|‖x‖−1| ≤ 1e-6"}. */
  String validationRule();

  /** Maps an accepted data row to a point on the manifold (projecting it exactly). */
  double[] fromData(double[] data);

  /** Maps a point back to data coordinates (the inverse chart of {@link #fromData}). */
  default double[] toData(double[] point) {
    return point.clone();
  }

  /** Convenience: allocates the result of {@link #log}. */
  default double[] log(double[] x, double[] y) {
    double[] out = new double[ambientDimension()];
    log(x, y, out);
    return out;
  }

  /** Convenience: allocates the result of {@link #exp}. */
  default double[] exp(double[] x, double[] v) {
    double[] out = new double[ambientDimension()];
    exp(x, v, out);
    return out;
  }
}
