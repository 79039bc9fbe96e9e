package org.driftsim.geometry.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * MATH.md §4: the loss is the mean squared distance to the frozen targets, and g_i is its
 * Riemannian gradient with the targets frozen — checked by central finite differences of
 * d(x, t)² along random tangent directions.
 */
class DriftLossTest {
  static Manifold manifold(String name) {
    return switch (name) {
      case "R3" -> new Euclidean(3);
      case "S2" -> new Sphere(2);
      case "H2" -> new Hyperboloid(2);
      default -> new FisherRaoSimplex(4, 1);
    };
  }

  static double[] randomPoint(Manifold m, Random r) {
    double[] base = switch (m.geometry()) {
      case EUCLIDEAN -> new double[] {0, 0, 0};
      case SPHERE -> new double[] {0, 0, 1};
      case HYPERBOLOID -> new double[] {1, 0, 0};
      case SIMPLEX -> m.fromData(new double[] {0.25, 0.25, 0.25, 0.25});
    };
    return m.exp(base, randomTangent(m, base, 0.5, r));
  }

  static double[] randomTangent(Manifold m, double[] x, double scale, Random r) {
    double[] v = new double[x.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = scale * r.nextGaussian();
    }
    double[] t = new double[v.length];
    m.projectTangent(x, v, t);
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"R3", "S2", "H2", "Simplex4"})
  void theGradientIsTheDerivativeOfTheLossWithFrozenTargets(String name) {
    Manifold m = manifold(name);
    Random r = new Random(name.hashCode());
    int n = 5;
    double[][] x = new double[n][];
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = randomPoint(m, r);
      v[i] = randomTangent(m, x[i], 0.3, r);
    }
    double eta = 0.7;
    double[][] g = new double[n][x[0].length];
    double loss = DriftLoss.lossAndGradient(m, x, v, eta, Double.POSITIVE_INFINITY, g);
    double expectedLoss = 0;
    for (int i = 0; i < n; i++) {
      double[] step = v[i].clone();
      for (int k = 0; k < step.length; k++) {
        step[k] *= eta;
      }
      // Frozen target t_i; d/dε of d(exp_x(εu), t)²/N at ε = 0 must equal ⟨g_i, u⟩.
      double[] t = m.exp(x[i], step);
      expectedLoss += Math.pow(m.distance(x[i], t), 2) / n;
      double[] u = randomTangent(m, x[i], 1.0, r);
      double h = 1e-5;
      double[] uh = u.clone();
      double[] um = u.clone();
      for (int k = 0; k < u.length; k++) {
        uh[k] *= h;
        um[k] *= -h;
      }
      double plus = Math.pow(m.distance(m.exp(x[i], uh), t), 2) / n;
      double minus = Math.pow(m.distance(m.exp(x[i], um), t), 2) / n;
      double numeric = (plus - minus) / (2 * h);
      assertEquals(numeric, m.inner(x[i], g[i], u), 1e-6 * (1 + Math.abs(numeric)),
          name + " row " + i);
    }
    assertEquals(expectedLoss, loss, 1e-12 * (1 + expectedLoss));
  }

  @Test
  void theStepCapShortensLongSteps() {
    Manifold m = new Euclidean(2);
    double[][] g = new double[1][2];
    double loss = DriftLoss.lossAndGradient(m, new double[][] {{0, 0}},
        new double[][] {{3, 4}}, 1.0, 1.0, g);
    assertEquals(1.0, loss, 1e-15);
    assertEquals(-2 * 0.6, g[0][0], 1e-15);
    assertEquals(-2 * 0.8, g[0][1], 1e-15);
  }

  @Test
  void badArgumentsAreNamed() {
    Manifold m = new Euclidean(2);
    double[][] one = {{0, 0}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DriftLoss.lossAndGradient(m, one, one, 0, 1, new double[1][2]));
    assertEquals("eta must be finite and > 0, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DriftLoss.lossAndGradient(m, one, new double[2][2], 1, 1, new double[1][2]));
    assertEquals("x, v and gradient must have the same number N ≥ 1 of rows, got 1, 2 and 1",
        e.getMessage());
  }
}
