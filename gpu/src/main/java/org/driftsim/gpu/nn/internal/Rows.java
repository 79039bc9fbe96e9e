package org.driftsim.gpu.nn.internal;

/** Argument checks and small row helpers shared by the heads. */
final class Rows {
  private Rows() {}

  /** Checks that {@code a} holds at least {@code batch} rows of {@code width}. */
  static void check(String name, double[] a, int batch, int width) {
    if (batch < 0) {
      throw new IllegalArgumentException("batch must be >= 0, got " + batch);
    }
    long needed = (long) batch * width;
    if (a == null || a.length < needed) {
      throw new IllegalArgumentException(name + " must hold " + batch + " rows of " + width
          + " (" + needed + " values), got " + (a == null ? "null" : a.length + " values"));
    }
  }

  /** The largest absolute value of {@code a[from, from + n)} (NaN if one is NaN). */
  static double maxAbs(double[] a, int from, int n) {
    double m = 0;
    for (int k = from; k < from + n; k++) {
      double v = Math.abs(a[k]);
      if (Double.isNaN(v)) {
        return v;
      }
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * {@code ‖a[from, from + n)‖} without overflow or underflow of the squares (scaled by the
   * largest entry).
   */
  static double norm(double[] a, int from, int n) {
    double scale = maxAbs(a, from, n);
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale;
    }
    double s = 0;
    for (int k = from; k < from + n; k++) {
      double v = a[k] / scale;
      s += v * v;
    }
    return scale * Math.sqrt(s);
  }
}
