package org.driftsim.geometry.field;

import java.util.Arrays;

/**
 * A shard of references on one side of the field: points y_j with weights w_j ≥ 0 and ids.
 * A reference whose id equals a query's id is that query's own copy and never interacts with it;
 * {@link #NO_ID} never matches.
 *
 * @param side positive (data) or negative (model samples)
 * @param points M points on the manifold
 * @param weights M finite weights ≥ 0
 * @param ids M ids
 */
public record ReferenceSet(Side side, double[][] points, double[] weights, long[] ids) {

  /** The id of a reference that is no query's copy. */
  public static final long NO_ID = Long.MIN_VALUE;

  public ReferenceSet {
    if (side == null || points == null || weights == null || ids == null) {
      throw new IllegalArgumentException("reference set needs a side, points, weights and ids");
    }
    if (weights.length != points.length || ids.length != points.length) {
      throw new IllegalArgumentException("reference set must have one weight and one id per point,"
          + " got " + points.length + " points, " + weights.length + " weights, " + ids.length
          + " ids");
    }
    for (int j = 0; j < weights.length; j++) {
      if (!(weights[j] >= 0) || Double.isInfinite(weights[j])) {
        throw new IllegalArgumentException(
            "weight " + (j + 1) + " must be finite and >= 0, got " + weights[j]);
      }
    }
  }

  /** Unit weights and no ids. */
  public static ReferenceSet of(Side side, double[][] points) {
    double[] w = new double[points.length];
    Arrays.fill(w, 1.0);
    long[] ids = new long[points.length];
    Arrays.fill(ids, NO_ID);
    return new ReferenceSet(side, points, w, ids);
  }

  /** Number of references M. */
  public int size() {
    return points.length;
  }

  /** The references {@code [from, to)} as a new shard (arrays are shared row-wise). */
  public ReferenceSet slice(int from, int to) {
    return new ReferenceSet(side, Arrays.copyOfRange(points, from, to),
        Arrays.copyOfRange(weights, from, to), Arrays.copyOfRange(ids, from, to));
  }

  /** This set followed by another of the same side. */
  public ReferenceSet concat(ReferenceSet other) {
    if (other.side != side) {
      throw new IllegalArgumentException("cannot join a " + side + " set with a " + other.side
          + " set");
    }
    double[][] p = Arrays.copyOf(points, points.length + other.points.length);
    System.arraycopy(other.points, 0, p, points.length, other.points.length);
    double[] w = Arrays.copyOf(weights, weights.length + other.weights.length);
    System.arraycopy(other.weights, 0, w, weights.length, other.weights.length);
    long[] i = Arrays.copyOf(ids, ids.length + other.ids.length);
    System.arraycopy(other.ids, 0, i, ids.length, other.ids.length);
    return new ReferenceSet(side, p, w, i);
  }
}
