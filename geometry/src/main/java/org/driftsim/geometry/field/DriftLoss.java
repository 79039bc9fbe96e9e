package org.driftsim.geometry.field;

import org.driftsim.geometry.Manifold;

/**
 * The stop-gradient drift loss of a generator step (MATH.md §4): frozen targets
 * \( t_i = \exp_{x_i}(\eta V(x_i)) \), loss \( L = \frac1N \sum_i d(x_i, t_i)^2 \) and its
 * Riemannian gradient with respect to the outputs, \( g_i = -2 \log_{x_i}(t_i) / N \) (on
 * \( \mathbb{R}^d \): \( 2(x_i - t_i)/N \)). Not for {@code deng_coded}, whose loss is the
 * official code's rescaled one.
 *
 * <p>A step cap c (MATH.md §4, optional) shortens ηV to length c where it is longer.
 *
 * <pre>{@code
 * double[][] g = new double[n][d];
 * double loss = DriftLoss.lossAndGradient(manifold, x, v, 0.5, Double.POSITIVE_INFINITY, g);
 * }</pre>
 */
public final class DriftLoss {
  private DriftLoss() {}

  /**
   * Fills {@code gradient[i]} with g_i and returns L.
   *
   * @param x {@code [N][D]} outputs on the manifold, N ≥ 1
   * @param v {@code [N][D]} the drift V(x_i), tangent at x_i
   * @param eta the step size η > 0
   * @param stepCap the cap c > 0 on ‖ηV‖ ({@code +∞} for none)
   * @param gradient {@code [N][D]}, written
   */
  public static double lossAndGradient(Manifold manifold, double[][] x, double[][] v,
      double eta, double stepCap, double[][] gradient) {
    int n = x.length;
    if (n == 0 || v.length != n || gradient.length != n) {
      throw new IllegalArgumentException("x, v and gradient must have the same number N ≥ 1 of "
          + "rows, got " + n + ", " + v.length + " and " + gradient.length);
    }
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
    }
    if (!(stepCap > 0)) {
      throw new IllegalArgumentException("stepCap must be > 0, got " + stepCap);
    }
    int d = manifold.ambientDimension();
    double[] step = new double[d];
    double[] target = new double[d];
    double[] log = new double[d];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        step[k] = eta * v[i][k];
      }
      double length = manifold.norm(x[i], step);
      if (length > stepCap) {
        for (int k = 0; k < d; k++) {
          step[k] *= stepCap / length;
        }
      }
      manifold.exp(x[i], step, target);
      // = ‖step‖ unless exp had to project back onto the manifold (the simplex's boundary)
      double dist = manifold.log(x[i], target, log);
      loss += dist * dist;
      for (int k = 0; k < d; k++) {
        gradient[i][k] = -2.0 * log[k] / n;
      }
    }
    return loss / n;
  }
}
