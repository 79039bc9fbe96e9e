package org.driftsim.metrics;

import static org.driftsim.metrics.Samples.S2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SinkhornTest {
  private static final double[] NORTH = {0, 0, 1};

  /**
   * Two point masses: the only coupling moves all the mass, so the cost is d(x,y)^p for every ε,
   * and the regularized value equals it (P = α⊗β, KL = 0). On S² the points are 1.2 rad apart on
   * a great circle: the geodesic cost is 1.44 (p = 2) or 1.2 (p = 1); the squared chordal
   * distance would be 2 − 2cos 1.2 ≈ 1.275.
   */
  @Test
  void twoPointMassesCostTheGeodesicDistanceToThePowerP() {
    double[][] a = {Samples.onEquator(0.3)};
    double[][] b = {Samples.onEquator(1.5)};
    for (double epsilon : new double[] {1e-4, 0.1, 10}) {
      Sinkhorn.Result squared = new Sinkhorn(S2, epsilon, 100, 1e-9, 2).distance(a, b);
      assertEquals(1.44, squared.cost(), 1e-12, "ε = " + epsilon);
      assertEquals(1.44, squared.regularizedCost(), 1e-12, "ε = " + epsilon);
      assertTrue(squared.converged());
      Sinkhorn.Result plain = new Sinkhorn(S2, epsilon, 100, 1e-9, 1).distance(a, b);
      assertEquals(1.2, plain.cost(), 1e-12, "ε = " + epsilon);
    }
    Hyperboloid h2 = new Hyperboloid(2);
    double[] o = {1, 0, 0};
    double[] y = h2.exp(o, new double[] {0, 0.6, 0.8}); // 1 away from the origin
    assertEquals(1.0, new Sinkhorn(h2).distance(new double[][] {o}, new double[][] {y}).cost(),
        1e-12);
  }

  /**
   * One point against weighted points: the plan is forced (P_1j = β_j), so the cost is
   * Σ_j β_j d(x, y_j)² whatever ε; weights are normalized, zero weights drop out.
   */
  @Test
  void onePointAgainstWeightedPointsIsTheWeightedMeanCost() {
    double[][] a = {Samples.onEquator(0)};
    double[][] b = {Samples.onEquator(0.5), Samples.onEquator(-1), NORTH, Samples.onEquator(2)};
    double[] weights = {1, 2, 3, 0};
    double expected = (0.25 + 2 * 1 + 3 * (Math.PI / 2) * (Math.PI / 2)) / 6;
    for (double epsilon : new double[] {1e-3, 1}) {
      Sinkhorn.Result r = new Sinkhorn(S2, epsilon, 100, 1e-9, 2)
          .distance(a, null, b, weights);
      assertEquals(expected, r.cost(), 1e-12, "ε = " + epsilon);
      assertEquals(expected, r.regularizedCost(), 1e-12, "ε = " + epsilon);
      // The same with the weights on the single point's side of a transposed problem.
      Sinkhorn.Result t = new Sinkhorn(S2, epsilon, 100, 1e-9, 2)
          .distance(b, weights, a, new double[] {7});
      assertEquals(expected, t.cost(), 1e-12, "transposed, ε = " + epsilon);
    }
  }

  /**
   * Uniform n = m point sets on S², n = 3..5: exact OT is an assignment problem, solved here by
   * trying all n! permutations. With exact marginals OT ≤ ⟨P,C⟩ ≤ regularized ≤ OT + ε·log n;
   * a row-marginal error e moves the cost by at most e·max C ≤ 1e-9·π², hence the slack 1e-7.
   */
  @Test
  void smallEpsilonConvergesToTheExactAssignmentCost() {
    SplittableRandom rng = new SplittableRandom(11);
    double epsilon = 1e-3;
    Sinkhorn sinkhorn = new Sinkhorn(S2, epsilon, 200_000, 1e-9, 2);
    for (int c = 0; c < 12; c++) {
      int n = 3 + c % 3;
      double[][] a = Samples.cloud(S2, rng, n, NORTH, 0.7);
      double[][] b = Samples.cloud(S2, rng, n, Samples.onEquator(c), 0.7);
      double exact = bestAssignment(S2, a, b);
      Sinkhorn.Result r = sinkhorn.distance(a, b);
      String label = "case " + c + ", n = " + n + ": " + r;
      assertTrue(r.converged(), label);
      double slack = 1e-7;
      assertTrue(r.cost() >= exact - slack, label + ", exact " + exact);
      assertTrue(r.cost() <= exact + epsilon * Math.log(n) + slack, label + ", exact " + exact);
      assertTrue(r.regularizedCost() >= r.cost() - slack, label);
      assertTrue(r.regularizedCost() <= exact + epsilon * Math.log(n) + slack, label);
    }
  }

  /**
   * The same bound as above on the plane R² and on H² (costs up to about 10 on H², so ε = 1e-3 is
   * 1e-4 of the largest cost): uniform n = m = 3..5 point sets, exact OT by brute force over the
   * n! permutations, exact ≤ cost ≤ exact + ε·log n up to the slack 1e-7 · max(1, exact) for the
   * marginal tolerance 1e-9.
   */
  @Test
  void smallEpsilonConvergesToTheExactAssignmentCostOnThePlaneAndTheHyperboloid() {
    SplittableRandom rng = new SplittableRandom(15);
    double epsilon = 1e-3;
    Hyperboloid h2 = new Hyperboloid(2);
    double[] o = {1, 0, 0};
    Manifold[] manifolds = {new Euclidean(2), h2};
    for (Manifold manifold : manifolds) {
      Sinkhorn sinkhorn = new Sinkhorn(manifold, epsilon, 200_000, 1e-9, 2);
      for (int c = 0; c < 6; c++) {
        int n = 3 + c % 3;
        double[][] a;
        double[][] b;
        if (manifold == h2) {
          a = Samples.cloud(h2, rng, n, o, 0.8);
          b = Samples.cloud(h2, rng, n, h2.exp(o, new double[] {0, 0.7, -0.4}), 0.8);
        } else {
          a = Samples.cloud(manifold, rng, n, new double[] {0, 0}, 1.0);
          b = Samples.cloud(manifold, rng, n, new double[] {1, -0.5}, 1.0);
        }
        double exact = bestAssignment(manifold, a, b);
        Sinkhorn.Result r = sinkhorn.distance(a, b);
        String label = manifold + ", case " + c + ", n = " + n + ": " + r + ", exact " + exact;
        assertTrue(r.converged(), label);
        double slack = 1e-7 * Math.max(1, exact);
        assertTrue(r.cost() >= exact - slack, label);
        assertTrue(r.cost() <= exact + epsilon * Math.log(n) + slack, label);
      }
    }
  }

  /**
   * ε = 1e-6 with costs of order 0.01–3: every \( e^{−C/ε} \) underflows to 0, so a
   * linear-domain Sinkhorn would divide 0 by 0. On a great circle A = {0, π/2}, B = {0.1, π/2 +
   * 0.1}: the optimal plan moves each point by 0.1 rad, cost 0.01.
   */
  @Test
  void tinyEpsilonIsStableInTheLogDomain() {
    double[][] a = {Samples.onEquator(0), Samples.onEquator(Math.PI / 2)};
    double[][] b = {Samples.onEquator(Math.PI / 2 + 0.1), Samples.onEquator(0.1)};
    // Tolerance 1e-9: the potentials are about 0.01, so rounding leaves ulp(0.01)/ε ≈ 2e-12.
    Sinkhorn.Result r = new Sinkhorn(S2, 1e-6, 1000, 1e-9, 2).distance(a, b);
    assertTrue(r.converged(), r.toString());
    assertEquals(0.01, r.cost(), 1e-12);
    assertEquals(0.01, r.regularizedCost(), 1e-5); // within ε·log 2
  }

  @Test
  void costIsSymmetricOnceConverged() {
    SplittableRandom rng = new SplittableRandom(12);
    Sinkhorn sinkhorn = new Sinkhorn(S2, 0.05, 10_000, 1e-11, 2);
    for (int c = 0; c < 5; c++) {
      double[][] a = Samples.cloud(S2, rng, 20 + c, NORTH, 0.5);
      double[][] b = Samples.cloud(S2, rng, 15 + 2 * c, Samples.onEquator(c), 0.5);
      Sinkhorn.Result ab = sinkhorn.distance(a, b);
      Sinkhorn.Result ba = sinkhorn.distance(b, a);
      assertTrue(ab.converged() && ba.converged(), "case " + c);
      assertEquals(ab.cost(), ba.cost(), 1e-9, "case " + c);
      assertEquals(ab.regularizedCost(), ba.regularizedCost(), 1e-9, "case " + c);
    }
  }

  /**
   * ε-scaling only changes the path to the fixed point: where plain iterations converge too
   * (ε = 0.3 here), both schedules give the same cost, and the annealed one in fewer iterations.
   */
  @Test
  void annealedAndFixedSchedulesReachTheSameFixedPoint() {
    SplittableRandom rng = new SplittableRandom(14);
    for (int c = 0; c < 4; c++) {
      double[][] a = Samples.cloud(S2, rng, 5 + c, NORTH, 0.7);
      double[][] b = Samples.cloud(S2, rng, 6, Samples.onEquator(c), 0.7);
      Sinkhorn.Result fixed = new Sinkhorn(S2, 0.3, 100_000, 1e-12, 2, Sinkhorn.Schedule.FIXED)
          .distance(a, b);
      Sinkhorn.Result annealed = new Sinkhorn(S2, 0.3, 100_000, 1e-12, 2).distance(a, b);
      assertTrue(fixed.converged() && annealed.converged(), fixed + " " + annealed);
      assertEquals(Sinkhorn.Schedule.ANNEALED, annealed.schedule());
      assertEquals(fixed.cost(), annealed.cost(), 1e-10, "case " + c);
      assertEquals(fixed.regularizedCost(), annealed.regularizedCost(), 1e-10, "case " + c);
    }
  }

  /** The result carries the settings; with tolerance 0 every one of the iterations runs. */
  @Test
  void resultReportsTheSettingsAndTheIterations() {
    SplittableRandom rng = new SplittableRandom(13);
    double[][] a = Samples.cloud(S2, rng, 30, NORTH, 0.5);
    double[][] b = Samples.cloud(S2, rng, 40, Samples.onEquator(0), 0.5);
    Sinkhorn.Result capped = new Sinkhorn(S2, 0.02, 7, 0, 1.5, Sinkhorn.Schedule.FIXED)
        .distance(a, b);
    assertEquals(7, capped.iterations());
    assertEquals(7, capped.maxIterations());
    assertEquals(0.02, capped.epsilon());
    assertEquals(1.5, capped.exponent());
    assertEquals(Sinkhorn.Schedule.FIXED, capped.schedule());
    assertFalse(capped.converged());
    assertTrue(capped.marginalError() > 0);

    Sinkhorn defaults = new Sinkhorn(S2);
    assertEquals(Sinkhorn.DEFAULT_EPSILON, defaults.epsilon());
    assertEquals(Sinkhorn.DEFAULT_EXPONENT, defaults.exponent());
    Sinkhorn.Result r = defaults.distance(a, b);
    assertTrue(r.converged(), r.toString());
    assertTrue(r.iterations() < Sinkhorn.DEFAULT_MAX_ITERATIONS, r.toString());
    assertTrue(r.marginalError() <= Sinkhorn.DEFAULT_TOLERANCE, r.toString());
  }

  /** The minimum over all permutations σ of (1/n) Σ_i d(a_i, b_σ(i))². */
  private static double bestAssignment(Manifold manifold, double[][] a, double[][] b) {
    int n = a.length;
    double[][] cost = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = manifold.distance(a[i], b[j]);
        cost[i][j] = d * d;
      }
    }
    return permute(cost, new int[n], new boolean[n], 0) / n;
  }

  private static double permute(double[][] cost, int[] sigma, boolean[] used, int i) {
    int n = cost.length;
    if (i == n) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += cost[k][sigma[k]];
      }
      return s;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (!used[j]) {
        used[j] = true;
        sigma[i] = j;
        best = Math.min(best, permute(cost, sigma, used, i + 1));
        used[j] = false;
      }
    }
    return best;
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "empty-a; A must have at least one point, got 0",
      "empty-b; B must have at least one point, got 0",
      "long-row; A[0] must have 3 coordinates (the ambient dimension of S^2), got 4",
      "infinite; B[0][0] must be finite, got Infinity",
      "weights-length; weightsA must have 2 entries, one per point of A, got 3",
      "weights-negative; weightsB[1] must be finite and >= 0, got -1.0",
      "weights-nan; weightsA[0] must be finite and >= 0, got NaN",
      "weights-zero; weightsB must have a positive finite sum, got 0.0"})
  void invalidInputIsRejected(String problem, String message) {
    double[][] two = {NORTH, Samples.onEquator(0.5)};
    Sinkhorn sinkhorn = new Sinkhorn(S2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      switch (problem) {
        case "empty-a" -> sinkhorn.distance(new double[0][], two);
        case "empty-b" -> sinkhorn.distance(two, new double[0][]);
        case "long-row" -> sinkhorn.distance(new double[][] {{0, 0, 1, 0}}, two);
        case "infinite" -> sinkhorn.distance(two, new double[][] {{Double.POSITIVE_INFINITY, 0,
            0}});
        case "weights-length" -> sinkhorn.distance(two, new double[] {1, 1, 1}, two, null);
        case "weights-negative" -> sinkhorn.distance(two, null, two, new double[] {1, -1});
        case "weights-nan" -> sinkhorn.distance(two, new double[] {Double.NaN, 1}, two, null);
        case "weights-zero" -> sinkhorn.distance(two, null, two, new double[] {0, 0});
        default -> throw new AssertionError(problem);
      }
    });
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "0; 1000; 1e-6; 2; epsilon must be > 0 and finite, got 0.0",
      "-1; 1000; 1e-6; 2; epsilon must be > 0 and finite, got -1.0",
      "Infinity; 1000; 1e-6; 2; epsilon must be > 0 and finite, got Infinity",
      "0.01; 0; 1e-6; 2; maxIterations must be > 0, got 0",
      "0.01; 1000; -1e-6; 2; tolerance must be >= 0 and finite, got -1.0E-6",
      "0.01; 1000; NaN; 2; tolerance must be >= 0 and finite, got NaN",
      "0.01; 1000; 1e-6; 0; exponent must be > 0 and finite, got 0.0"})
  void invalidSettingsAreRejected(double epsilon, int iterations, double tolerance,
      double exponent, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sinkhorn(S2, epsilon, iterations, tolerance, exponent));
    assertEquals(message, e.getMessage());
  }
}
