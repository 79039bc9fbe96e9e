package org.driftsim.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Hyperboloid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TargetsTest {
  private static final List<String> SPECS = List.of("swissroll", "checkerboard",
      "gaussian(sigma=0.3)", "gaussian(sigma=0.3,u=0.5,v=0)", "swissroll(noise=0)");

  private static void assertOnManifold(Geometry g, double[][] x, String what) {
    for (int i = 0; i < x.length; i++) {
      assertEquals(Charts.ambientDimension(g), x[i].length, what + ": length of sample " + i);
      switch (g) {
        case SPHERE:
          double n2 = x[i][0] * x[i][0] + x[i][1] * x[i][1] + x[i][2] * x[i][2];
          assertEquals(1.0, Math.sqrt(n2), 1e-9, what + ": ‖x‖ of sample " + i);
          break;
        case HYPERBOLOID:
          assertEquals(-1.0, Hyperboloid.lorentz(x[i], x[i]), 1e-9 * x[i][0] * x[i][0],
              what + ": ⟨x,x⟩_L of sample " + i);
          assertTrue(x[i][0] > 0, what + ": x₀ of sample " + i);
          break;
        default:
          assertTrue(Double.isFinite(x[i][0]) && Double.isFinite(x[i][1]), what + ": " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void samplesLieOnTheManifoldAndAreDeterministic(Geometry g) {
    for (String spec : SPECS) {
      Distribution d = Targets.parse(spec, g);
      assertEquals(g, d.geometry());
      assertEquals(g == Geometry.EUCLIDEAN ? 2 : 3, d.ambientDimension());
      double[][] x = d.sample(2000, Rngs.stream(5, 3, "targets"));
      assertOnManifold(g, x, spec + " on " + g);
      double[][] again = d.sample(2000, Rngs.stream(5, 3, "targets"));
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(x[i], again[i], 0.0, spec + " on " + g + ": sample " + i);
      }
      double[][] other = d.sample(2000, Rngs.stream(5, 4, "targets"));
      assertTrue(x[0][0] != other[0][0] || x[0][1] != other[0][1], spec + ": step ignored");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "swissroll; swissroll",
      "swissroll(noise=0.2); swissroll",
      "swissroll(noise=0); swissroll(noise=0)",
      " swissroll ( noise = 0.05 ) ; swissroll(noise=0.05)",
      "checkerboard; checkerboard",
      "gaussian(sigma=0.3); gaussian(sigma=0.3)",
      "gaussian(sigma=1); gaussian(sigma=1)",
      "gaussian(sigma=0.3,u=0,v=0); gaussian(sigma=0.3)",
      "gaussian(sigma=0.3,u=0.5,v=0); gaussian(sigma=0.3,u=0.5,v=0)",
      "gaussian(v=-1e-3, sigma=.25); gaussian(sigma=0.25,u=0,v=-0.001)",
      "gaussian(sigma=0.3,u=-0,v=0); gaussian(sigma=0.3)"})
  void specsPrintTheirCanonicalFormAndParseBack(String spec, String canonical) {
    for (Geometry g : new Geometry[] {Geometry.EUCLIDEAN, Geometry.SPHERE, Geometry.HYPERBOLOID}) {
      Distribution d = Targets.parse(spec, g);
      assertEquals(canonical, d.toString());
      assertEquals(d, Targets.parse(d.toString(), g));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "moons; target must be one of swissroll, checkerboard, gaussian, mixture, categorical, got moons",
      "Gaussian(sigma=1); target must be one of swissroll, checkerboard, gaussian, mixture, categorical, got Gaussian(sigma=1)",
      "''; target must be one of swissroll, checkerboard, gaussian, mixture, categorical, got \"\"",
      "(sigma=1); target must be NAME or NAME(key=value,...) with NAME one of swissroll, checkerboard, gaussian, mixture, categorical, got (sigma=1)",
      "gaussian(sigma=0.3; target must be NAME or NAME(key=value,...) with NAME one of swissroll, checkerboard, gaussian, mixture, categorical, got gaussian(sigma=0.3",
      "gaussian(); target must be NAME or NAME(key=value,...) with NAME one of swissroll, checkerboard, gaussian, mixture, categorical, got gaussian()",
      "gaussian(sigma); target must be NAME or NAME(key=value,...) with NAME one of swissroll, checkerboard, gaussian, mixture, categorical, got gaussian(sigma)",
      "gaussian; gaussian sigma must be given, e.g. gaussian(sigma=0.3), got gaussian",
      "gaussian(u=1); gaussian sigma must be given, e.g. gaussian(sigma=0.3), got gaussian(u=1)",
      "gaussian(sigma=0); gaussian sigma must be > 0 and finite, got 0.0",
      "gaussian(sigma=-1); gaussian sigma must be > 0 and finite, got -1.0",
      "gaussian(sigma=NaN); gaussian sigma must be a decimal number, got NaN",
      "gaussian(sigma=1d); gaussian sigma must be a decimal number, got 1d",
      "gaussian(sigma=1e999); gaussian sigma must be > 0 and finite, got Infinity",
      "gaussian(sigma=1,w=2); gaussian parameter must be one of sigma, u, v, got w",
      "gaussian(sigma=1,sigma=2); gaussian sigma must be given at most once, got gaussian(sigma=1,sigma=2)",
      "checkerboard(scale=2); checkerboard must have no parameters, got scale",
      "swissroll(noise=-0.1); swissroll noise must be >= 0 and finite, got -0.1",
      "swissroll(sigma=1); swissroll parameter must be one of noise, got sigma"})
  void badSpecsFailWithOneClearMessage(String spec, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Targets.parse(spec, Geometry.SPHERE));
    assertEquals(message, e.getMessage());
  }

  @Test
  void simplexIsNotATargetGeometry() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Targets.parse("checkerboard", Geometry.SIMPLEX));
    assertEquals("geometry must be one of euclidean, sphere, hyperboloid (a 2-D chart), got simplex",
        e.getMessage());
  }

  @Test
  void negativeSampleCountIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Targets.checkerboard(Geometry.EUCLIDEAN).sample(-1, Rngs.stream(0, 0, "x")));
    assertEquals("number of samples must be >= 0, got -1", e.getMessage());
    assertEquals(0, Targets.checkerboard(Geometry.EUCLIDEAN).sample(0, Rngs.stream(0, 0, "x"))
        .length);
  }

  /**
   * Every checkerboard sample is in a black tile, and the 8 tiles get equal mass: with 80,000
   * samples the chi-square statistic of the tile counts (7 degrees of freedom) must stay below
   * 30 (its 99.99% quantile is about 29.9).
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void checkerboardFillsTheBlackTilesEvenly(Geometry g) {
    int n = 80_000;
    double[][] x = Targets.checkerboard(g).sample(n, Rngs.stream(9, 0, "board"));
    double scale = g == Geometry.EUCLIDEAN ? 4.0 : 1.0;
    int[] counts = new int[16];
    for (double[] p : x) {
      double[] uv = Charts.toChart(g, p);
      double u = uv[0] / scale;
      double v = uv[1] / scale;
      assertTrue(TileAccuracy.isBlack(u, v), g + ": (" + u + ", " + v + ") is not black");
      counts[TileAccuracy.tileIndex(v) * 4 + TileAccuracy.tileIndex(u)]++;
    }
    double expected = n / 8.0;
    double chi2 = 0;
    for (int row = 0; row < 4; row++) {
      for (int col = 0; col < 4; col++) {
        int c = counts[row * 4 + col];
        if ((col + row) % 2 == 1) {
          chi2 += (c - expected) * (c - expected) / expected;
        } else {
          assertEquals(0, c, "white tile " + col + "," + row);
        }
      }
    }
    assertTrue(chi2 < 30, g + ": chi-square " + chi2);
  }

  /**
   * Without noise the roll is the spiral (x, y) = r(cos 5r, sin 5r) with r = t/5 in
   * [0.3π, 0.9π] (on S² and H²: 3·(u,v)); checked to 1e-9 relative after the chart round trip.
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void noiseFreeSwissRollIsTheSpiral(Geometry g) {
    double[][] x = Targets.swissRoll(g, 0).sample(5000, Rngs.stream(3, 0, "roll"));
    double scale = g == Geometry.EUCLIDEAN ? 1.0 : 3.0;
    for (int i = 0; i < x.length; i++) {
      double[] uv = Charts.toChart(g, x[i]);
      double px = scale * uv[0];
      double py = scale * uv[1];
      double r = Math.hypot(px, py);
      assertTrue(r >= 0.3 * Math.PI - 1e-9 && r <= 0.9 * Math.PI + 1e-9, g + ": r = " + r);
      assertEquals(r * Math.cos(5 * r), px, 1e-9 * r, g + ": x of sample " + i);
      assertEquals(r * Math.sin(5 * r), py, 1e-9 * r, g + ": y of sample " + i);
    }
  }

  /**
   * With noise 0.2 the mean squared radius of the R² roll is E[t²]/25 + 2·0.2² =
   * 9.75π²/25 + 0.08 ≈ 3.929 (t uniform on [1.5π, 4.5π]); with 20,000 samples its standard error
   * is about 0.014 and the tolerance is 0.07 (5 standard errors). The same holds for 3·chart on
   * S² and H².
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void swissRollHasTheExpectedMeanSquaredRadius(Geometry g) {
    int n = 20_000;
    double[][] x = Targets.swissRoll(g).sample(n, Rngs.stream(4, 0, "roll"));
    double scale = g == Geometry.EUCLIDEAN ? 1.0 : 3.0;
    double sum = 0;
    for (double[] p : x) {
      double[] uv = Charts.toChart(g, p);
      sum += scale * scale * (uv[0] * uv[0] + uv[1] * uv[1]);
    }
    assertEquals(9.75 * Math.PI * Math.PI / 25 + 0.08, sum / n, 0.07, g.toString());
  }

  /**
   * The blob's chart coordinates have mean (u, v) and variance σ² per axis: with 20,000 samples
   * and σ = 0.3 the mean is within 5σ/√n ≈ 0.011 and the variance within 5·σ²·√(2/n) ≈ 0.0045.
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void gaussianBlobHasItsMomentsInTheChart(Geometry g) {
    int n = 20_000;
    double sigma = 0.3;
    double[][] x = Targets.gaussian(g, sigma, 0.5, -0.2).sample(n, Rngs.stream(6, 0, "blob"));
    double su = 0, sv = 0, suu = 0, svv = 0;
    for (double[] p : x) {
      double[] uv = Charts.toChart(g, p);
      su += uv[0];
      sv += uv[1];
      suu += uv[0] * uv[0];
      svv += uv[1] * uv[1];
    }
    double mu = su / n;
    double mv = sv / n;
    assertEquals(0.5, mu, 5 * sigma / Math.sqrt(n), g + ": mean u");
    assertEquals(-0.2, mv, 5 * sigma / Math.sqrt(n), g + ": mean v");
    double varTolerance = 5 * sigma * sigma * Math.sqrt(2.0 / n);
    assertEquals(sigma * sigma, suu / n - mu * mu, varTolerance, g + ": variance u");
    assertEquals(sigma * sigma, svv / n - mv * mv, varTolerance, g + ": variance v");
  }
}
