package org.driftsim.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TileAccuracyTest {

  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void perfectCheckerboardSamplesScoreOne(Geometry g) {
    double[][] x = Targets.checkerboard(g).sample(20_000, Rngs.stream(1, 0, "tiles"));
    assertEquals(1.0, TileAccuracy.score(x, g), 0.0);
  }

  /**
   * Uniform noise over the board scores 0.5: with n = 40,000 the standard error is
   * 0.5/√n = 0.0025, and the tolerance is 5 standard errors.
   */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void uniformNoiseOverTheBoardScoresOneHalf(Geometry g) {
    int n = 40_000;
    RandomGenerator rng = Rngs.stream(2, 0, "noise-" + g);
    double scale = g == Geometry.EUCLIDEAN ? 4.0 : 1.0;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = Charts.toManifold(g, scale * (2 * rng.nextDouble() - 1),
          scale * (2 * rng.nextDouble() - 1));
    }
    assertEquals(0.5, TileAccuracy.score(x, g), 5 * 0.5 / Math.sqrt(n));
  }

  /** Tile borders belong to the tile above them (half-open intervals); the board ends at 1. */
  @Test
  void pointsOnTileBorders() {
    assertFalse(TileAccuracy.isBlack(-1, -1)); // tile (0,0)
    assertTrue(TileAccuracy.isBlack(-0.5, -1)); // tile (1,0)
    assertTrue(TileAccuracy.isBlack(Math.nextDown(-0.5), -0.5)); // tile (0,1)
    assertFalse(TileAccuracy.isBlack(-0.5, -0.5)); // tile (1,1)
    assertTrue(TileAccuracy.isBlack(0, -0.5)); // tile (2,1)
    assertFalse(TileAccuracy.isBlack(Math.nextDown(0.5), -1)); // tile (2,0), x + 1 rounds to 1.5
    assertTrue(TileAccuracy.isBlack(0.5, -1)); // tile (3,0)
    assertTrue(TileAccuracy.isBlack(Math.nextDown(1.0), -1)); // tile (3,0)
    assertFalse(TileAccuracy.isBlack(1.0, -1)); // off the board
    assertFalse(TileAccuracy.isBlack(-0.5, 1.0)); // off the board
    assertFalse(TileAccuracy.isBlack(Math.nextDown(-1.0), -0.5)); // off the board
    assertFalse(TileAccuracy.isBlack(Double.NaN, 0));
    assertEquals(2, TileAccuracy.tileIndex(Math.nextDown(0.5)));
    assertEquals(0, TileAccuracy.tileIndex(Math.nextDown(-0.5)));
    assertEquals(1, TileAccuracy.tileIndex(-0.5));
  }

  /** R² divides by 4 before the board: (−2, −4) is the border point (−0.5, −1) of tile (1,0). */
  @Test
  void euclideanBoardIsScaledByFour() {
    double[][] x = {{-2, -4}, {-4, -4}, {3.9, -0.1}, {4, 0}, {Double.NaN, 0}};
    // black, white, tile (3,1) white, off the board, not finite
    assertEquals(1.0 / 5, TileAccuracy.score(x, Geometry.EUCLIDEAN), 0.0);
    assertEquals(1.0, TileAccuracy.score(new double[][] {{0.1, -0.1}}, Geometry.EUCLIDEAN), 0.0);
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TileAccuracy.score(new double[0][], Geometry.SPHERE));
    assertEquals("number of samples must be > 0, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TileAccuracy.score(new double[][] {{0, 0, 1}, {0, 1}}, Geometry.SPHERE));
    assertEquals("samples[1] must have 3 coordinates for sphere, got 2", e.getMessage());
  }
}
