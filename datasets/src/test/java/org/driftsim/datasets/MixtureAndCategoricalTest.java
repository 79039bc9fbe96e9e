package org.driftsim.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MixtureAndCategoricalTest {

  /** Five standard errors of a frequency p estimated from n draws. */
  private static double fiveSigma(double p, int n) {
    return 5 * Math.sqrt(p * (1 - p) / n);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "mixture(k=8,radius=1,sigma=0.1); mixture(k=8,radius=1,sigma=0.1)",
      " mixture ( sigma = .05 , radius = 2.5, k = 3 ) ; mixture(k=3,radius=2.5,sigma=0.05)",
      "mixture(k=1,radius=0,sigma=1); mixture(k=1,radius=0,sigma=1)",
      "mixture(k=4.0,radius=-0,sigma=1e-3); mixture(k=4,radius=0,sigma=0.001)"})
  void mixtureSpecsPrintTheirCanonicalFormAndParseBack(String spec, String canonical) {
    for (Geometry g : new Geometry[] {Geometry.EUCLIDEAN, Geometry.SPHERE, Geometry.HYPERBOLOID}) {
      Distribution d = Targets.parse(spec, g);
      assertEquals(canonical, d.toString());
      assertEquals(d, Targets.parse(d.toString(), g));
      assertEquals(g, d.geometry());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "categorical(k=10,modes=3); categorical(k=10,modes=3); 10",
      "categorical(k=10,l=1,modes=3,noise=0); categorical(k=10,modes=3); 10",
      "categorical(noise=0.1, modes=2, l=8, k=4); categorical(k=4,l=8,modes=2,noise=0.1); 32",
      "categorical(k=4,modes=4,noise=1); categorical(k=4,modes=4,noise=1); 4",
      "categorical(k=2.0,modes=1,noise=-0,smoothing=0); categorical(k=2,modes=1); 2",
      "categorical(smoothing=0.05,k=3,modes=1); categorical(k=3,modes=1,smoothing=0.05); 3"})
  void categoricalSpecsPrintTheirCanonicalFormAndParseBack(
      String spec, String canonical, int dimension) {
    Distribution d = Targets.parse(spec, Geometry.SIMPLEX);
    assertEquals(canonical, d.toString());
    assertEquals(d, Targets.parse(d.toString(), Geometry.SIMPLEX));
    assertEquals(Geometry.SIMPLEX, d.geometry());
    assertEquals(dimension, d.ambientDimension());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "sphere; mixture; mixture k must be given, e.g. mixture(k=8,radius=1,sigma=0.1), got mixture",
      "sphere; mixture(k=8,radius=1); mixture sigma must be given, e.g. mixture(k=8,radius=1,sigma=0.1), got mixture(k=8,radius=1)",
      "sphere; mixture(k=2.5,radius=1,sigma=0.1); mixture k must be an integer, got 2.5",
      "sphere; mixture(k=0,radius=1,sigma=0.1); mixture k must be >= 1, got 0",
      "sphere; mixture(k=8,radius=-1,sigma=0.1); mixture radius must be >= 0 and finite, got -1.0",
      "sphere; mixture(k=8,radius=1,sigma=0); mixture sigma must be > 0 and finite, got 0.0",
      "sphere; mixture(k=8,radius=1,sigma=0.1,u=1); mixture parameter must be one of k, radius, sigma, got u",
      "simplex; mixture(k=8,radius=1,sigma=0.1); geometry must be one of euclidean, sphere, hyperboloid (a 2-D chart), got simplex",
      "sphere; categorical(k=4,modes=2); categorical geometry must be simplex, got sphere",
      "simplex; categorical(k=1,modes=1); categorical k must be >= 2, got 1",
      "simplex; categorical(k=4); categorical modes must be given, e.g. categorical(k=10,modes=3), got categorical(k=4)",
      "simplex; categorical(k=4,modes=5); categorical modes must be in [1, 4] (at most k), got 5",
      "simplex; categorical(k=4,modes=0); categorical modes must be in [1, 4] (at most k), got 0",
      "simplex; categorical(k=4,modes=2,noise=1.5); categorical noise must be in [0, 1], got 1.5",
      "simplex; categorical(k=4,l=0,modes=2); categorical l must be >= 1, got 0",
      "simplex; categorical(k=4,l=1.5,modes=2); categorical l must be an integer, got 1.5",
      "simplex; categorical(k=1e10,modes=2); categorical k must be an integer, got 10000000000",
      "simplex; categorical(k=100000,l=1000,modes=2); categorical k·l must be <= 16777216, got 100000000",
      "simplex; categorical(k=4,modes=2,sigma=1); categorical parameter must be one of k, l, modes, noise, smoothing, got sigma",
      "simplex; categorical(k=4,modes=2,smoothing=1); categorical smoothing must be in [0, 1), got 1.0",
      "simplex; categorical(k=4,modes=2,smoothing=-0.1); categorical smoothing must be in [0, 1), got -0.1",
      "simplex; checkerboard; geometry must be one of euclidean, sphere, hyperboloid (a 2-D chart), got simplex"})
  void badSpecsFailWithOneClearMessage(String geometry, String spec, String message) {
    Geometry g = Geometry.parse("geometry", geometry);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Targets.parse(spec, g));
    assertEquals(message, e.getMessage());
  }

  @Test
  void nullGeometryIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Targets.parse("checkerboard", null));
    assertEquals("geometry must be one of euclidean, sphere, hyperboloid, simplex, got null",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void mixtureSamplesLieOnTheManifoldAndAreDeterministic(Geometry g) {
    Distribution d = Targets.parse("mixture(k=5,radius=1.5,sigma=0.3)", g);
    double[][] x = d.sample(2000, Rngs.stream(5, 3, "mixture"));
    for (int i = 0; i < x.length; i++) {
      assertEquals(Charts.ambientDimension(g), x[i].length, g + ": length of sample " + i);
      if (g == Geometry.SPHERE) {
        double n2 = x[i][0] * x[i][0] + x[i][1] * x[i][1] + x[i][2] * x[i][2];
        assertEquals(1.0, Math.sqrt(n2), 1e-12, g + ": ‖x‖ of sample " + i);
      } else if (g == Geometry.HYPERBOLOID) {
        assertEquals(-1.0, Hyperboloid.lorentz(x[i], x[i]), 1e-12 * x[i][0] * x[i][0],
            g + ": ⟨x,x⟩_L of sample " + i);
        assertTrue(x[i][0] > 0, g + ": x₀ of sample " + i);
      }
    }
    double[][] again = d.sample(2000, Rngs.stream(5, 3, "mixture"));
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(x[i], again[i], 0.0, g + ": sample " + i);
    }
    double[][] other = d.sample(2000, Rngs.stream(5, 4, "mixture"));
    assertFalse(Arrays.equals(x[0], other[0]), g + ": step ignored");
  }

  /**
   * k = 8 components of σ = 0.05 on the circle of radius 1: neighbouring centers are 0.765 apart,
   * so every one of 80,000 samples is within half that (7.6σ) of its own center in the chart.
   * Each component's share is 1/8 within 5 standard errors (0.0059), its chart mean the center
   * within 5σ/√n_j and its per-axis variance σ² within 5σ²√(2/n_j).
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void mixtureHasEqualWeightsAndItsMomentsInTheChart(Geometry g) {
    int n = 80_000;
    int k = 8;
    double sigma = 0.05;
    double[][] x = Targets.mixture(g, k, 1.0, sigma).sample(n, Rngs.stream(11, 0, "mixture"));
    double[][] centers = new double[k][];
    for (int j = 0; j < k; j++) {
      centers[j] = new double[] {Math.cos(2 * Math.PI * j / k), Math.sin(2 * Math.PI * j / k)};
    }
    double halfGap = Math.sin(Math.PI / k); // half the distance of neighbouring centers
    int[] count = new int[k];
    double[][] sum = new double[k][2];
    double[][] sumSquares = new double[k][2];
    for (double[] p : x) {
      double[] uv = Charts.toChart(g, p);
      int nearest = 0;
      for (int j = 1; j < k; j++) {
        if (distance(uv, centers[j]) < distance(uv, centers[nearest])) {
          nearest = j;
        }
      }
      assertTrue(distance(uv, centers[nearest]) < halfGap,
          g + ": sample " + Arrays.toString(uv) + " is between components");
      count[nearest]++;
      for (int a = 0; a < 2; a++) {
        double deviation = uv[a] - centers[nearest][a];
        sum[nearest][a] += deviation;
        sumSquares[nearest][a] += deviation * deviation;
      }
    }
    for (int j = 0; j < k; j++) {
      assertEquals(1.0 / k, (double) count[j] / n, fiveSigma(1.0 / k, n), g + ": weight " + j);
      for (int a = 0; a < 2; a++) {
        double mean = sum[j][a] / count[j];
        assertEquals(0.0, mean, 5 * sigma / Math.sqrt(count[j]), g + ": mean offset " + j);
        assertEquals(sigma * sigma, sumSquares[j][a] / count[j] - mean * mean,
            5 * sigma * sigma * Math.sqrt(2.0 / count[j]), g + ": variance " + j);
      }
    }
  }

  private static double distance(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  @Test
  void categoricalSamplesAreOneHotPointsOfTheSimplexAndDeterministic() {
    int k = 4;
    int l = 6;
    Distribution d = Targets.parse("categorical(k=4,l=6,modes=3,noise=0.3)", Geometry.SIMPLEX);
    Manifold simplex = Geometry.SIMPLEX.manifold(k * l, l);
    double[][] x = d.sample(3000, Rngs.stream(2, 9, "categorical"));
    double[] projected = new double[k * l];
    for (int i = 0; i < x.length; i++) {
      assertEquals(k * l, x[i].length, "length of sample " + i);
      for (int t = 0; t < l; t++) {
        int ones = 0;
        for (int c = 0; c < k; c++) {
          double v = x[i][t * k + c];
          assertTrue(v == 0.0 || v == 1.0, "entry " + (t * k + c) + " of sample " + i + ": " + v);
          ones += v == 1.0 ? 1 : 0;
        }
        assertEquals(1, ones, "ones at position " + t + " of sample " + i);
      }
      // √p representation: the data row p = x² is a probability vector per position, and the
      // point is its own projection.
      assertNull(simplex.validate(simplex.toData(x[i])), "sample " + i);
      simplex.project(x[i], projected);
      assertArrayEquals(x[i], projected, 0.0, "sample " + i);
    }
    double[][] again = d.sample(3000, Rngs.stream(2, 9, "categorical"));
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(x[i], again[i], 0.0, "sample " + i);
    }
    double[][] other = d.sample(3000, Rngs.stream(2, 10, "categorical"));
    boolean differs = false;
    for (int i = 0; i < x.length && !differs; i++) {
      differs = !Arrays.equals(x[i], other[i]);
    }
    assertTrue(differs, "step ignored");
  }

  /**
   * k = 5, l = 3, 2 motifs starting at categories 0 and ⌊5/2⌋ = 2, noise 0.1: position t has
   * peaks at t and 2 + t of 0.45 + 0.1/5 = 0.47 over a floor of 0.02 (written out below, not
   * computed by the code under test); the positions are correlated through the motif:
   * P(x₀ = 0, x₁ = 1) = ½·0.92² + ½·0.02² = 0.4234, not 0.47² as for independent positions. 40,000
   * samples, 5 standard errors.
   */
  @Test
  void categoricalSequencesHaveTheIntendedMarginalsAndCorrelation() {
    int n = 40_000;
    double[][] expected = {
        {0.47, 0.02, 0.47, 0.02, 0.02},
        {0.02, 0.47, 0.02, 0.47, 0.02},
        {0.02, 0.02, 0.47, 0.02, 0.47}};
    double[][] x = Targets.categorical(5, 3, 2, 0.1, 0).sample(n, Rngs.stream(7, 0, "sequences"));
    double[][] frequency = new double[3][5];
    int pair = 0;
    for (double[] s : x) {
      int[] tokens = argmax(s, 5, 3);
      for (int t = 0; t < 3; t++) {
        frequency[t][tokens[t]] += 1.0 / n;
      }
      pair += tokens[0] == 0 && tokens[1] == 1 ? 1 : 0;
    }
    for (int t = 0; t < 3; t++) {
      for (int c = 0; c < 5; c++) {
        assertEquals(expected[t][c], frequency[t][c], fiveSigma(expected[t][c], n),
            "frequency of category " + c + " at position " + t);
      }
    }
    double joint = 0.5 * 0.92 * 0.92 + 0.5 * 0.02 * 0.02;
    assertEquals(joint, (double) pair / n, fiveSigma(joint, n), "P(x0 = 0, x1 = 1)");
  }

  /**
   * Without noise every sample is one of the motifs (k = 10, 3 motifs starting at 0, 3, 6,
   * counting up over l = 4 positions), each with weight 1/3 within 5 standard errors of 30,000
   * samples.
   */
  @Test
  void noiseFreeCategoricalSamplesAreTheMotifsWithEqualWeights() {
    int n = 30_000;
    int[][] motifs = {{0, 1, 2, 3}, {3, 4, 5, 6}, {6, 7, 8, 9}};
    double[][] x = Targets.parse("categorical(k=10,l=4,modes=3)", Geometry.SIMPLEX)
        .sample(n, Rngs.stream(8, 0, "motifs"));
    int[] count = new int[3];
    for (double[] s : x) {
      int[] tokens = argmax(s, 10, 4);
      int match = -1;
      for (int j = 0; j < 3; j++) {
        match = Arrays.equals(tokens, motifs[j]) ? j : match;
      }
      assertTrue(match >= 0, "not a motif: " + Arrays.toString(tokens));
      count[match]++;
    }
    for (int j = 0; j < 3; j++) {
      assertEquals(1.0 / 3, (double) count[j] / n, fiveSigma(1.0 / 3, n), "weight of motif " + j);
    }
  }

  /**
   * A single categorical (l = 1) over k = 10 with 3 peaks at 0, 3, 6 and noise 0.2: the mean of
   * the sampled probability vectors is π with π = 0.8/3 + 0.02 at the peaks and 0.02 elsewhere,
   * within 5 standard errors of 40,000 samples.
   */
  @Test
  void meanOfCategoricalSamplesIsThePeakedDistribution() {
    int n = 40_000;
    double[][] x = Targets.parse("categorical(k=10,modes=3,noise=0.2)", Geometry.SIMPLEX)
        .sample(n, Rngs.stream(9, 1, "categorical"));
    Manifold simplex = Geometry.SIMPLEX.manifold(10, 1);
    double[] mean = new double[10];
    for (double[] s : x) {
      double[] p = simplex.toData(s);
      for (int c = 0; c < 10; c++) {
        mean[c] += p[c] / n;
      }
    }
    for (int c = 0; c < 10; c++) {
      double pi = c == 0 || c == 3 || c == 6 ? 0.8 / 3 + 0.02 : 0.02;
      assertEquals(pi, mean[c], fiveSigma(pi, n), "mean of category " + c);
    }
  }

  /**
   * Label smoothing s = 0.2 over k = 4 with one motif (category 0) and no noise: every sample is
   * √p with p = (0.85, 0.05, 0.05, 0.05) to 1e-15, a point of the simplex's manifold whose data
   * row is p, and the argmax is 0.
   */
  @Test
  void smoothedCategoricalSamplesAreTheSquareRootOfTheSmoothedVector() {
    Distribution d = Targets.parse("categorical(k=4,l=2,modes=1,smoothing=0.2)", Geometry.SIMPLEX);
    Manifold simplex = Geometry.SIMPLEX.manifold(8, 2);
    double[] p = {0.85, 0.05, 0.05, 0.05, 0.05, 0.85, 0.05, 0.05}; // motif 0 counts up: 0, 1
    for (double[] x : d.sample(100, Rngs.stream(1, 2, "smoothed"))) {
      for (int c = 0; c < 8; c++) {
        assertEquals(Math.sqrt(p[c]), x[c], 1e-15, "entry " + c);
      }
      assertNull(simplex.validate(simplex.toData(x)));
      assertArrayEquals(p, simplex.toData(x), 1e-15);
      assertArrayEquals(new int[] {0, 1}, argmax(x, 4, 2));
    }
  }

  /** The argmax per position (MATH.md §1's discretization). */
  private static int[] argmax(double[] x, int k, int l) {
    int[] out = new int[l];
    for (int t = 0; t < l; t++) {
      for (int c = 1; c < k; c++) {
        if (x[t * k + c] > x[t * k + out[t]]) {
          out[t] = c;
        }
      }
    }
    return out;
  }
}
