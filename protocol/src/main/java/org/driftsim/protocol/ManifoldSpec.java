package org.driftsim.protocol;

import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;

/**
 * A manifold as it travels: its geometry, the number of ambient columns of a point and, for the
 * simplex, the sequence length L (1 otherwise). {@link #manifold()} validates.
 *
 * @param geometry the geometry
 * @param columns ambient coordinates of a point (simplex: L·K)
 * @param sequenceLength L for the simplex, 1 for the other geometries
 */
public record ManifoldSpec(Geometry geometry, int columns, int sequenceLength) {

  public ManifoldSpec {
    if (geometry == null) {
      throw new IllegalArgumentException("manifold geometry must be given, got null");
    }
  }

  /** The spec of a manifold. */
  public static ManifoldSpec of(Manifold manifold) {
    int length = manifold instanceof FisherRaoSimplex s ? s.sequenceLength() : 1;
    return new ManifoldSpec(manifold.geometry(), manifold.ambientDimension(), length);
  }

  /** The manifold; throws {@link IllegalArgumentException} for an impossible combination. */
  public Manifold manifold() {
    return geometry.manifold(columns, sequenceLength);
  }
}
