package org.driftsim.gpu.nn.internal;

import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.nn.OutputHead;

/**
 * The head of H^d: the exponential map at the origin {@code o = (1, 0, …, 0)} of the tangent
 * vector {@code (0, u)}, {@code u ∈ R^d}: with {@code r = ‖u‖} and {@code σ(r) = sinh(r)/r},
 * {@code x = (cosh r, σ(r)·u)}.
 *
 * <p>Derivatives: {@code ∂x₀/∂u = σ(r)·u} and {@code ∂x_s/∂u = σ(r) I + κ(r) u uᵀ} with
 * {@code κ(r) = σ'(r)/r = (r cosh r − sinh r)/r³}, evaluated by its series
 * {@code 1/3 + r²/30 + r⁴/840 + r⁶/45360} for {@code r < 0.1}, where the closed form cancels.
 * At {@code u = 0} the map is smooth: {@code x = o}, {@code ∂x/∂u = (0; I)}.
 *
 * <p>Radius cap: for {@code r > R} (the {@code maxRadius}) the head returns
 * {@code (cosh R, sinh R · u/r)}: same direction, radius R, so the outputs stay finite and on
 * the manifold; the radial derivative is zero there and the tangential one is
 * {@code (sinh R / r)(I − ûûᵀ)}.
 */
public final class HyperboloidHead implements OutputHead {
  /**
   * The default radius cap: {@code cosh 80 ≈ 2.8e34} still fits float32 (whose largest value is
   * {@code cosh 88.7}), the precision of the engines' points.
   */
  public static final double DEFAULT_MAX_RADIUS = 80;

  private static final double SERIES_BELOW = 0.1;

  private final Hyperboloid manifold;
  private final int d;
  private final double maxRadius;

  public HyperboloidHead(Hyperboloid manifold, double maxRadius) {
    if (!(maxRadius > 0) || Double.isInfinite(maxRadius)) {
      throw new IllegalArgumentException("maxRadius must be > 0 and finite, got " + maxRadius);
    }
    this.manifold = manifold;
    this.d = manifold.intrinsicDimension();
    this.maxRadius = maxRadius;
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
    return d + 1;
  }

  /** The radius cap R. */
  public double maxRadius() {
    return maxRadius;
  }

  @Override
  public void forward(double[] u, int batch, double[] x) {
    Rows.check("u", u, batch, d);
    Rows.check("x", x, batch, d + 1);
    for (int i = 0; i < batch; i++) {
      int ou = i * d;
      int ox = i * (d + 1);
      double r = Rows.norm(u, ou, d);
      if (r == 0) {
        // The origin; σ(0) = 1 is the limit, but 0/0 must not be evaluated.
        x[ox] = 1;
        java.util.Arrays.fill(x, ox + 1, ox + d + 1, 0.0);
        continue;
      }
      double rc = Math.min(r, maxRadius);
      x[ox] = Math.cosh(rc);
      if (r == Double.POSITIVE_INFINITY) {
        // A finite row whose norm overflows: its direction from the row scaled by its largest
        // entry (then σ·u would be 0·u and leave the manifold).
        double scale = Rows.maxAbs(u, ou, d);
        double unit = 0;
        for (int k = 0; k < d; k++) {
          double v = u[ou + k] / scale;
          unit += v * v;
        }
        unit = Math.sqrt(unit);
        for (int k = 0; k < d; k++) {
          x[ox + 1 + k] = Math.sinh(rc) * (u[ou + k] / scale / unit);
        }
        continue;
      }
      double sigma = Math.sinh(rc) / r;
      for (int k = 0; k < d; k++) {
        x[ox + 1 + k] = sigma * u[ou + k];
      }
    }
  }

  @Override
  public void backward(double[] u, double[] gradX, int batch, double[] gradU) {
    Rows.check("u", u, batch, d);
    Rows.check("gradX", gradX, batch, d + 1);
    Rows.check("gradU", gradU, batch, d);
    for (int i = 0; i < batch; i++) {
      int ou = i * d;
      int ox = i * (d + 1);
      double r = Rows.norm(u, ou, d);
      double ug = 0; // u·g_s
      for (int k = 0; k < d; k++) {
        ug += u[ou + k] * gradX[ox + 1 + k];
      }
      double a; // coefficient of g_s
      double b; // coefficient of u
      if (r == 0) {
        a = 1;
        b = 0;
      } else if (r <= maxRadius) {
        double sigma = Math.sinh(r) / r;
        a = sigma;
        b = gradX[ox] * sigma + kappa(r) * ug;
      } else {
        a = Math.sinh(maxRadius) / r;
        b = -a * ug / (r * r);
      }
      for (int k = 0; k < d; k++) {
        gradU[ou + k] = a * gradX[ox + 1 + k] + b * u[ou + k];
      }
    }
  }

  /** {@code κ(r) = (r cosh r − sinh r)/r³ = σ'(r)/r}. */
  static double kappa(double r) {
    if (r < SERIES_BELOW) {
      double r2 = r * r;
      return 1.0 / 3 + r2 * (1.0 / 30 + r2 * (1.0 / 840 + r2 / 45360));
    }
    return (r * Math.cosh(r) - Math.sinh(r)) / (r * r * r);
  }

  @Override
  public void toAmbientGradient(double[] riemannian, int batch, double[] out) {
    Rows.check("riemannian", riemannian, batch, d + 1);
    Rows.check("out", out, batch, d + 1);
    int n = d + 1;
    for (int i = 0; i < batch; i++) {
      out[i * n] = -riemannian[i * n]; // J = diag(−1, 1, …, 1)
      System.arraycopy(riemannian, i * n + 1, out, i * n + 1, d);
    }
  }

  @Override
  public String toString() {
    return "hyperboloid(d=" + d + ", maxRadius=" + maxRadius + ")";
  }
}
