package org.driftsim.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.driftsim.geometry.Geometry;
import org.junit.jupiter.api.Test;

class ProjectionsTest {
  private static final int CASES = 1000;

  @Test
  void lambertLandmarks() {
    assertArrayEquals(new double[] {0, 0}, Projections.lambertNorthPole(new double[] {0, 0, 1}));
    double s2 = Math.sqrt(2);
    assertArrayEquals(new double[] {s2, 0},
        Projections.lambertNorthPole(new double[] {1, 0, 0}), 1e-15);
    assertArrayEquals(new double[] {0, -s2},
        Projections.lambertNorthPole(new double[] {0, -1, 0}), 1e-15);
    assertArrayEquals(new double[] {0, -2}, Projections.lambertNorthPole(new double[] {0, 0, -1}));
    // Not normalized: the direction is what counts.
    assertArrayEquals(new double[] {s2, 0},
        Projections.lambertNorthPole(new double[] {3, 0, 0}), 1e-15);
  }

  /** A point at polar angle θ, azimuth φ goes to 2 sin(θ/2)(cos φ, sin φ), also near the poles. */
  @Test
  void lambertRadiusIsTwoSinHalfTheta() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < CASES; i++) {
      double theta = i < 100 ? Math.PI * Math.pow(10, -12 * rng.nextDouble()) // near the pole
          : i < 200 ? Math.PI - Math.pow(10, -8 * rng.nextDouble()) // near the south pole
          : Math.PI * rng.nextDouble();
      double phi = 2 * Math.PI * rng.nextDouble();
      double[] p = {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi),
          Math.cos(theta)};
      double r = 2 * Math.sin(theta / 2);
      double[] xy = Projections.lambertNorthPole(p);
      double tolerance = 1e-12 * r + (theta > 3 ? 1e-8 : 0); // cos θ loses the south end
      assertEquals(r * Math.cos(phi), xy[0], tolerance, "case " + i + ", θ = " + theta);
      assertEquals(r * Math.sin(phi), xy[1], tolerance, "case " + i + ", θ = " + theta);
      assertTrue(Math.hypot(xy[0], xy[1]) <= 2 + 1e-12);
    }
  }

  /** A point at distance d from the origin goes to radius tanh(d/2), inside the unit disk. */
  @Test
  void poincareRadiusIsTanhHalfDistance() {
    assertArrayEquals(new double[] {0, 0}, Projections.poincareDisk(new double[] {1, 0, 0}));
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < CASES; i++) {
      double d = 12 * rng.nextDouble();
      double phi = 2 * Math.PI * rng.nextDouble();
      double[] p = {Math.cosh(d), Math.sinh(d) * Math.cos(phi), Math.sinh(d) * Math.sin(phi)};
      double[] xy = Projections.project(Geometry.HYPERBOLOID, p);
      assertEquals(Math.tanh(d / 2) * Math.cos(phi), xy[0], 1e-14, "case " + i);
      assertEquals(Math.tanh(d / 2) * Math.sin(phi), xy[1], 1e-14, "case " + i);
      assertTrue(Math.hypot(xy[0], xy[1]) < 1 + 1e-15);
    }
  }

  @Test
  void euclideanIsTheIdentity() {
    assertArrayEquals(new double[] {-3.5, 2}, Projections.project(Geometry.EUCLIDEAN,
        new double[] {-3.5, 2}));
  }
}
