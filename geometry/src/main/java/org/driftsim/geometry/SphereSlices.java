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
  /** Per coordinate, the bound below which w is rounding noise for antipodal points: 8ε. */
  private static final double ANTIPODAL_NOISE = 8.0 * Math.ulp(1.0);

  private SphereSlices() {}

  /** Geodesic distance between the slices of x and y. */
  static double distance(double[] x, double[] y, int off, int len) {
    return log(x, y, null, off, len);
  }

  /**
   * Writes {@code log_x(y)} of the slice into {@code out} (if not null) and returns θ.
   *
   * <p>Degenerate cases: θ = 0 gives the zero vector; for antipodal points (to working precision:
   * w at the level of its rounding error) the log is the zero vector by convention (MATH.md §1),
   * while θ = π is returned.
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
    // Antipodal points (⟨x,y⟩ < 0 and w at the rounding level): w carries no direction. For
    // y = −x exactly it is 2(‖x‖²−1)x, a multiple of x (not even tangent), which scaled to length
    // θ ≈ π would give a normal vector of length π. The rounding error of w, including the
    // deviation of ‖x‖ from 1 by rounding, is at most about (4 + 4·len)ε (|Δ| ≤ 2, |⟨x,Δ⟩| ≤ 2),
    // so below 8·len·ε the points are antipodal to working precision: θ = π and the log is the
    // zero vector by convention (MATH.md §1).
    boolean antipodal = 1.0 + xDelta < 0 && wNorm <= ANTIPODAL_NOISE * len;
    double theta = antipodal ? Math.PI : Math.atan2(wNorm, 1.0 + xDelta);
    if (out != null) {
      // wNorm == 0 and not antipodal: coincident points, the zero vector.
      double scale = wNorm > 0 && !antipodal ? theta / wNorm : 0.0;
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
