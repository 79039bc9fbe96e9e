package org.driftsim.gpu.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every head keeps its outputs on the manifold (float64, and after rounding to float32 by the
 * input rule of MATH.md §1) for inputs from 0 to 1e30; every head's backward agrees with
 * central finite differences in float64; and the training gradient of MATH.md §4
 * ({@code g = −2 log_x(t)/N}, through {@code toAmbientGradient} and {@code backward}) is the
 * derivative of {@code mean dist(head(u), t)²} computed with the geometry module.
 */
class OutputHeadsTest {

  static Stream<OutputHead> heads() {
    return Stream.of(OutputHeads.identity(3), OutputHeads.sphere(2), OutputHeads.sphere(5),
        OutputHeads.forManifold(new Hyperboloid(2)), OutputHeads.hyperboloid(4, 80),
        OutputHeads.simplex(4, 1), OutputHeads.simplex(3, 2));
  }

  private static double[] gaussian(Random r, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * r.nextGaussian();
    }
    return a;
  }

  /** How far a point is off the manifold, in the relative sense of MATH.md §1. */
  private static double defect(Manifold m, double[] x) {
    if (!Arrays.stream(x).allMatch(Double::isFinite)) {
      return Double.POSITIVE_INFINITY;
    }
    switch (m.geometry()) {
      case EUCLIDEAN:
        return 0;
      case SPHERE:
        return Math.abs(Math.sqrt(dot(x, x)) - 1);
      case HYPERBOLOID:
        return x[0] > 0 ? Math.abs(Hyperboloid.lorentz(x, x) + 1) / (x[0] * x[0])
            : Double.POSITIVE_INFINITY;
      default: {
        org.driftsim.geometry.FisherRaoSimplex s = (org.driftsim.geometry.FisherRaoSimplex) m;
        double worst = 0;
        for (int l = 0; l < s.sequenceLength(); l++) {
          double sum = 0;
          for (int k = l * s.categories(); k < (l + 1) * s.categories(); k++) {
            if (!(x[k] >= 0)) {
              return Double.POSITIVE_INFINITY;
            }
            sum += x[k] * x[k];
          }
          worst = Math.max(worst, Math.abs(sum - 1));
        }
        return worst;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] row(double[] a, int i, int width) {
    return Arrays.copyOfRange(a, i * width, (i + 1) * width);
  }

  @ParameterizedTest
  @MethodSource("heads")
  void outputsLieOnTheManifold(OutputHead head) {
    Random r = new Random(21);
    int n = head.inputDimension();
    int m = head.outputDimension();
    Manifold manifold = head.manifold();
    int batch = 16;
    for (double scale : new double[] {0, 1e-30, 1e-12, 1e-3, 1, 30, 1e3, 1e6, 1e30}) {
      double[] u = gaussian(r, batch * n, scale);
      double[] x = new double[batch * m];
      head.forward(u, batch, x);
      for (int i = 0; i < batch; i++) {
        double[] p = row(x, i, m);
        assertTrue(defect(manifold, p) <= 1e-12,
            head + " at scale " + scale + ": defect " + defect(manifold, p));
        double[] rounded = new double[m];
        for (int k = 0; k < m; k++) {
          rounded[k] = (float) p[k];
        }
        if (manifold.geometry() == Geometry.SIMPLEX) {
          assertTrue(defect(manifold, rounded) <= 1e-6, head + " in float32 at " + scale);
        } else {
          assertNull(manifold.validate(rounded), head + " in float32 at scale " + scale);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("heads")
  void backwardMatchesFiniteDifferences(OutputHead head) {
    Random r = new Random(22);
    int n = head.inputDimension();
    int m = head.outputDimension();
    int batch = 3;
    for (double scale : new double[] {1e-4, 0.05, 0.3, 1, 5}) {
      double[] u = gaussian(r, batch * n, scale);
      double[] gx = gaussian(r, batch * m, 1);
      double[] gu = new double[batch * n];
      head.backward(u, gx, batch, gu);
      double worst = Arrays.stream(gu).map(Math::abs).max().orElse(0);
      // Small enough for the sphere's curvature 1/‖u‖, large enough for rounding in the others.
      double h = 1e-6 * Math.max(scale, 1e-2);
      for (int j = 0; j < u.length; j++) {
        double fd = directional(head, u, gx, batch, j, h);
        assertEquals(fd, gu[j], 1e-6 * worst, head + " at scale " + scale + ", input " + j);
      }
    }
  }

  /** Central difference of ⟨gx, head(u)⟩ in coordinate j. */
  private static double directional(OutputHead head, double[] u, double[] gx, int batch, int j,
      double h) {
    double[] x = new double[gx.length];
    double keep = u[j];
    u[j] = keep + h;
    head.forward(u, batch, x);
    double plus = dot(gx, x);
    u[j] = keep - h;
    head.forward(u, batch, x);
    double minus = dot(gx, x);
    u[j] = keep;
    return (plus - minus) / (2 * h);
  }

  @ParameterizedTest
  @MethodSource("heads")
  void trainingGradientIsTheDerivativeOfTheMeanSquaredDistance(OutputHead head) {
    Random r = new Random(23);
    Manifold manifold = head.manifold();
    int n = head.inputDimension();
    int m = head.outputDimension();
    int batch = 5;
    double[] u = gaussian(r, batch * n, 0.8);
    double[] t = new double[batch * m];
    head.forward(gaussian(r, batch * n, 0.8), batch, t);
    double[] x = new double[batch * m];
    head.forward(u, batch, x);
    double[] g = new double[batch * m]; // Riemannian gradient −2 log_x(t)/N
    for (int i = 0; i < batch; i++) {
      double[] log = manifold.log(row(x, i, m), row(t, i, m));
      for (int k = 0; k < m; k++) {
        g[i * m + k] = -2 * log[k] / batch;
      }
    }
    double[] ambient = new double[g.length];
    head.toAmbientGradient(g, batch, ambient);
    double[] gu = new double[batch * n];
    head.backward(u, ambient, batch, gu);
    double worst = Arrays.stream(gu).map(Math::abs).max().orElse(0);
    double h = 1e-6;
    double[] fd = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      double keep = u[j];
      u[j] = keep + h;
      double plus = meanSquaredDistance(head, u, t, batch);
      u[j] = keep - h;
      double minus = meanSquaredDistance(head, u, t, batch);
      u[j] = keep;
      fd[j] = (plus - minus) / (2 * h);
      assertEquals(fd[j], gu[j], 1e-6 * worst, head + ", input " + j);
    }
    if (manifold.geometry() == Geometry.HYPERBOLOID) {
      // Without J = diag(−1, 1, …) the time component enters with the wrong sign.
      double[] wrong = new double[gu.length];
      head.backward(u, g, batch, wrong);
      double diff = 0;
      for (int j = 0; j < u.length; j++) {
        diff = Math.max(diff, Math.abs(wrong[j] - fd[j]));
      }
      assertTrue(diff > 1e-2 * worst, "J matters: " + diff);
    }
  }

  private static double meanSquaredDistance(OutputHead head, double[] u, double[] t,
      int batch) {
    int m = head.outputDimension();
    double[] x = new double[batch * m];
    head.forward(u, batch, x);
    double s = 0;
    for (int i = 0; i < batch; i++) {
      double d = head.manifold().distance(row(x, i, m), row(t, i, m));
      s += d * d;
    }
    return s / batch;
  }

  @Test
  void sphereNormalizesAndMapsZeroToAFixedPointWithZeroGradient() {
    OutputHead head = OutputHeads.sphere(2);
    double[] x = new double[6];
    head.forward(new double[] {3, 4, 0, 0, 0, 0}, 2, x);
    assertArrayEquals(new double[] {0.6, 0.8, 0, 1, 0, 0}, x, 1e-15);
    double[] gu = new double[6];
    head.backward(new double[] {3, 4, 0, 0, 0, 0}, new double[] {1, 1, 1, 1, 1, 1}, 2, gu);
    // (g − ⟨x,g⟩x)/‖u‖ = ((1,1,1) − 1.4·(0.6,0.8,0))/5; the zero row gets zero.
    assertArrayEquals(new double[] {0.032, -0.024, 0.2, 0, 0, 0}, gu, 1e-15);
  }

  @Test
  void hyperboloidMatchesTheChartValuesAndTheGeometrysExponentialMap() {
    OutputHead head = OutputHeads.forManifold(new Hyperboloid(2));
    double[] x = new double[6];
    head.forward(new double[] {0.5, 0, 1, 1}, 2, x);
    // MATH.md §6 reference values.
    assertArrayEquals(new double[] {1.127626, 0.521095, 0, 2.178184, 1.368299, 1.368299}, x,
        1e-6);
    Hyperboloid h = new Hyperboloid(3);
    OutputHead head3 = OutputHeads.forManifold(h);
    Random r = new Random(24);
    for (int rep = 0; rep < 20; rep++) {
      double[] u = gaussian(r, 3, rep < 10 ? 0.5 : 4);
      double[] expected = h.exp(new double[] {1, 0, 0, 0}, new double[] {0, u[0], u[1], u[2]});
      double[] got = new double[4];
      head3.forward(u, 1, got);
      for (int k = 0; k < 4; k++) {
        assertEquals(expected[k], got[k], 1e-13 * Math.abs(expected[0]), "coordinate " + k);
      }
    }
  }

  @Test
  void hyperboloidIsSmoothThroughZero() {
    OutputHead head = OutputHeads.forManifold(new Hyperboloid(2));
    double[] x = new double[3];
    head.forward(new double[] {0, 0}, 1, x);
    assertArrayEquals(new double[] {1, 0, 0}, x);
    double[] gx = {0.7, -0.3, 2.0};
    double[] gu = new double[2];
    head.backward(new double[] {0, 0}, gx, 1, gu);
    assertArrayEquals(new double[] {-0.3, 2.0}, gu, 0.0, "∂x/∂u = (0; I) at the origin");
    for (int j = 0; j < 2; j++) {
      assertEquals(directional(head, new double[] {0, 0}, gx, 1, j, 1e-6), gu[j], 1e-9);
    }
  }

  @Test
  void hyperboloidCapKeepsTheDirectionAndDropsTheRadialDerivative() {
    OutputHead head = OutputHeads.hyperboloid(2, 3);
    double[] u = {3, 4}; // radius 5 > 3
    double[] x = new double[3];
    head.forward(u, 1, x);
    assertArrayEquals(new double[] {Math.cosh(3), Math.sinh(3) * 0.6, Math.sinh(3) * 0.8}, x,
        1e-12);
    double[] gu = new double[2];
    head.backward(u, new double[] {1, 0.6, 0.8}, 1, gu); // x₀ and the radial direction only
    assertArrayEquals(new double[] {0, 0}, gu, 1e-12);
    Random r = new Random(25);
    double[] gx = gaussian(r, 3, 1);
    head.backward(u, gx, 1, gu);
    for (int j = 0; j < 2; j++) {
      assertEquals(directional(head, u, gx, 1, j, 1e-6), gu[j], 1e-8, "beyond the cap");
    }
  }

  @Test
  void simplexIsTheSquareRootOfTheSoftmaxPerPosition() {
    OutputHead head = OutputHeads.simplex(3, 2);
    double[] x = new double[6];
    head.forward(new double[] {1, 2, 3, 0, 1000, -1000}, 1, x);
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertArrayEquals(new double[] {Math.sqrt(Math.exp(1) / z), Math.sqrt(Math.exp(2) / z),
        Math.sqrt(Math.exp(3) / z), 0, 1, 0}, x, 1e-15);
  }

  @Test
  void toAmbientGradientFlipsTheTimeComponentOnTheHyperboloidOnly() {
    double[] g = {1, 2, 3, 4, 5, 6};
    double[] out = new double[6];
    OutputHeads.hyperboloid(2, 80).toAmbientGradient(g, 2, out);
    assertArrayEquals(new double[] {-1, 2, 3, -4, 5, 6}, out);
    OutputHeads.sphere(2).toAmbientGradient(g, 2, out);
    assertArrayEquals(g, out);
  }

  @Test
  void badArgumentsAreNamed() {
    OutputHead head = OutputHeads.sphere(2);
    assertEquals("u must hold 2 rows of 3 (6 values), got 5 values", assertThrows(
        IllegalArgumentException.class, () -> head.forward(new double[5], 2, new double[6]))
        .getMessage());
    assertEquals("maxRadius must be > 0 and finite, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> OutputHeads.hyperboloid(2, 0)).getMessage());
    assertEquals("categories must be >= 2, got 1", assertThrows(
        IllegalArgumentException.class, () -> OutputHeads.simplex(1, 3)).getMessage());
  }
}
