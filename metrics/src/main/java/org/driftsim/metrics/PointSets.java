package org.driftsim.metrics;

import org.driftsim.geometry.Manifold;

/**
 * Validation of the point sets the manifold metrics take (MMD, Sinkhorn, 1-NN), with the
 * project's message style {@code "<name> must be <rule>, got <value>"}.
 *
 * <p>Points are in the manifold's ambient coordinates, the coordinates {@link Manifold#distance}
 * takes: for the Fisher–Rao simplex that is {@code √p}, not the probability vector p. A point is
 * on the manifold if {@link Manifold#project} moves no coordinate by more than
 * {@code 1e-6·max(1, max_k |x_k|)} (so p passed instead of √p fails on the simplex, as does a
 * hyperboloid point with x₀ < 0).
 */
final class PointSets {
  private PointSets() {}

  /**
   * Checks a set: at least {@code minPoints} points ({@code reason} says why when it is more than
   * one), rows of the manifold's ambient dimension, finite coordinates, points on the manifold
   * (projection residual within {@link Manifold#TOLERANCE}, relative to {@code max(1, max|x|)}).
   */
  static void check(String name, double[][] points, Manifold manifold, int minPoints,
      String reason) {
    if (points.length < minPoints) {
      throw new IllegalArgumentException(minPoints == 1
          ? name + " must have at least one point, got " + points.length
          : name + " must have at least " + minPoints + " points " + reason + ", got "
              + points.length);
    }
    int d = manifold.ambientDimension();
    double[] projected = new double[d];
    for (int i = 0; i < points.length; i++) {
      double[] p = points[i];
      if (p.length != d) {
        throw new IllegalArgumentException(name + "[" + i + "] must have " + d
            + " coordinates (the ambient dimension of " + manifold + "), got " + p.length);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(p[k])) {
          throw new IllegalArgumentException(
              name + "[" + i + "][" + k + "] must be finite, got " + p[k]);
        }
      }
      // On the manifold: the generic test every geometry supports is the residual of its
      // projection (MATH.md §1 projects accepted points). validate() is written for data rows,
      // and on the simplex toData() renormalizes, so it cannot catch p passed instead of √p.
      manifold.project(p, projected);
      double residual = 0;
      double scale = 1;
      for (int k = 0; k < d; k++) {
        residual = Math.max(residual, Math.abs(projected[k] - p[k]));
        scale = Math.max(scale, Math.abs(p[k]));
      }
      if (!(residual <= Manifold.TOLERANCE * scale)) {
        throw new IllegalArgumentException(name + "[" + i + "] must lie on " + manifold
            + " (max |project(x) − x| ≤ 1e-6·max(1, max |x|)), got max |project(x) − x| = "
            + residual);
      }
    }
  }

  /** {@link #check} with one point required. */
  static void check(String name, double[][] points, Manifold manifold) {
    check(name, points, manifold, 1, "");
  }
}
