package org.driftsim.gpu.internal;

import java.nio.FloatBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The matrix-product path of the fused CPU kernel for Euclidean space of larger dimension, where
 * a GEMM pays: per block of queries and tile of references,
 * <ol>
 *   <li>{@code G = −2·X·Yᵀ} with {@code Nd4j.gemm} into a preallocated tile (coordinates centred
 *       on the shard's mean, which shrinks the norms that cancel);
 *   <li>per query row, the fused SIMD passes read G in place through a direct buffer:
 *       r² = ‖x‖² + ‖y‖² + G (pairs where that cancels badly, r² < 1e-3·(‖x‖² + ‖y‖²), are
 *       recomputed directly from the coordinates), the log-weights and coefficients of
 *       {@link Float32Profiles}, the row maximum, e = exp(ℓ − m), and the weights w = e·c are
 *       written into a second tile;
 *   <li>{@code Σ_j w_ij (y_j − x_i) = (W·Y)_i − x_i Σ_j w_ij} with a second GEMM.
 * </ol>
 * BLAS runs single-threaded inside each worker; the workers split the query blocks.
 */
final class GemmTiles {
  /** References per GEMM tile. */
  static final int TILE = 1024;
  private static final float CANCELLATION = 1e-3f;

  /** The shard's matrix form: centred coordinates and squared norms. */
  static final class Matrix {
    final INDArray y; // [padded, D] centred
    final float[] norms; // [padded]
    final float[] center; // [D]
    final float[] logWeight; // [padded], −∞ beyond the shard
    final int padded;

    Matrix(CpuShard shard) {
      int d = shard.dimension;
      this.padded = (shard.padded + TILE - 1) / TILE * TILE;
      this.center = new float[d];
      for (int k = 0; k < d; k++) {
        double sum = 0;
        for (int j = 0; j < shard.size; j++) {
          sum += shard.coordinates[k][j];
        }
        center[k] = (float) (sum / Math.max(shard.size, 1));
      }
      float[] data = new float[padded * d];
      this.norms = new float[padded];
      this.logWeight = java.util.Arrays.copyOf(shard.logWeight, padded);
      java.util.Arrays.fill(logWeight, shard.padded, padded, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < padded; j++) {
        int src = Math.min(j, shard.padded - 1);
        float n2 = 0;
        for (int k = 0; k < d; k++) {
          float v = shard.coordinates[k][src] - center[k];
          data[j * d + k] = v;
          n2 += v * v;
        }
        norms[j] = n2;
      }
      this.y = Nd4j.create(data, new long[] {padded, d}, DataType.FLOAT);
    }
  }

  private final FieldSpec spec;
  private final QueryBatch queries;
  private final CpuShard shard;
  private final Matrix matrix;
  private final FusedCpuKernel.Output out;
  private final Float32Profiles[] profiles;
  private final int d;
  private final int block;
  private final boolean unit;
  private final boolean mmd;
  private final INDArray xb; // [block, D]
  private final INDArray g; // [block, TILE]
  private final INDArray w; // [block, TILE]
  private final INDArray num; // [block, D]
  private final FloatBuffer gBuf; // G's storage, read a row at a time into gRow
  private final FloatBuffer wBuf; // W's storage, written a row at a time from wRow
  private final FloatBuffer numBuf; // the direction sums' storage
  private final float[] sums; // [block·D] copied out of numBuf
  private final float[] gRow = new float[TILE];
  private final float[] wRow = new float[TILE];
  private final float[] xx; // [block]
  private final float[] r = new float[TILE];
  private final float[] r2 = new float[TILE];
  private final float[] ell = new float[TILE];
  private final float[] coef = new float[TILE];
  private final double[] rowMax; // [T·block]
  private final double[] rowSum; // [T·block]
  private final double[] rowWeight; // [T·block]
  private final double[] a;
  private final float[] lanes = VectorMath.scratch();

  GemmTiles(FieldSpec spec, QueryBatch queries, CpuShard shard, Matrix matrix,
      FusedCpuKernel.Output out, int block) {
    this.spec = spec;
    this.queries = queries;
    this.shard = shard;
    this.matrix = matrix;
    this.out = out;
    this.d = shard.dimension;
    this.block = block;
    this.profiles = new Float32Profiles[spec.temperatures()];
    for (int t = 0; t < profiles.length; t++) {
      profiles[t] = new Float32Profiles(spec.kernels().get(t), spec.type());
    }
    this.unit = profiles[0].unitCoefficient();
    this.mmd = spec.type() == FieldType.MMD;
    this.xb = Nd4j.create(DataType.FLOAT, block, d);
    this.g = Nd4j.create(DataType.FLOAT, block, TILE);
    this.w = Nd4j.create(DataType.FLOAT, block, TILE);
    this.num = Nd4j.create(DataType.FLOAT, block, d);
    this.gBuf = g.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.wBuf = w.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.numBuf = num.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.sums = new float[block * d];
    this.xx = new float[block];
    this.rowMax = new double[profiles.length * block];
    this.rowSum = new double[profiles.length * block];
    this.rowWeight = new double[profiles.length * block];
    this.a = new double[d];
  }

  void run(int from, int to) {
    int nb = to - from;
    float[] xs = new float[block * d];
    for (int i = 0; i < nb; i++) {
      double[] x = queries.points()[from + i];
      float n2 = 0;
      for (int k = 0; k < d; k++) {
        float v = (float) x[k] - matrix.center[k];
        xs[i * d + k] = v;
        n2 += v * v;
      }
      xx[i] = n2;
    }
    xb.assign(Nd4j.create(xs, new long[] {block, d}, DataType.FLOAT));
    for (int j0 = 0; j0 < matrix.padded; j0 += TILE) {
      INDArray yt = matrix.y.get(NDArrayIndex.interval(j0, j0 + TILE), NDArrayIndex.all());
      Nd4j.gemm(xb, yt, g, false, true, -2.0, 0.0);
      for (int t = 0; t < profiles.length; t++) {
        for (int i = 0; i < nb; i++) {
          row(from + i, i, t, j0);
        }
        Nd4j.gemm(w, yt, num, false, false, 1.0, 0.0);
        numBuf.get(0, sums, 0, sums.length);
        for (int i = 0; i < nb; i++) {
          int k0 = t * block + i;
          if (rowMax[k0] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double[] x = queries.points()[from + i];
          for (int k = 0; k < d; k++) {
            // Σ w (y − x) = (W·Y)_i − (x_i − c)·Σ w, in centred coordinates.
            a[k] = sums[i * d + k] - (x[k] - matrix.center[k]) * rowWeight[k0];
          }
          merge(from + i, t, rowMax[k0], rowSum[k0]);
        }
      }
    }
  }

  /** One query row of one tile: distances, log-weights, exp, weights into W. */
  private void row(int query, int i, int t, int j0) {
    int k0 = t * block + i;
    int base = i * TILE; // offset of the row in G and W
    int valid = Math.max(0, Math.min(TILE, shard.size - j0));
    if (valid == 0) {
      rowMax[k0] = Double.NEGATIVE_INFINITY;
      zeroRow(base);
      return;
    }
    float xi = xx[i];
    gBuf.get(base, gRow, 0, TILE); // one bulk copy: vector loads from a direct buffer are slow
    FloatVector bound = FloatVector.broadcast(FusedCpuKernel.F, xi);
    for (int j = 0; j < TILE; j += FusedCpuKernel.F.length()) {
      FloatVector yy = FloatVector.fromArray(FusedCpuKernel.F, matrix.norms, j0 + j);
      FloatVector s2 = FloatVector.fromArray(FusedCpuKernel.F, gRow, j).add(yy).add(xi).max(0f);
      VectorMask<Float> cancelled = s2.compare(VectorOperators.LT,
          yy.add(bound).mul(CANCELLATION));
      s2.intoArray(r2, j);
      if (cancelled.anyTrue()) {
        refine(query, j0, j);
      }
      FloatVector.fromArray(FusedCpuKernel.F, r2, j).lanewise(VectorOperators.SQRT)
          .intoArray(r, j);
    }
    float m = profiles[t].fill(r, r2, matrix.logWeight, j0, TILE, ell, unit ? null : coef);
    for (int j : shard.copiesOf(queries.ids()[query])) {
      if (j >= j0 && j < j0 + TILE) {
        ell[j - j0] = Float.NEGATIVE_INFINITY; // a query never interacts with its copy
        m = Float32Profiles.max(ell, TILE);
      }
    }
    if (m == Float.NEGATIVE_INFINITY) {
      rowMax[k0] = Double.NEGATIVE_INFINITY;
      zeroRow(base);
      return;
    }
    FloatVector sum = FloatVector.zero(FusedCpuKernel.F);
    FloatVector weight = FloatVector.zero(FusedCpuKernel.F);
    for (int j = 0; j < TILE; j += FusedCpuKernel.F.length()) {
      FloatVector e = VectorMath.exp(FloatVector.fromArray(FusedCpuKernel.F, ell, j).sub(m));
      sum = sum.add(e);
      FloatVector v = unit ? e : e.mul(FloatVector.fromArray(FusedCpuKernel.F, coef, j));
      weight = weight.add(v);
      v.intoArray(wRow, j);
    }
    wBuf.put(base, wRow, 0, TILE);
    rowMax[k0] = m;
    rowSum[k0] = VectorMath.sum(sum, lanes);
    rowWeight[k0] = VectorMath.sum(weight, lanes);
  }

  private void zeroRow(int base) {
    java.util.Arrays.fill(wRow, 0f);
    wBuf.put(base, wRow, 0, TILE);
  }

  /** Recomputes r² directly where ‖x‖² + ‖y‖² − 2x·y cancelled. */
  private void refine(int query, int j0, int j) {
    double[] x = queries.points()[query];
    for (int l = j; l < j + FusedCpuKernel.F.length(); l++) {
      int src = Math.min(j0 + l, shard.padded - 1);
      float s = 0;
      for (int k = 0; k < d; k++) {
        float diff = shard.coordinates[k][src] - (float) x[k];
        s += diff * diff;
      }
      r2[l] = s;
    }
  }

  private void merge(int query, int t, double m, double tileSum) {
    out.merge(out.slot(t, query), m, tileSum, a, 0, mmd);
  }
}
