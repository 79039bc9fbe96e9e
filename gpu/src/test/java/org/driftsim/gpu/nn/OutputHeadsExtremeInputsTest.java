package org.driftsim.gpu.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.driftsim.geometry.Hyperboloid;
import org.junit.jupiter.api.Test;

/**
 * The heads keep their outputs on the manifold for hand-picked extreme rows, beyond the random
 * rows of {@link OutputHeadsTest}: entries at {@code ±Double.MAX_VALUE}, subnormals, mixtures of
 * 1e±300 in one row, exact ties of large logits, and random rows whose scale is drawn
 * log-uniformly from 1e-300 to 1e300 (so ties and near-ties at every magnitude occur).
 *
 * <p>The manifold conditions are checked directly, not through the geometry module:
 * sphere {@code |‖x‖ − 1| ≤ 1e-12}; hyperboloid {@code x₀ > 0} and
 * {@code |⟨x,x⟩_L + 1| ≤ 1e-12·x₀²} (relative, as the squares of the coordinates are of size
 * x₀²); simplex every coordinate ≥ 0 and, per position, {@code |Σ s_k² − 1| ≤ 1e-12}. Every
 * coordinate must be finite.
 */
class OutputHeadsExtremeInputsTest {
  private static final double TOL = 1e-12;
  private static final double MAX = Double.MAX_VALUE;
  private static final double TINY = Double.MIN_VALUE; // the smallest subnormal

  private static double[] forward(OutputHead head, double[] u) {
    double[] x = new double[head.outputDimension()];
    head.forward(u, 1, x);
    return x;
  }

  private static boolean finite(double[] x) {
    return Arrays.stream(x).allMatch(Double::isFinite);
  }

  private static void assertOnSphere(double[] u, double[] x) {
    double s = 0;
    for (double c : x) {
      s += c * c;
    }
    String what = "u = " + Arrays.toString(u) + " → x = " + Arrays.toString(x);
    assertTrue(finite(x), what);
    assertTrue(Math.abs(Math.sqrt(s) - 1) <= TOL, what + ", ‖x‖ = " + Math.sqrt(s));
  }

  private static void assertOnHyperboloid(double[] u, double[] x) {
    String what = "u = " + Arrays.toString(u) + " → x = " + Arrays.toString(x);
    assertTrue(finite(x), what);
    assertTrue(x[0] > 0, what);
    double lorentz = Hyperboloid.lorentz(x, x);
    assertTrue(Math.abs(lorentz + 1) <= TOL * x[0] * x[0], what + ", <x,x>_L = " + lorentz);
  }

  private static void assertOnSimplex(double[] u, double[] x, int categories) {
    String what = "u = " + Arrays.toString(u) + " → x = " + Arrays.toString(x);
    assertTrue(finite(x), what);
    for (int o = 0; o < x.length; o += categories) {
      double s = 0;
      for (int k = o; k < o + categories; k++) {
        assertTrue(x[k] >= 0, what + ", coordinate " + k);
        s += x[k] * x[k];
      }
      assertTrue(Math.abs(s - 1) <= TOL, what + ", position " + o / categories
          + ": sum of squares " + s);
    }
  }

