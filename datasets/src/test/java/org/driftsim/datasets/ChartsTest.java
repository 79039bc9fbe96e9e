package org.driftsim.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartsTest {
  private static final int CASES = 1000;
  /** The reference values of MATH.md §6 are printed to 6 decimals. */
  private static final double REFERENCE = 1e-6;

  @Test
  void referenceValuesOfMath6() {
    assertArrayEquals(new double[] {0.479426, 0, 0.877583},
        Charts.toManifold(Geometry.SPHERE, 0.5, 0), REFERENCE);
    assertArrayEquals(new double[] {1.127626, 0.521095, 0},
        Charts.toManifold(Geometry.HYPERBOLOID, 0.5, 0), REFERENCE);
    assertArrayEquals(new double[] {0.698456, 0.698456, 0.155944},
        Charts.toManifold(Geometry.SPHERE, 1, 1), REFERENCE);
    assertArrayEquals(new double[] {2.178184, 1.368299, 1.368299},
        Charts.toManifold(Geometry.HYPERBOLOID, 1, 1), REFERENCE);
    assertArrayEquals(new double[] {0.5, 0}, Charts.toManifold(Geometry.EUCLIDEAN, 0.5, 0), 0);
  }

  /** Round trip on random chart points: radius < 3 on S² (one-to-one below π), < 5 on H². */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void inverseOfChartIsTheIdentity(Geometry g) {
    RandomGenerator rng = Rngs.stream(1, 0, "charts-" + g);
    double maxRadius = g == Geometry.SPHERE ? 3.0 : 5.0;
    for (int i = 0; i < CASES; i++) {
      double r = maxRadius * Math.sqrt(rng.nextDouble());
      double phi = 2 * Math.PI * rng.nextDouble();
      double u = r * Math.cos(phi);
      double v = r * Math.sin(phi);
      double[] back = Charts.toChart(g, Charts.toManifold(g, u, v));
      assertArrayEquals(new double[] {u, v}, back, 1e-12 * Math.max(1, r), g + ", case " + i);
    }
  }

  /** The closed forms equal the geometry module's exp and log at the base point. */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"SPHERE", "HYPERBOLOID"})
  void closedFormsAgreeWithExpAndLogAtTheBasePoint(Geometry g) {
    Manifold m = g == Geometry.SPHERE ? new Sphere(2) : new Hyperboloid(2);
    double[] base = g == Geometry.SPHERE ? Charts.northPole() : Charts.hyperboloidOrigin();
    RandomGenerator rng = Rngs.stream(2, 0, "charts-" + g);
    for (int i = 0; i < CASES; i++) {
      double u = 4 * rng.nextDouble() - 2;
      double v = 4 * rng.nextDouble() - 2;
      double[] tangent = g == Geometry.SPHERE ? new double[] {u, v, 0} : new double[] {0, u, v};
      double[] x = Charts.toManifold(g, u, v);
      assertArrayEquals(m.exp(base, tangent), x, 1e-13 * Math.max(1, Math.abs(x[0])),
          g + ": exp, case " + i);
      double[] log = m.log(base, x);
      double[] uv = g == Geometry.SPHERE ? new double[] {log[0], log[1]}
          : new double[] {log[1], log[2]};
      assertArrayEquals(uv, Charts.toChart(g, x), 1e-12, g + ": log, case " + i);
    }
  }

  @Test
  void basePointsAndTheSouthPoleMapToTheOrigin() {
    assertArrayEquals(new double[] {0, 0}, Charts.toChart(Geometry.SPHERE, Charts.northPole()));
    assertArrayEquals(new double[] {0, 0}, Charts.toChart(Geometry.SPHERE, new double[] {0, 0, -1}));
    assertArrayEquals(new double[] {0, 0},
        Charts.toChart(Geometry.HYPERBOLOID, Charts.hyperboloidOrigin()));
    assertArrayEquals(Charts.northPole(), Charts.toManifold(Geometry.SPHERE, 0, 0));
    assertArrayEquals(Charts.hyperboloidOrigin(), Charts.toManifold(Geometry.HYPERBOLOID, 0, 0));
  }

  @Test
  void theSimplexHasNoChart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.toManifold(Geometry.SIMPLEX, 0, 0));
    assertEquals("geometry must be one of euclidean, sphere, hyperboloid (a 2-D chart), got simplex",
        e.getMessage());
  }

  @Test
  void wrongPointLengthIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.toChart(Geometry.SPHERE, new double[] {1, 0}));
    assertEquals("point must have 3 coordinates for sphere, got 2", e.getMessage());
  }
}
