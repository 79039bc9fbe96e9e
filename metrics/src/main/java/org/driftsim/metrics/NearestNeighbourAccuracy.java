package org.driftsim.metrics;

import org.driftsim.geometry.Manifold;

/**
 * The 1-NN two-sample accuracy of MATH.md §5 (kernel-gradient drifting paper, App. F.2: "we pool
 * generated and real samples, assign each point the label of its nearest neighbor under geodesic
 * distance, and report the resulting classification accuracy"): A and B are pooled with labels,
 * every point is classified by the label of its nearest other point of the pool (leave-one-out,
 * by index: a duplicate of a point is another point) under the manifold's geodesic distance, and
 * the result is the fraction classified correctly, in [0, 1].
 *
 * <p>0.5 is ideal (the samples are indistinguishable); 1 means perfectly separated samples. More
 * precisely, for two samples of one continuous distribution the expected value is
 * {@code (n(n−1) + m(m−1)) / ((n+m)(n+m−1))}: {@code (n−1)/(2n−1)}, just under ½, for n = m,
 * but 0.52 for n = 300, m = 200, so compare samples of equal sizes.
 * Values well below 0.5 also signal a problem: B a copy of A (distinct points) scores 0, every
 * point's nearest neighbour being its twin in the other sample (memorization).
 *
 * <p>Ties: when several points share the smallest distance, the point scores the fraction of them
 * that carry its own label (the expected accuracy of a uniformly random choice among them). The
 * result is therefore deterministic and independent of the order of the points, and symmetric in
 * A and B (up to the rounding of the final sum). Distances are compared exactly as computed.
 *
 * <p>Cost: {@code (n+m)²} distance evaluations, memory O(n+m); queries run in parallel on the
 * common fork-join pool (for sets large enough to pay for it), each score in its own slot, summed
 * in index order, so the result does not depend on the thread count.
 *
 * <pre>{@code
 * double nn1 = new NearestNeighbourAccuracy(new Sphere(2)).accuracy(generated, test);
 * }</pre>
 */
public final class NearestNeighbourAccuracy {
  private final Manifold manifold;

  /** @param manifold the manifold whose geodesic distance finds the neighbours */
  public NearestNeighbourAccuracy(Manifold manifold) {
    this.manifold = manifold;
  }

  /**
   * The leave-one-out 1-NN accuracy on the pooled set.
   *
   * @param a {@code [n][D]} points on the manifold, n ≥ 1
   * @param b {@code [m][D]} points on the manifold, m ≥ 1
   * @throws IllegalArgumentException for an empty set, a row of the wrong length, a non-finite
   *     coordinate or a point off the manifold
   */
  public double accuracy(double[][] a, double[][] b) {
    PointSets.check("A", a, manifold);
    PointSets.check("B", b, manifold);
    int n = a.length;
    int total = n + b.length;
    double[] scores = ParallelRows.range(total, (long) total * total).mapToDouble(q -> {
      double[] query = q < n ? a[q] : b[q - n];
      boolean queryInA = q < n;
      double best = Double.POSITIVE_INFINITY;
      int tied = 0;
      int tiedSameLabel = 0;
      for (int r = 0; r < total; r++) {
        if (r == q) {
          continue; // leave one out
        }
        double d = manifold.distance(query, r < n ? a[r] : b[r - n]);
        boolean same = (r < n) == queryInA;
        if (d < best) {
          best = d;
          tied = 1;
          tiedSameLabel = same ? 1 : 0;
        } else if (d == best) {
          tied++;
          tiedSameLabel += same ? 1 : 0;
        }
      }
      return (double) tiedSameLabel / tied;
    }).toArray(); // [n+m]
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    return sum / total;
  }

  @Override
  public String toString() {
    return "1-NN accuracy on " + manifold;
  }
}