  /** Rows of {@code width} with a log-uniform scale in [1e-300, 1e300] and Gaussian entries. */
  private static List<double[]> randomRows(Random r, int count, int width) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double scale = Math.pow(10, -300 + 600 * r.nextDouble());
      double[] u = new double[width];
      for (int k = 0; k < width; k++) {
        u[k] = scale * r.nextGaussian();
      }
      rows.add(u);
    }
    return rows;
  }

  @Test
  void sphereStaysOnTheSphere() {
    OutputHead head = OutputHeads.sphere(2);
    List<double[]> rows = new ArrayList<>(List.of(
        new double[] {MAX, MAX, MAX},
        new double[] {-MAX, MAX, 0},
        new double[] {TINY, 0, -TINY},
        new double[] {TINY, TINY, TINY},
        new double[] {1e300, 1e-300, -1e300},
        new double[] {MAX, TINY, 0},
        new double[] {0, 0, 0},
        new double[] {0, -0.0, 1e-320}));
    rows.addAll(randomRows(new Random(31), 200, 3));
    for (double[] u : rows) {
      assertOnSphere(u, forward(head, u));
    }
  }

  /**
   * Rows whose norm is representable, from subnormal to 1e300, both sides of the radius cap
   * (80). Inside the cap the time coordinate is cosh r exactly as computed.
   */
  @Test
  void hyperboloidStaysOnTheUpperSheetForRepresentableNorms() {
    OutputHead head = OutputHeads.hyperboloid(2, 80);
    List<double[]> rows = new ArrayList<>(List.of(
        new double[] {TINY, 0},
        new double[] {TINY, -TINY},
        new double[] {1e-300, 1e-300},
        new double[] {1e-9, 0},
        new double[] {0.1, 0}, // the switch between κ's series and closed form
        new double[] {Math.nextDown(80.0), 0},
        new double[] {0, 80},
        new double[] {Math.nextUp(80.0), 0},
        new double[] {1e300, -1e300},
        new double[] {1e300, TINY},
        new double[] {MAX / 2, 0},
        new double[] {0, 0}));
    rows.addAll(randomRows(new Random(32), 200, 2));
    for (double[] u : rows) {
      assertOnHyperboloid(u, forward(head, u));
    }
  }

  /**
   * Finite rows whose Euclidean norm exceeds Double.MAX_VALUE: the head caps the radius at 80
   * anyway, so a correct output exists ({@code (cosh 80, sinh 80 · u/‖u‖)}).
   */
  @Test
  void hyperboloidStaysOnTheUpperSheetWhenTheNormOverflows() {
    OutputHead head = OutputHeads.hyperboloid(2, 80);
    for (double[] u : List.of(new double[] {MAX, MAX}, new double[] {-MAX, MAX / 2},
        new double[] {MAX, 0.75 * MAX})) {
      assertOnHyperboloid(u, forward(head, u));
    }
  }

  /** Logits far apart, tiny ones, and random rows at every scale. */
  @Test
  void simplexStaysOnTheSimplexForSpreadOutLogits() {
    int categories = 3;
    OutputHead head = OutputHeads.simplex(categories, 2);
    List<double[]> rows = new ArrayList<>(List.of(
        new double[] {MAX, -MAX, 0, -MAX, -MAX, MAX},
        new double[] {TINY, 0, -TINY, 0, 0, 0},
        new double[] {1e300, 1e-300, -1e300, -1e300, 1e300, 1},
        new double[] {-MAX, -MAX / 2, 0, 700, -700, 0}));
    rows.addAll(randomRows(new Random(33), 200, 2 * categories));
    for (double[] u : rows) {
      assertOnSimplex(u, forward(head, u), categories);
    }
  }

  /**
   * Ties among the largest logits at a large magnitude: the exact output is
   * {@code √(1/K)} on each tied coordinate (e.g. {@code (√½, √½, 0)} for {1e17, 1e17, 0}),
   * whatever the common value of the tied logits, since softmax is shift-invariant.
   */
  @Test
  void simplexStaysOnTheSimplexForLargeTiedLogits() {
    int categories = 3;
    OutputHead head = OutputHeads.simplex(categories, 1);
    for (double[] u : List.of(new double[] {1e17, 1e17, 1e17}, new double[] {1e17, 1e17, 0},
        new double[] {-1e20, -1e20, -1e20}, new double[] {MAX, MAX, 0},
        new double[] {-MAX, -MAX, -MAX}, new double[] {1e12, 1e12, 1e12 - 1})) {
      assertOnSimplex(u, forward(head, u), categories);
    }
  }
}
