package org.driftsim.datasets;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * An equal-weight mixture of {@code k} isotropic normals in chart coordinates, mapped by the chart
 * ({@link Charts}): component {@code j = 0..k−1} is {@code N(c_j, σ² I)} with center
 * \( c_j = r(\cos(2πj/k), \sin(2πj/k)) \) on the circle of radius {@code r} (the "k gaussians"
 * toy). Radius and σ are chart units on every geometry (no board scaling on R²); on S² keep
 * {@code radius + 4σ < π}, where the chart is one-to-one.
 *
 * <p>Draw order per sample: the component ({@code nextInt(k)}), then two {@code nextGaussian}.
 */
record ChartMixture(Geometry geometry, int k, double radius, double sigma)
    implements Distribution {

  ChartMixture {
    Charts.checked(geometry);
    if (k < 1) {
      throw new IllegalArgumentException("mixture k must be >= 1, got " + k);
    }
    if (!(radius >= 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("mixture radius must be >= 0 and finite, got " + radius);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("mixture sigma must be > 0 and finite, got " + sigma);
    }
    radius += 0.0; // −0 becomes +0: one spec string, one record
  }

  /** Chart coordinates {@code (u, v)} of the center of component {@code j}. */
  double[] center(int j) {
    double angle = 2.0 * Math.PI * j / k;
    return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
  }

  @Override
  public double[][] sample(int n, RandomGenerator rng) {
    double[][] out = Samples.allocate(n);
    double[][] centers = new double[k][];
    for (int j = 0; j < k; j++) {
      centers[j] = center(j);
    }
    for (int i = 0; i < n; i++) {
      double[] c = centers[rng.nextInt(k)];
      double a = c[0] + sigma * rng.nextGaussian();
      double b = c[1] + sigma * rng.nextGaussian();
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
    return "mixture(k=" + k + ",radius=" + Samples.format(radius)
        + ",sigma=" + Samples.format(sigma) + ")";
  }
}
