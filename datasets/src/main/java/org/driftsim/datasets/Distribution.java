package org.driftsim.datasets;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * A distribution that can be sampled: a synthetic target or an initial distribution of particles
 * on a 2-D manifold (R², S² or H², through the charts of MATH.md §6), or a categorical toy on
 * the Fisher–Rao simplex. Create one with {@link Targets#parse}; its
 * {@link #toString()} prints the same spec string, e.g. {@code gaussian(sigma=0.3)}, so that
 * configs, logs and the command line use one form.
 *
 * <p>Sampling is deterministic: the same generator state gives the same samples, and each
 * implementation documents the order in which it draws numbers.
 */
public interface Distribution {

  /**
   * Draws {@code n} independent samples.
   *
   * @param n number of samples, ≥ 0
   * @param rng the random stream, usually {@link Rngs#stream}
   * @return {@code double[n][ambientDimension()]}, points on the manifold in ambient coordinates
   */
  double[][] sample(int n, RandomGenerator rng);

  /** The geometry the samples live on: euclidean (R²), sphere (S²) or hyperboloid (H²). */
  Geometry geometry();

  /** Length of a sample: 2 on R², 3 on S² and H², k·l for categorical sequences. */
  int ambientDimension();

  /**
   * Positions per sample: l for categorical sequences, 1 otherwise; with
   * {@link #ambientDimension()} it gives the manifold,
   * {@code geometry().manifold(ambientDimension(), sequenceLength())}.
   */
  default int sequenceLength() {
    return 1;
  }

  /** The spec string, which {@link Targets#parse} turns back into an equal distribution. */
  @Override
  String toString();
}
