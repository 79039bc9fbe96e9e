package org.driftsim.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The geometry names and the manifold factory (MATH.md §1). */
class GeometryTest {

  @Test
  void parseAcceptsTheCliNamesAndRejectsOthersWithTheMessage() {
    for (Geometry g : Geometry.values()) {
      assertEquals(g, Geometry.parse("--geometry", g.cliName()));
    }
    assertEquals("--geometry must be one of euclidean, sphere, hyperboloid, simplex, got Sphere",
        assertThrows(IllegalArgumentException.class, () -> Geometry.parse("--geometry", "Sphere"))
            .getMessage());
  }

  @Test
  void manifoldBuildsTheGeometryFromTheNumberOfColumns() {
    assertEquals("R^4", Geometry.EUCLIDEAN.manifold(4, 1).toString());
    assertEquals("S^2", Geometry.SPHERE.manifold(3, 1).toString());
    assertEquals("H^5", Geometry.HYPERBOLOID.manifold(6, 1).toString());
    assertEquals("Δ^3", Geometry.SIMPLEX.manifold(4, 1).toString());
    Manifold sequences = Geometry.SIMPLEX.manifold(12, 3);
    assertEquals("(S^3_+)^3", sequences.toString());
    assertEquals(12, sequences.ambientDimension());
  }

  @Test
  void manifoldRejectsImpossibleShapesWithTheMessage() {
    assertEquals("number of columns must be >= 2 for the sphere (S^d has d+1 coordinates), got 1",
        assertThrows(IllegalArgumentException.class, () -> Geometry.SPHERE.manifold(1, 1))
            .getMessage());
    assertEquals("number of columns must be >= 2 for the hyperboloid (H^d has d+1 coordinates),"
            + " got 1",
        assertThrows(IllegalArgumentException.class, () -> Geometry.HYPERBOLOID.manifold(1, 1))
            .getMessage());
    assertEquals("number of columns must be a multiple L·K of the sequence length L = 3 with"
            + " K >= 2 categories, got 10",
        assertThrows(IllegalArgumentException.class, () -> Geometry.SIMPLEX.manifold(10, 3))
            .getMessage());
    assertEquals("number of columns must be a multiple L·K of the sequence length L = 3 with"
            + " K >= 2 categories, got 3",
        assertThrows(IllegalArgumentException.class, () -> Geometry.SIMPLEX.manifold(3, 3))
            .getMessage());
    assertEquals("--sequence-length applies only to --geometry simplex, got geometry sphere with"
            + " sequence length 2",
        assertThrows(IllegalArgumentException.class, () -> Geometry.SPHERE.manifold(3, 2))
            .getMessage());
    assertEquals("number of columns must be > 0, got 0",
        assertThrows(IllegalArgumentException.class, () -> Geometry.EUCLIDEAN.manifold(0, 1))
            .getMessage());
  }
}
