package org.driftsim.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of exp, log and dist that hold on every geometry (MATH.md §1), checked on 300 seeded
 * random cases per manifold. Vector errors are measured in the Euclidean norm of the ambient
 * coordinates, relative to the size of the vectors compared; on the hyperboloid relative to
 * {@code ‖x‖·‖y‖} instead, because its coordinates grow like cosh of the distance from the origin
 * and log and exp multiply coordinates of x and y (Lorentz products), so rounding of the inputs
 * alone moves the result by about {@code ε·‖x‖·‖y‖}.
 */
class ManifoldTest {
  private static final int CASES = 300;
  /** Relative tolerance of exp_x(log_x(y)) = y and log_x(exp_x(v)) = v. */
  private static final double ROUND_TRIP = 1e-12;
  /** Relative tolerance of ‖log_x(y)‖ = dist(x,y), of tangency and of symmetry. */
  private static final double NORM = 1e-13;

  static Iterable<Manifold> manifolds() {
    return RandomPoints.manifolds();
  }

  @ParameterizedTest
  @MethodSource("manifolds")
  void expOfLogIsTheIdentity(Manifold m) {
    RandomPoints rnd = new RandomPoints(11);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = rnd.point(m);
      double[] back = m.exp(x, m.log(x, y));
      assertClose(y, back, ROUND_TRIP * scale(m, x, y, y),
          m + ": exp_x(log_x(y)) ≠ y, case " + i);
    }
  }

  /**
   * log_x(exp_x(v)) = v for |v| below the injectivity radius: |v| < 3 on the sphere (π is the cut
   * locus); on the simplex v = t·log_x(y) with t ∈ (0, 1], whose geodesic stays in the positive
   * orthant (it is a nonnegative combination of x and y in every factor).
   */
  @ParameterizedTest
  @MethodSource("manifolds")
  void logOfExpIsTheIdentity(Manifold m) {
    RandomPoints rnd = new RandomPoints(12);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] v = switch (m.geometry()) {
        case EUCLIDEAN -> rnd.tangent(m, x, rnd.uniform(0.0, 5.0));
        case SPHERE -> rnd.tangent(m, x, rnd.uniform(0.0, 3.0));
        case HYPERBOLOID -> rnd.tangent(m, x, rnd.uniform(0.0, 4.0));
        case SIMPLEX -> scaled(m.log(x, rnd.point(m)), rnd.uniform(0.0, 1.0));
      };
      double[] y = m.exp(x, v);
      double[] back = m.log(x, y);
      assertClose(v, back, ROUND_TRIP * scale(m, x, y, v),
          m + ": log_x(exp_x(v)) ≠ v, case " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("manifolds")
  void normOfLogIsTheDistanceAndLogReturnsIt(Manifold m) {
    RandomPoints rnd = new RandomPoints(13);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = rnd.point(m);
      double[] log = new double[m.ambientDimension()];
      double returned = m.log(x, y, log);
      double dist = m.distance(x, y);
      assertEquals(dist, returned, NORM * dist, m + ": log returns dist, case " + i);
      assertEquals(dist, m.norm(x, log), NORM * Math.max(1.0, dist),
          m + ": ‖log_x(y)‖ = dist, case " + i);
      assertEquals(dist, m.distance(y, x), NORM * Math.max(1.0, dist),
          m + ": dist is symmetric, case " + i);
      assertTrue(dist > 0, m + ": distinct points have positive distance");
    }
  }

  /** log_x(y) is tangent: projectTangent leaves it unchanged (on H^d: ⟨x, log⟩_L = 0). */
  @ParameterizedTest
  @MethodSource("manifolds")
  void logIsTangent(Manifold m) {
    RandomPoints rnd = new RandomPoints(14);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] log = m.log(x, rnd.point(m));
      double[] projected = new double[m.ambientDimension()];
      m.projectTangent(x, log, projected);
      double scale = Vectors.norm(x) * Vectors.norm(log);
      assertClose(log, projected, NORM * scale, m + ": projectTangent(log) = log, case " + i);
      if (m instanceof Hyperboloid) {
        assertEquals(0.0, Hyperboloid.lorentz(x, log), NORM * scale,
            m + ": ⟨x, log_x(y)⟩_L = 0, case " + i);
      }
    }
  }

  /** Documented degenerate case: log_x(x) is the zero vector and dist(x,x) = 0, exactly. */
  @ParameterizedTest
  @MethodSource("manifolds")
  void logOfTheBasePointIsExactlyZero(Manifold m) {
    RandomPoints rnd = new RandomPoints(15);
    double[] zero = new double[m.ambientDimension()];
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      assertArrayEquals(zero, m.log(x, x), 0.0, m + ": log_x(x), case " + i);
      assertEquals(0.0, m.distance(x, x), 0.0, m + ": dist(x,x), case " + i);
      assertArrayEquals(x, m.exp(x, zero), 0.0, m + ": exp_x(0), case " + i);
    }
  }

  /**
   * exp of any tangent vector, however long, lands on the manifold: it is a fixed point of
   * project (to rounding) and its data row passes validate.
   */
  @ParameterizedTest
  @MethodSource("manifolds")
  void expLandsOnTheManifold(Manifold m) {
    RandomPoints rnd = new RandomPoints(16);
    for (int i = 0; i < CASES; i++) {
      double[] x = rnd.point(m);
      double[] y = m.exp(x, rnd.tangent(m, x, rnd.uniform(0.0, 10.0)));
      double[] projected = new double[m.ambientDimension()];
      m.project(y, projected);
      assertClose(projected, y, 1e-15 * Math.max(1.0, Vectors.norm(y)),
          m + ": project(exp) = exp, case " + i);
      assertNull(m.validate(m.toData(y)), m + ": exp is valid data, case " + i);
    }
  }

  /** max(1, ‖compared‖), or ‖x‖·‖y‖ on the hyperboloid (see the class comment). */
  private static double scale(Manifold m, double[] x, double[] y, double[] compared) {
    return m instanceof Hyperboloid
        ? Vectors.norm(x) * Vectors.norm(y)
        : Math.max(1.0, Vectors.norm(compared));
  }

  static double[] scaled(double[] v, double s) {
    double[] out = v.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] *= s;
    }
    return out;
  }

  /** Asserts ‖actual − expected‖ ≤ tolerance (Euclidean norm of the ambient difference). */
  static void assertClose(double[] expected, double[] actual, double tolerance, String message) {
    double[] d = new double[expected.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = actual[k] - expected[k];
    }
    double error = Vectors.norm(d);
    assertTrue(error <= tolerance, () -> message + ": error " + error + " > " + tolerance
        + "\n expected " + java.util.Arrays.toString(expected)
        + "\n actual   " + java.util.Arrays.toString(actual));
  }
}
