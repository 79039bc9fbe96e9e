package org.driftsim.geometry;

/** Euclidean space {@code R^d}: {@code log_x(y) = y − x}, {@code exp_x(v) = x + v}. */
public final class Euclidean implements Manifold {
  private final int dimension;

  /** @param dimension d ≥ 1 */
  public Euclidean(int dimension) {
    this.dimension = Checks.positive("dimension", dimension);
  }

  @Override
  public Geometry geometry() {
    return Geometry.EUCLIDEAN;
  }

  @Override
  public int ambientDimension() {
    return dimension;
  }

  @Override
  public double distance(double[] x, double[] y) {
    double sum = 0;
    for (int k = 0; k < dimension; k++) {
      double d = y[k] - x[k];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  @Override
  public double log(double[] x, double[] y, double[] out) {
    double sum = 0;
    for (int k = 0; k < dimension; k++) {
      double d = y[k] - x[k];
      out[k] = d;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  @Override
  public void exp(double[] x, double[] v, double[] out) {
    for (int k = 0; k < dimension; k++) {
      out[k] = x[k] + v[k];
    }
  }

  @Override
  public void projectTangent(double[] x, double[] v, double[] out) {
    System.arraycopy(v, 0, out, 0, dimension);
  }

  @Override
  public void project(double[] x, double[] out) {
    System.arraycopy(x, 0, out, 0, dimension);
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    return Vectors.dot(u, v);
  }

  @Override
  public String validate(double[] data) {
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        return "point is not finite: entry " + (k + 1) + " is " + data[k];
      }
    }
    return null;
  }

  @Override
  public String validationRule() {
    return "any finite point of R^" + dimension;
  }

  @Override
  public double[] fromData(double[] data) {
    return data.clone();
  }

  @Override
  public String toString() {
    return "R^" + dimension;
  }
}
