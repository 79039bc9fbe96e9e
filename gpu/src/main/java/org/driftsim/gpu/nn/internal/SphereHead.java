package org.driftsim.gpu.nn.internal;

import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.gpu.nn.OutputHead;

/**
 * The head of S^d: {@code x = u/‖u‖} on n = d+1 coordinates. The Jacobian is
 * {@code (I − x xᵀ)/‖u‖}, so {@code gradU = (g − ⟨x,g⟩x)/‖u‖}.
 */
public final class SphereHead implements OutputHead {
  private final Sphere manifold;
  private final int n;

  public SphereHead(Sphere manifold) {
    this.manifold = manifold;
    this.n = manifold.ambientDimension();
  }

  @Override
  public Manifold manifold() {
    return manifold;
  }

  @Override
  public int inputDimension() {
    return n;
  }

  @Override
  public int outputDimension() {
    return n;
  }

  @Override
  public void forward(double[] u, int batch, double[] x) {
    Rows.check("u", u, batch, n);
    Rows.check("x", x, batch, n);
    for (int i = 0; i < batch; i++) {
      row(u, i * n, x);
    }
  }

  /**
   * Writes the row's point into {@code x} (at the row's offset {@code o}) and returns ‖u‖;
   * divides by the largest entry first, so tiny and huge rows keep full precision.
   */
  private double row(double[] u, int o, double[] x) {
    double scale = Rows.maxAbs(u, o, n);
    if (scale == 0) {
      // u = 0 has no direction: the fixed point e₀ (backward gives it a zero gradient).
      x[o] = 1;
      java.util.Arrays.fill(x, o + 1, o + n, 0.0);
      return 0;
    }
    double s = 0;
    for (int k = o; k < o + n; k++) {
      double v = u[k] / scale;
      s += v * v;
    }
    double root = Math.sqrt(s);
    for (int k = o; k < o + n; k++) {
      x[k] = u[k] / scale / root;
    }
    return scale * root;
  }

  @Override
  public void backward(double[] u, double[] gradX, int batch, double[] gradU) {
    Rows.check("u", u, batch, n);
    Rows.check("gradX", gradX, batch, n);
    Rows.check("gradU", gradU, batch, n);
    double[] x = new double[batch * n];
    for (int i = 0; i < batch; i++) {
      int o = i * n;
      double r = row(u, o, x);
      if (r == 0) {
        java.util.Arrays.fill(gradU, o, o + n, 0.0);
        continue;
      }
      double xg = 0;
      for (int k = o; k < o + n; k++) {
        xg += x[k] * gradX[k];
      }
      for (int k = o; k < o + n; k++) {
        gradU[k] = (gradX[k] - xg * x[k]) / r;
      }
    }
  }

  @Override
  public void toAmbientGradient(double[] riemannian, int batch, double[] out) {
    Rows.check("riemannian", riemannian, batch, n);
    Rows.check("out", out, batch, n);
    System.arraycopy(riemannian, 0, out, 0, batch * n);
  }

  @Override
  public String toString() {
    return "sphere(n=" + n + ")";
  }
}
