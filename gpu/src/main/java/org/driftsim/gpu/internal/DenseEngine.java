package org.driftsim.gpu.internal;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.FieldEngine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@code nd4j-dense} engine: the straightforward tensor-library way, done well, kept as the
 * baseline every speed claim is measured against (and the kernel of the CUDA backend). Per block
 * of queries and tile of references it materializes the tile's squared distances with
 * {@code Nd4j.gemm} into preallocated arrays (‖x‖² + ‖y‖² − 2x·y, coordinates centred on the
 * shard's mean against cancellation), turns them into log-weights, subtracts the row maximum,
 * exponentiates in place and forms the weighted direction sums with a second GEMM. Tiles merge
 * into float64 per-query partials with the log-sum-exp rule. Memory: the shard, the queries and
 * four tile arrays of {@code BLOCK × tile} floats (the tile sized from a budget).
 *
 * <p>Accuracy: the GEMM forms ‖x‖² + ‖y‖² − 2x·y and W·Y − x·ΣW cancel in float32 when the field
 * is small next to the attraction and repulsion it is the difference of (about 1e-2 relative in
 * the tests); the fused {@code nd4j} kernel sums w·(y − x) directly and meets the 1e-4 / 1e-3
 * parity targets.
 *
 * <p>Scope: Euclidean space and the sphere with the closed-form radial kernels (gaussian,
 * laplace, matern32, matern52, rq) and the fields deng, gradient, sharp, mmd; deng_coded runs
 * through the float32 loops of the CPU engine. Other combinations fail with a message naming
 * the {@code nd4j} engine, which supports everything.
 */
public final class DenseEngine implements FieldEngine<Object> {
  /** Queries per block. */
  static final int BLOCK = 256;
  /** Tile memory budget in bytes (four BLOCK × tile float arrays). */
  static final long TILE_BUDGET = 64L << 20;

  private final ExecutorService pool;
  private final DengCoded32 coded;
  private final FusedCpuKernel uploader;

  public DenseEngine(int threads) {
    Nd4j.getEnvironment().setMaxThreads(threads);
    this.pool = Threads.pool("driftsim-nd4j-dense", 1);
    this.coded = new DengCoded32(pool);
    this.uploader = new FusedCpuKernel(pool);
  }

  @Override
  public String name() {
    return "nd4j-dense";
  }

  /** A shard as ND4J arrays, padded to whole tiles. */
  static final class Shard {
    final ReferenceSet refs;
    final CpuShard cpu; // float32 copy: deng_coded, id lookups, Σw
    final int tile;
    final int padded;
    final double[] center; // [D] Euclidean: the mean of the references; sphere: zero
    final INDArray y; // [padded, D]
    final INDArray yy; // [1, padded] squared norms
    final INDArray logW; // [1, padded]

    Shard(ReferenceSet refs, CpuShard cpu, Manifold manifold) {
      this.refs = refs;
      this.cpu = cpu;
      int d = manifold.ambientDimension();
      int m = refs.size();
      long byBudget = Math.max(64, Math.min(16_384, TILE_BUDGET / (4L * 4 * BLOCK)));
      this.tile = (int) Math.min(byBudget, Math.max(64, (m + 63) / 64 * 64L));
      this.padded = Math.max(tile, (m + tile - 1) / tile * tile);
      this.center = new double[d];
      if (manifold.geometry() == Geometry.EUCLIDEAN) {
        for (double[] p : refs.points()) {
          for (int k = 0; k < d; k++) {
            center[k] += p[k] / Math.max(m, 1);
          }
        }
      }
      float[] coords = new float[padded * d];
      float[] logw = new float[padded];
      float[] norms = new float[padded];
      Arrays.fill(logw, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < m; j++) {
        double n2 = 0;
        for (int k = 0; k < d; k++) {
          double v = refs.points()[j][k] - center[k];
          coords[j * d + k] = (float) v;
          n2 += v * v;
        }
        norms[j] = (float) n2;
        logw[j] = (float) Math.log(refs.weights()[j]);
      }
      this.y = Nd4j.create(coords, new long[] {padded, d}, DataType.FLOAT);
      this.yy = Nd4j.create(norms, new long[] {1, padded}, DataType.FLOAT);
      this.logW = Nd4j.create(logw, new long[] {1, padded}, DataType.FLOAT);
    }
  }

  @Override
  public Object load(ReferenceSet references, Manifold manifold) {
    return new Shard(references, (CpuShard) uploader.upload(references, manifold), manifold);
  }

  private static void checkSupported(FieldSpec spec, Manifold manifold) {
    boolean geometry = manifold.geometry() == Geometry.EUCLIDEAN || manifold instanceof Sphere;
    boolean kernels = spec.kernels().stream().allMatch(k -> !k.family().isSpectral()
        && k.family() != KernelFamily.MATERN);
    if (!geometry || !kernels) {
      throw new IllegalArgumentException("engine nd4j-dense supports the euclidean and sphere "
          + "geometries with the gaussian, laplace, matern32, matern52 and rq kernels; got "
          + manifold.geometry().cliName() + " with " + spec.kernels().get(0).family()
          + " (use --engine nd4j)");
    }
  }

  @Override
  public Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries, Object handle) {
    checkSupported(spec, manifold);
    Shard shard = (Shard) handle;
    int n = queries.size();
    int d = manifold.ambientDimension();
    int tCount = spec.temperatures();
    boolean sphere = manifold.geometry() != Geometry.EUCLIDEAN;
    boolean mmd = spec.type() == FieldType.MMD;
    FusedCpuKernel.Output out = FusedCpuKernel.Output.empty(shard.refs.side(), tCount, n, d);
    int tile = shard.tile;

    INDArray xb = Nd4j.create(DataType.FLOAT, BLOCK, d);
    INDArray xx = Nd4j.create(DataType.FLOAT, BLOCK, 1);
    INDArray g = Nd4j.create(DataType.FLOAT, BLOCK, tile); // r² (then θ² on the sphere)
    INDArray r = Nd4j.create(DataType.FLOAT, BLOCK, tile);
    INDArray ell = Nd4j.create(DataType.FLOAT, BLOCK, tile);
    INDArray w = Nd4j.create(DataType.FLOAT, BLOCK, tile);
    INDArray s1 = Nd4j.create(DataType.FLOAT, BLOCK, tile); // scratch
    INDArray s2 = Nd4j.create(DataType.FLOAT, BLOCK, tile); // scratch
    INDArray cos = sphere ? Nd4j.create(DataType.FLOAT, BLOCK, tile) : null;
    INDArray num = Nd4j.create(DataType.FLOAT, BLOCK, d);
    for (int i0 = 0; i0 < n; i0 += BLOCK) {
      int nb = Math.min(BLOCK, n - i0);
      float[] xs = new float[BLOCK * d];
      float[] norms = new float[BLOCK];
      for (int i = 0; i < nb; i++) {
        double n2 = 0;
        for (int k = 0; k < d; k++) {
          double v = queries.points()[i0 + i][k] - shard.center[k];
          xs[i * d + k] = (float) v;
          n2 += v * v;
        }
        norms[i] = (float) n2;
      }
      xb.assign(Nd4j.create(xs, new long[] {BLOCK, d}, DataType.FLOAT));
      xx.assign(Nd4j.create(norms, new long[] {BLOCK, 1}, DataType.FLOAT));
      for (int j0 = 0; j0 < shard.padded; j0 += tile) {
        INDArray yt = shard.y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(j0, j0 + tile),
            org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yyT = shard.yy.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(j0, j0 + tile)).reshape(1, tile);
        INDArray lw = shard.logW.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(j0, j0 + tile)).reshape(1, tile);
        if (sphere) {
          // t = x·y; chord² = 2 − 2t; θ = 2·asin(min(chord/2, 1)).
          Nd4j.gemm(xb, yt, cos, false, true, 1.0, 0.0);
          Transforms.min(cos, 1.0, false);
          Transforms.max(cos, -1.0, false);
          r.assign(cos).muli(-0.5).addi(0.5); // (1 − t)/2 = (chord/2)²
          Transforms.sqrt(r, false);
          Transforms.asin(r, false);
          r.muli(2.0);
          g.assign(r).muli(r);
        } else {
          Nd4j.gemm(xb, yt, g, false, true, -2.0, 0.0);
          g.addiColumnVector(xx).addiRowVector(yyT);
          Transforms.max(g, 0.0, false);
          r.assign(g);
          Transforms.sqrt(r, false);
        }
        for (int t = 0; t < tCount; t++) {
          KernelSpec k = spec.kernels().get(t);
          logWeights(k, spec.type(), r, g, ell, w, s1, s2);
          ell.addiRowVector(lw);
          applySelfMask(ell, queries, i0, nb, shard, j0, tile);
          INDArray rowMax = ell.max(1).reshape(BLOCK, 1);
          ell.subiColumnVector(rowMax);
          Transforms.exp(ell, false);
          INDArray s = ell.sum(1);
          if (unitCoefficient(spec.type())) {
            w.assign(ell);
          } else {
            w.muli(ell);
          }
          BooleanIndexing.replaceWhere(w, 0.0, Conditions.isInfinite());
          BooleanIndexing.replaceWhere(w, 0.0, Conditions.isNan());
          INDArray wt;
          if (sphere) {
            // log = γ(y − t x) with γ = θ/sin θ; sin θ = sqrt(1 − t²).
            s1.assign(cos).muli(cos).rsubi(1.0);
            Transforms.sqrt(s1, false);
            s1.rdivi(r); // γ
            BooleanIndexing.replaceWhere(s1, 1.0, Conditions.isNan());
            BooleanIndexing.replaceWhere(s1, 0.0, Conditions.isInfinite());
            w.muli(s1);
            wt = s2.assign(w).muli(cos).sum(1).reshape(BLOCK, 1);
          } else {
            wt = w.sum(1).reshape(BLOCK, 1);
          }
          Nd4j.gemm(w, yt, num, false, false, 1.0, 0.0);
          // Euclidean: Σ w (y − x) = W·Y − x Σw; sphere: Σ w (y − t x) = W·Y − x Σ w t.
          num.subi(xb.mulColumnVector(wt));
          double[] m = rowMax.data().asDouble();
          double[] sums = s.data().asDouble();
          double[] v = num.data().asDouble();
          for (int i = 0; i < nb; i++) {
            if (m[i] != Double.NEGATIVE_INFINITY && !Double.isNaN(m[i])) { // else: empty row
              out.merge(out.slot(t, i0 + i), m[i], sums[i], v, i * d, mmd);
            }
          }
        }
      }
    }
    if (mmd) {
      for (int i = 0; i < n; i++) {
        out.setMmdDenominator(i, shard.cpu.weightWithout(queries.ids()[i]));
      }
    }
    return out.toPartials();
  }

  private static boolean unitCoefficient(FieldType f) {
    return f == FieldType.DENG || f == FieldType.MMD;
  }

  /**
   * ℓ (without log w) into {@code ell} and the coefficient c into {@code w}, with in-place
   * operations on preallocated tiles only ({@code s1}, {@code s2} are scratch).
   */
  private static void logWeights(KernelSpec k, FieldType field, INDArray r, INDArray r2,
      INDArray ell, INDArray w, INDArray s1, INDArray s2) {
    double tau = k.tau();
    boolean sharp = field == FieldType.SHARP;
    switch (k.family()) {
      case GAUSSIAN -> {
        ell.assign(r2).muli(-0.5 / (tau * tau));
        if (sharp) {
          ell.addi(2 * Math.log(tau));
        }
        w.assign(1.0 / (tau * tau));
      }
      case LAPLACE -> {
        ell.assign(r).muli(-1.0 / tau);
        if (sharp) {
          s1.assign(r).addi(tau); // r + τ
          w.assign(s1).muli(tau).rdivi(1.0); // 1/(τ(r+τ))
          Transforms.log(s1, false);
          ell.addi(s1).addi(Math.log(tau));
        } else {
          w.assign(r).muli(tau).rdivi(1.0); // 1/(τ r)
        }
      }
      case MATERN32 -> {
        s1.assign(r).muli(Math.sqrt(3.0) / tau); // a
        if (sharp) {
          s2.assign(r).muli(Math.sqrt(3.0) * tau).addi(r2).addi(tau * tau); // r² + √3τr + τ²
          ell.assign(s2);
          Transforms.log(ell, false);
          ell.subi(s1); // log κ♯
          w.assign(s1).addi(1.0).divi(s2); // (1+a)/poly
        } else {
          ell.assign(s1).addi(1.0);
          Transforms.log(ell, false);
          ell.subi(s1); // log(1+a) − a
          w.assign(s1).addi(1.0).rdivi(3.0 / (tau * tau)); // 3/(τ²(1+a))
        }
      }
      case MATERN52 -> {
        s1.assign(r).muli(Math.sqrt(5.0) / tau); // a
        s2.assign(s1).muli(s1).muli(1.0 / 3.0).addi(s1).addi(1.0); // 1 + a + a²/3
        if (sharp) {
          ell.assign(s1).negi(); // −a
          s1.muli(tau * tau); // √5·τ·r
          w.assign(r).muli(Math.sqrt(5.0) / (3.0 * tau)).addi(2.0).muli(r2).addi(s1)
              .addi(tau * tau); // √5r³/(3τ) + 2r² + √5τr + τ²
          s1.assign(w);
          Transforms.log(s1, false);
          ell.addi(s1); // log κ♯
          w.rdivi(s2); // κ/κ♯ = (1 + a + a²/3)/poly
        } else {
          ell.assign(s2);
          Transforms.log(ell, false);
          ell.subi(s1); // log(1 + a + a²/3) − a
          w.assign(s1).addi(1.0).muli(5.0 / (3.0 * tau * tau)).divi(s2);
        }
      }
      case RQ -> {
        double alpha = k.alpha();
        s1.assign(r2).muli(0.5 / (alpha * tau * tau)); // b
        s2.assign(s1).addi(1.0);
        Transforms.log(s2, false); // log(1 + b)
        if (sharp) {
          ell.assign(s2).muli(1.0 - alpha).addi(Math.log(alpha * tau * tau / (alpha - 1)));
          w.assign(s1).addi(1.0).rdivi((alpha - 1) / (alpha * tau * tau));
        } else {
          ell.assign(s2).muli(-alpha);
          w.assign(s1).addi(1.0).rdivi(1.0 / (tau * tau));
        }
      }
      default -> throw new IllegalStateException("unsupported: " + k);
    }
    if (field == FieldType.MMD) {
      // ℓ' = log κ + log g; c = 1; the r = 0 terms are zero by convention.
      s1.assign(w);
      Transforms.log(s1, false);
      ell.addi(s1);
      BooleanIndexing.replaceWhere(ell, Double.NEGATIVE_INFINITY, Conditions.isInfinite());
    }
  }

  /** A query never interacts with its own copy: −∞ at the copy's column, if in this tile. */
  private static void applySelfMask(INDArray ell, QueryBatch q, int i0, int nb, Shard s, int j0,
      int tile) {
    for (int i = 0; i < nb; i++) {
      for (int j : s.cpu.copiesOf(q.ids()[i0 + i])) {
        if (j >= j0 && j < j0 + tile) {
          ell.putScalar(i, j - j0, Double.NEGATIVE_INFINITY);
        }
      }
    }
  }

  @Override
  public DengCoded.ScaleSums scaleSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      Object shard) {
    DengCoded.of(spec, manifold);
    return coded.scaleSums(queries, ((Shard) shard).cpu);
  }

  @Override
  public DengCoded.RowSums rowSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, Object shard) {
    return coded.rowSums(queries, scale, FusedCpuEngine.temperatures(spec),
        ((Shard) shard).cpu);
  }

  @Override
  public DengCoded.Sums sums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, double[] rowLogSumExp, Object shard) {
    return coded.sums(queries, scale, FusedCpuEngine.temperatures(spec), rowLogSumExp,
        ((Shard) shard).cpu);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
