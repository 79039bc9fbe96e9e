package org.driftsim.datasets;

import org.driftsim.geometry.Geometry;

/**
 * The tile accuracy of MATH.md §6: the fraction of samples that fall in a black tile of the 4×4
 * board on {@code [−1,1]²} after mapping back to the chart (log at the base point on S² and H²;
 * on R² the identity, then division by {@link #EUCLIDEAN_SCALE}). Tile {@code (col,row)} covers
 * {@code [−1+0.5·col, −1+0.5·(col+1)) × [−1+0.5·row, −1+0.5·(row+1))}; black tiles have
 * {@code col + row} odd. A perfect checkerboard sampler scores 1, uniform noise over the board
 * 0.5.
 *
 * <p>Points outside the board, and samples with a non-finite coordinate (a diverged run), count
 * as misses: the score measures the sampler, it does not reject its output.
 *
 * <pre>{@code
 * double acc = TileAccuracy.score(samples, Geometry.SPHERE);
 * }</pre>
 */
public final class TileAccuracy {
  /** Side of a tile in chart units. */
  public static final double TILE = 0.5;
  /** The R² board is the chart board scaled by this factor ({@code [−4,4]²}). */
  public static final double EUCLIDEAN_SCALE = 4.0;

  private TileAccuracy() {}

  /**
   * The fraction of samples in black tiles.
   *
   * @param samples {@code [n][2]} on R², {@code [n][3]} on S² and H², n ≥ 1
   * @param geometry euclidean, sphere or hyperboloid
   */
  public static double score(double[][] samples, Geometry geometry) {
    Charts.checked(geometry);
    if (samples.length == 0) {
      throw new IllegalArgumentException("number of samples must be > 0, got 0");
    }
    int dimension = Charts.ambientDimension(geometry);
    double scale = geometry == Geometry.EUCLIDEAN ? EUCLIDEAN_SCALE : 1.0;
    long black = 0;
    for (int i = 0; i < samples.length; i++) {
      double[] x = samples[i];
      if (x.length != dimension) {
        throw new IllegalArgumentException("samples[" + i + "] must have " + dimension
            + " coordinates for " + geometry.cliName() + ", got " + x.length);
      }
      if (!allFinite(x)) {
        continue; // a miss, see the class comment
      }
      double[] uv = Charts.toChart(geometry, x);
      if (isBlack(uv[0] / scale, uv[1] / scale)) {
        black++;
      }
    }
    return (double) black / samples.length;
  }

  /**
   * Whether chart coordinates {@code (u, v)} lie in a black tile of the board on {@code [−1,1]²}
   * (false outside the board and for NaN).
   */
  public static boolean isBlack(double u, double v) {
    int col = tileIndex(u);
    int row = tileIndex(v);
    return col >= 0 && row >= 0 && (col + row) % 2 == 1;
  }

  /** Index 0..3 of the half-open interval {@code [−1+0.5k, −1+0.5(k+1))} holding x, or −1. */
  static int tileIndex(double x) {
    if (!(x >= -1.0 && x < 1.0)) {
      return -1;
    }
    // x + 1 can round up across a border (x = nextDown(0.5) gives 1.5), so the estimate is
    // corrected against the borders −1 + 0.5k, which are exact doubles.
    int k = Math.min((int) Math.floor((x + 1.0) / TILE), 3);
    if (x < -1.0 + TILE * k) {
      k--;
    } else if (k < 3 && x >= -1.0 + TILE * (k + 1)) {
      k++;
    }
    return k;
  }

  private static boolean allFinite(double[] x) {
    for (double c : x) {
      if (!Double.isFinite(c)) {
        return false;
      }
    }
    return true;
  }
}
