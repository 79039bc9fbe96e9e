package org.driftsim.geometry;

/** Small dense-vector helpers on {@code double[]} and on slices of them. */
public final class Vectors {
  private Vectors() {}

  /** Euclidean inner product of two equally long vectors. */
  public static double dot(double[] u, double[] v) {
    double s = 0;
    for (int k = 0; k < u.length; k++) {
      s += u[k] * v[k];
    }
    return s;
  }

  /** Euclidean inner product of the slices {@code u[off, off+len)} and {@code v[off, off+len)}. */
  public static double dot(double[] u, double[] v, int off, int len) {
    double s = 0;
    for (int k = off; k < off + len; k++) {
      s += u[k] * v[k];
    }
    return s;
  }

  /** Euclidean norm, scaled to avoid overflow and underflow of the squares. */
  public static double norm(double[] v) {
    return norm(v, 0, v.length);
  }

  /** Euclidean norm of the slice {@code v[off, off+len)}, scaled against overflow. */
  public static double norm(double[] v, int off, int len) {
    double scale = 0;
    for (int k = off; k < off + len; k++) {
      scale = Math.max(scale, Math.abs(v[k]));
    }
    if (scale == 0 || Double.isInfinite(scale)) {
      return scale;
    }
    double s = 0;
    for (int k = off; k < off + len; k++) {
      double t = v[k] / scale;
      s += t * t;
    }
    return scale * Math.sqrt(s);
  }
}
