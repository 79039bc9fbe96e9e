package org.driftsim.geometry.field;

/**
 * The query points x_i at which a field is evaluated, with ids used to exclude a query's own
 * copy among the references (MATH.md §3).
 *
 * @param points N points on the manifold, each of the ambient dimension
 * @param ids N ids, one per query
 */
public record QueryBatch(double[][] points, long[] ids) {

  public QueryBatch {
    if (points == null || ids == null || points.length != ids.length) {
      throw new IllegalArgumentException("query batch must have one id per point, got "
          + (points == null ? "no points" : points.length + " points") + " and "
          + (ids == null ? "no ids" : ids.length + " ids"));
    }
  }

  /** A batch whose ids are 0 … N−1. */
  public static QueryBatch of(double[][] points) {
    long[] ids = new long[points.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    return new QueryBatch(points, ids);
  }

  /** Number of queries N. */
  public int size() {
    return points.length;
  }

  /** The ambient dimension (0 for an empty batch). */
  public int dimension() {
    return points.length == 0 ? 0 : points[0].length;
  }
}
