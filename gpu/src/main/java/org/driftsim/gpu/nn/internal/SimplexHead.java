package org.driftsim.gpu.nn.internal;

import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.nn.OutputHead;

/**
 * The head of the simplex and of sequences of categorical vectors: per position, K logits
 * {@code u} give {@code p = softmax(u)} and the point {@code s = √p} of the Fisher–Rao chart,
 * computed as {@code s_k = exp((u_k − lse(u))/2)} (no square root of an underflowed p).
 *
 * <p>With {@code ∂s_k/∂u_j = ½ s_k (δ_kj − p_j)}: {@code gradU_j = ½ s_j (g_j − s_j ⟨g, s⟩)}
 * per position.
 */
public final class SimplexHead implements OutputHead {
  private final FisherRaoSimplex manifold;
  private final int k;
  private final int positions;
  private final int n;

  public SimplexHead(FisherRaoSimplex manifold) {
    this.manifold = manifold;
    this.k = manifold.categories();
    this.positions = manifold.sequenceLength();
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
    for (int f = 0; f < batch * positions; f++) {
      factor(u, f * k, x);
    }
  }

  /** Writes √softmax of the K logits at offset {@code o} into {@code s} at the same offset. */
  private void factor(double[] u, int o, double[] s) {
    double m = Double.NEGATIVE_INFINITY;
    for (int j = o; j < o + k; j++) {
      m = Math.max(m, u[j]); // NaN propagates through Math.max
    }
    double sum = 0;
    for (int j = o; j < o + k; j++) {
      sum += Math.exp(u[j] - m);
    }
    // (u − m) − log Σ, not u − (m + log Σ): for large tied logits m + log Σ rounds to m and
    // the output would leave the simplex.
    double logSum = Math.log(sum);
    for (int j = o; j < o + k; j++) {
      s[j] = Math.exp(0.5 * ((u[j] - m) - logSum));
    }
  }

  @Override
  public void backward(double[] u, double[] gradX, int batch, double[] gradU) {
    Rows.check("u", u, batch, n);
    Rows.check("gradX", gradX, batch, n);
    Rows.check("gradU", gradU, batch, n);
    double[] s = new double[batch * n];
    for (int f = 0; f < batch * positions; f++) {
      int o = f * k;
      factor(u, o, s);
      double gs = 0;
      for (int j = o; j < o + k; j++) {
        gs += gradX[j] * s[j];
      }
      for (int j = o; j < o + k; j++) {
        gradU[j] = 0.5 * s[j] * (gradX[j] - s[j] * gs);
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
    return "simplex(K=" + k + ", L=" + positions + ")";
  }
}
