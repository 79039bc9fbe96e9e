package org.driftsim.datasets;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * An isotropic normal {@code N((u,v), σ² I)} in chart coordinates, mapped by the chart
 * ({@link Charts}); the usual initial distribution of particles. On S² a large σ wraps around the
 * sphere (the chart is one-to-one only for radius < π).
 *
 * <p>Draw order per sample: two {@code nextGaussian}.
 */
record GaussianBlob(Geometry geometry, double sigma, double u, double v) implements Distribution {

  GaussianBlob {
    Charts.checked(geometry);
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("gaussian sigma must be > 0 and finite, got " + sigma);
    }
    if (!Double.isFinite(u)) {
      throw new IllegalArgumentException("gaussian u must be finite, got " + u);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("gaussian v must be finite, got " + v);
    }
    u += 0.0; // −0 becomes +0: one spec string, one record
    v += 0.0;
  }

  @Override
  public double[][] sample(int n, RandomGenerator rng) {
    double[][] out = Samples.allocate(n);
    for (int i = 0; i < n; i++) {
      double a = u + sigma * rng.nextGaussian();
      double b = v + sigma * rng.nextGaussian();
      out[i] = Charts.toManifold(geometry, a, b);
    }
    return out;
  }

  @Override
  public int ambientDimension() {
    return Charts.ambientDimension(geometry);
  }

  @Override
  public String toString() {
    String s = "gaussian(sigma=" + Samples.format(sigma);
    if (u != 0 || v != 0) {
      s += ",u=" + Samples.format(u) + ",v=" + Samples.format(v);
    }
    return s + ")";
  }
}
