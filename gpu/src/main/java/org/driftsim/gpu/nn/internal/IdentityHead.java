package org.driftsim.gpu.nn.internal;

import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.nn.OutputHead;

/** The head of R^d: {@code x = u}. */
public final class IdentityHead implements OutputHead {
  private final Euclidean manifold;
  private final int d;

  public IdentityHead(Euclidean manifold) {
    this.manifold = manifold;
    this.d = manifold.ambientDimension();
  }

  @Override
  public Manifold manifold() {
    return manifold;
  }

  @Override
  public int inputDimension() {
    return d;
  }

  @Override
  public int outputDimension() {
    return d;
  }

  @Override
  public void forward(double[] u, int batch, double[] x) {
    Rows.check("u", u, batch, d);
    Rows.check("x", x, batch, d);
    System.arraycopy(u, 0, x, 0, batch * d);
  }

  @Override
  public void backward(double[] u, double[] gradX, int batch, double[] gradU) {
    Rows.check("u", u, batch, d);
    Rows.check("gradX", gradX, batch, d);
    Rows.check("gradU", gradU, batch, d);
    System.arraycopy(gradX, 0, gradU, 0, batch * d);
  }

  @Override
  public void toAmbientGradient(double[] riemannian, int batch, double[] out) {
    Rows.check("riemannian", riemannian, batch, d);
    Rows.check("out", out, batch, d);
    System.arraycopy(riemannian, 0, out, 0, batch * d);
  }

  @Override
  public String toString() {
    return "identity(d=" + d + ")";
  }
}
