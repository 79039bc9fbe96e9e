package org.driftsim.datasets;

import java.util.random.RandomGenerator;
import org.driftsim.geometry.Geometry;

/**
 * The checkerboard of MATH.md §6: uniform over the 8 black tiles of the 4×4 board on
 * {@code [−1,1]²} (col + row odd), with equal mass per tile; on R² the board is scaled by 4
 * ({@code [−4,4]²}), on S² and H² it is mapped by the chart ({@link Charts}).
 *
 * <p>Draw order per sample: the tile ({@code nextInt(8)}, black tiles numbered row by row), then
 * the position inside it (two {@code nextDouble}). Positions stay inside the half-open tile even
 * where {@code lo + 0.5·U} would round up to the tile's upper edge.
 */
record Checkerboard(Geometry geometry) implements Distribution {
  /** (col, row) of the black tiles, row by row. */
  private static final int[][] BLACK_TILES = blackTiles();

  Checkerboard {
    Charts.checked(geometry);
  }

  @Override
  public double[][] sample(int n, RandomGenerator rng) {
    double[][] out = Samples.allocate(n);
    double scale = geometry == Geometry.EUCLIDEAN ? TileAccuracy.EUCLIDEAN_SCALE : 1.0;
    for (int i = 0; i < n; i++) {
      int[] tile = BLACK_TILES[rng.nextInt(BLACK_TILES.length)];
      double u = insideTile(tile[0], rng.nextDouble());
      double v = insideTile(tile[1], rng.nextDouble());
      out[i] = Charts.toManifold(geometry, scale * u, scale * v);
    }
    return out;
  }

  /** A point of tile index {@code k}'s interval {@code [−1 + 0.5k, −1 + 0.5(k+1))}. */
  private static double insideTile(int k, double uniform) {
    double lo = -1.0 + TileAccuracy.TILE * k;
    double hi = -1.0 + TileAccuracy.TILE * (k + 1);
    double x = lo + TileAccuracy.TILE * uniform;
    return x < hi ? x : Math.nextDown(hi); // rounding may reach hi; the interval is half-open
  }

  private static int[][] blackTiles() {
    int[][] tiles = new int[8][];
    int count = 0;
    for (int row = 0; row < 4; row++) {
      for (int col = 0; col < 4; col++) {
        if ((col + row) % 2 == 1) {
          tiles[count++] = new int[] {col, row};
        }
      }
    }
    return tiles;
  }

  @Override
  public int ambientDimension() {
    return Charts.ambientDimension(geometry);
  }

  @Override
  public String toString() {
    return "checkerboard";
  }
}
