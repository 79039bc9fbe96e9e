package org.driftsim.gpu.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;

/**
 * A shard of references resident in float32 for the fused CPU kernel: coordinates in
 * structure-of-arrays layout, padded to a multiple of the SIMD width with copies of the last
 * reference whose log-weight is −∞ (so padding lanes contribute exactly nothing).
 */
final class CpuShard {
  final Side side;
  final int size; // M
  final int padded; // M rounded up to the vector length
  final int dimension; // D
  final float[][] coordinates; // [D][padded]
  final float[] logWeight; // [padded], −∞ for padding and zero weights
  final double[] weight; // [M] float64 weights (mmd denominator, spectral kernels)
  final double weightSum; // Σ w
  final long[] ids; // [M]
  final double[][] points; // [M][D] the float64 points (spectral kernels' float64 path)
  private final Map<Long, int[]> byId;
  private GemmTiles.Matrix matrix; // built on first use by the matrix-product path

  CpuShard(ReferenceSet refs, int dimension, int lanes) {
    this.side = refs.side();
    this.size = refs.size();
    this.dimension = dimension;
    this.padded = Math.max(lanes, (size + lanes - 1) / lanes * lanes);
    this.coordinates = new float[dimension][padded];
    this.logWeight = new float[padded];
    this.weight = refs.weights().clone();
    this.ids = refs.ids().clone();
    this.points = refs.points();
    Arrays.fill(logWeight, Float.NEGATIVE_INFINITY);
    double sum = 0;
    for (int j = 0; j < padded; j++) {
      int src = Math.min(j, Math.max(size - 1, 0));
      double[] y = size == 0 ? new double[dimension] : refs.points()[src];
      if (y.length != dimension) {
        throw new IllegalArgumentException(
            "reference points must have " + dimension + " coordinates, got " + y.length);
      }
      for (int k = 0; k < dimension; k++) {
        coordinates[k][j] = (float) y[k];
      }
      if (j < size) {
        logWeight[j] = (float) Math.log(weight[j]);
        sum += weight[j];
      }
    }
    this.weightSum = sum;
    Map<Long, int[]> index = new HashMap<>();
    for (int j = 0; j < size; j++) {
      if (ids[j] != ReferenceSet.NO_ID) {
        int[] old = index.get(ids[j]);
        int[] now = old == null ? new int[] {j} : Arrays.copyOf(old, old.length + 1);
        now[now.length - 1] = j;
        index.put(ids[j], now);
      }
    }
    this.byId = index;
  }

  /** Indices of the references that are the copy of query {@code id} (usually none or one). */
  int[] copiesOf(long id) {
    if (id == ReferenceSet.NO_ID) {
      return NONE;
    }
    int[] found = byId.get(id);
    return found == null ? NONE : found;
  }

  /** Σ w over the shard less the query's own copies: mmd's denominator. */
  double weightWithout(long queryId) {
    double total = weightSum;
    for (int j : copiesOf(queryId)) {
      total -= weight[j];
    }
    return total;
  }

  /** The shard's matrix form for the GEMM path, built once. */
  synchronized GemmTiles.Matrix matrix() {
    if (matrix == null) {
      matrix = new GemmTiles.Matrix(this);
    }
    return matrix;
  }

  private static final int[] NONE = new int[0];
}
