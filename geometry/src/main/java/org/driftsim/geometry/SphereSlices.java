package org.driftsim.geometry;

/**
 * Unit-sphere operations on a slice {@code [off, off+len)} of ambient vectors, shared by
 * {@link Sphere} (one slice) and {@link FisherRaoSimplex} (one slice per sequence position).
 *
 * <p>Stable forms: with {@code Δ = y − x}, the tangent part of y at x is
 * {@code w = Δ − ⟨x,Δ⟩x} (no cancellation when y ≈ x), {@code ‖w‖ = sin θ}, and
 * {@code θ = atan2(‖w‖, 1 + ⟨x,Δ⟩)} (never an arccos of a rounded 1.0).
 */
final class SphereSlices {
  private SphereSlices() {}

  /** Geodesic distance between the slices of x and y. */
  static double distance(double[] x, double[] y, int off, int len) {
    return log(x, y, null, off, len);
  }

  /**
   * Writes {@code log_x(y)} of the slice into {@code out} (if not null) and returns θ.
   *
   * <p>Degenerate cases: θ = 0 gives the zero vector; for exactly antipodal points w vanishes and
   * the log is the zero vector by convention (MATH.md §1), while θ = π is still returned.
   */
  static double log(double[] x, double[] y, double[] out, int off, int len) {
    double xDelta = 0; // ⟨x, Δ⟩
    for (int k = off; k < off + len; k++) {
      xDelta += x[k] * (y[k] - x[k]);
    }
    double[] w = out != null ? out : new double[off + len];
    for (int k = off; k < off + len; k++) {
      w[k] = (y[k] - x[k]) - xDelta * x[k];
    }
    double wNorm = Vectors.norm(w, off, len);
    double theta = Math.atan2(wNorm, 1.0 + xDelta);
    if (out != null) {
      // wNorm == 0: coincident or exactly antipodal points, the zero vector either way.
      double scale = wNorm > 0 ? theta / wNorm : 0.0;
      for (int k = off; k < off + len; k++) {
        out[k] = w[k] * scale;
      }
    }
    return theta;
  }

  /** Writes {@code exp_x(v)} of the slice, renormalized to unit length. */
  static void exp(double[] x, double[] v, double[] out, int off, int len) {
    double n = Vectors.norm(v, off, len);
    if (n == 0) {
      System.arraycopy(x, off, out, off, len);
      return;
    }
    double c = Math.cos(n);
    double s = Math.sin(n) / n;
    for (int k = off; k < off + len; k++) {
      out[k] = c * x[k] + s * v[k];
    }
    normalize(out, out, off, len);
  }

  /** Writes {@code v − ⟨x,v⟩x} of the slice. */
  static void projectTangent(double[] x, double[] v, double[] out, int off, int len) {
    double xv = Vectors.dot(x, v, off, len);
    for (int k = off; k < off + len; k++) {
      out[k] = v[k] - xv * x[k];
    }
  }

  /** Writes {@code x/‖x‖} of the slice; the zero vector has no nearest point. */
  static void normalize(double[] x, double[] out, int off, int len) {
    double n = Vectors.norm(x, off, len);
    if (!(n > 0) || Double.isInfinite(n)) {
      throw new IllegalArgumentException(
          "cannot project a vector of norm " + n + " onto the unit sphere");
    }
    for (int k = off; k < off + len; k++) {
      out[k] = x[k] / n;
    }
  }
}
