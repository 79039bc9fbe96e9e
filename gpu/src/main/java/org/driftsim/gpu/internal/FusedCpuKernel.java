package org.driftsim.gpu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.geometry.kernel.SphereSpectralKernel;

/**
 * The fused float32 partial-sum kernel for the CPU (MATH.md §3), written with the JDK's Vector
 * API. No N×M matrix exists: references are processed in tiles of {@link #TILE} that stay in the
 * L1 cache while every query of a block passes over them, and per (query, tile) the work is a
 * handful of monomorphic SIMD passes over tile-sized buffers:
 * <ol>
 *   <li>pair pass (per geometry): geodesic distance r, and the terms that turn the ambient
 *       difference y − x into log_x(y) = γ·(y − x + β·x) (R^d: γ = 1, β = 0; sphere factors:
 *       θ = 2·atan2(‖y−x‖, ‖y+x‖), γ = θ/sin θ, β = ‖y−x‖²/2; hyperboloid: the stable forms of
 *       {@link org.driftsim.geometry.Hyperboloid}, β = −q/2);
 *   <li>per temperature, log-weights ℓ and coefficients c ({@link Float32Profiles}), which also
 *       returns the tile maximum m of ℓ;
 *   <li>e = exp(ℓ − m), the denominator Σe and weights e·c·γ;
 *   <li>per coordinate, Σ w·(y_k − x_k), and per factor Σ w·β; the numerator is their sum
 *       A + B·x, free of the cancellation of Σwy − xΣw. For Euclidean D ≤ 4 and S² this and the
 *       previous pass are one ({@code weighSmall}, {@code weighSphere2}).
 * </ol>
 * Transcendental functions come from {@link VectorMath}, so the bits do not depend on the JIT
 * tier. Tile results merge into float64 per-query accumulators with the log-sum-exp rule.
 * Spectral kernels (S² only, linear space) run a float64 scalar path.
 */
public final class FusedCpuKernel {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** References per tile: a multiple of the vector length, small enough for the L1 cache. */
  static final int TILE = 512;
  /** Queries per task handed to a worker thread. */
  static final int BLOCK = 128;
  /** From this Euclidean dimension on, distances and direction sums are matrix products. */
  static final int GEMM_MIN_DIMENSION = 16;

  private final ExecutorService pool;

  /** @param pool the worker threads; query blocks are spread over them */
  public FusedCpuKernel(ExecutorService pool) {
    this.pool = pool;
  }

  /** Copies a shard of references into the float32 layout of this kernel. */
  public Object upload(org.driftsim.geometry.field.ReferenceSet refs, Manifold manifold) {
    return new CpuShard(refs, manifold.ambientDimension(), F.length());
  }

  /** The partial sums of one resident shard for every field but {@code deng_coded}. */
  public Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries, Object handle) {
    CpuShard shard = (CpuShard) handle;
    int n = queries.size();
    int t = spec.temperatures();
    int d = manifold.ambientDimension();
    if (shard.dimension != d) {
      throw new IllegalArgumentException("shard has " + shard.dimension
          + " coordinates per point, the manifold " + d);
    }
    Output out = Output.empty(shard.side, t, n, d);

    boolean gemm = !spec.linear() && manifold.geometry() == Geometry.EUCLIDEAN
        && d >= GEMM_MIN_DIMENSION;
    GemmTiles.Matrix matrix = gemm ? shard.matrix() : null;
    if (gemm) {
      SINGLE_THREADED_BLAS.run();
    }
    List<Future<?>> tasks = new ArrayList<>();
    for (int start = 0; start < n; start += BLOCK) {
      int from = start;
      int to = Math.min(n, start + BLOCK);
      Runnable task = spec.linear()
          ? () -> new SpectralBlock(spec, manifold, queries, shard, out).run(from, to)
          : gemm ? () -> new GemmTiles(spec, queries, shard, matrix, out, BLOCK).run(from, to)
          : () -> new Block(spec, manifold, queries, shard, out).run(from, to);
      tasks.add(pool.submit(task));
    }
    await(tasks);
    if (spec.type() == FieldType.MMD) {
      for (int i = 0; i < n; i++) {
        out.setMmdDenominator(i, shard.weightWithout(queries.ids()[i]));
      }
    }
    return out.toPartials();
  }

  /** BLAS inside a worker stays on that worker's core: the workers already split the work. */
  private static final Runnable SINGLE_THREADED_BLAS = new Runnable() {
    private volatile boolean done;

    @Override
    public void run() {
      if (!done) {
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(1);
        done = true;
      }
    }
  };

  static void await(List<Future<?>> tasks) {
    try {
      for (Future<?> f : tasks) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing partial sums", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("partial sums failed", cause);
    }
  }

  /**
   * The partial sums of one shard being filled: every worker writes the slots of its own
   * queries. Tiles merge into it with the log-sum-exp rule; numerator and denominator share the
   * shift (mmd: numerator only, its denominator Σw is set separately).
   */
  record Output(Side side, int temperatures, int queries, int dimension, double[] denMax,
      double[] denSum, double[] numMax, double[] numSum) {

    /** The identity partials of a shard on one side. */
    static Output empty(Side side, int temperatures, int queries, int dimension) {
      int slots = 2 * temperatures * queries;
      double[] denMax = new double[slots];
      double[] numMax = new double[slots];
      Arrays.fill(denMax, Double.NEGATIVE_INFINITY);
      Arrays.fill(numMax, Double.NEGATIVE_INFINITY);
      return new Output(side, temperatures, queries, dimension, denMax, new double[slots],
          numMax, new double[slots * dimension]);
    }

    int slot(int t, int i) {
      return (side.ordinal() * temperatures + t) * queries + i;
    }

    /**
     * Merges a tile's (m, Σe, a) into slot; only one exp is needed while the running maximum
     * stays put.
     */
    void merge(int slot, double m, double tileSum, double[] a, int offset, boolean mmd) {
      double old = numMax[slot];
      int base = slot * dimension;
      if (old == Double.NEGATIVE_INFINITY) { // first contribution to this query
        numMax[slot] = m;
        System.arraycopy(a, offset, numSum, base, dimension);
        if (!mmd) {
          denMax[slot] = m;
          denSum[slot] = tileSum;
        }
        return;
      }
      double keep = m <= old ? 1.0 : Math.exp(old - m); // factor of the running sums
      double add = m <= old ? Math.exp(m - old) : 1.0; // factor of the tile's sums
      numMax[slot] = Math.max(old, m);
      for (int k = 0; k < dimension; k++) {
        numSum[base + k] = numSum[base + k] * keep + a[offset + k] * add;
      }
      if (!mmd) {
        denMax[slot] = numMax[slot];
        denSum[slot] = denSum[slot] * keep + tileSum * add;
      }
    }

    /** mmd's denominator: Σ w of the shard less the query's own copy. */
    void setMmdDenominator(int i, double total) {
      for (int t = 0; t < temperatures; t++) {
        int slot = slot(t, i);
        denMax[slot] = total > 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        denSum[slot] = total > 0 ? total : 0.0;
      }
    }

    Partials toPartials() {
      return Partials.of(queries, temperatures, dimension, denMax, denSum, numMax, numSum);
    }
  }

  /** Geometry of the pair pass. */
  private enum Kind { EUCLIDEAN, SPHERES, HYPERBOLOID }

  /** One worker's block of queries against every tile of the shard, with its own buffers. */
  private static final class Block {
    private final FieldSpec spec;
    private final QueryBatch queries;
    private final CpuShard shard;
    private final Output out;
    private final Kind kind;
    private final int d;
    private final int factors; // L (sphere: 1)
    private final int perFactor; // K
    private final Float32Profiles[] profiles;
    private final boolean unit;
    private final boolean mmd;
    // Tile buffers.
    private final float[] r = new float[TILE];
    private final float[] r2 = new float[TILE];
    private final float[] ell = new float[TILE];
    private final float[] coef = new float[TILE];
    private final float[] w = new float[TILE];
    private final float[] delta0 = new float[TILE]; // hyperboloid Δ₀
    private final float[][] gamma; // [L][TILE]
    private final float[][] beta; // [L][TILE]
    private final float[][] wl; // [L][TILE] per-factor weights when L > 1
    private final float[] x;
    private final boolean small; // Euclidean with D ≤ 4: unrolled passes
    private final boolean smallSphere; // S²: unrolled passes
    private final boolean squares; // whether the kernels read r² (S² stores it only then)
    private final float[] zeros = new float[TILE];
    // Per-temperature tile results.
    private final double[] a; // [D]
    private final double[] b; // [L]
    private final float[] lanes = VectorMath.scratch();

    Block(FieldSpec spec, Manifold manifold, QueryBatch queries, CpuShard shard, Output out) {
      this.spec = spec;
      this.queries = queries;
      this.shard = shard;
      this.out = out;
      this.d = manifold.ambientDimension();
      Geometry g = manifold.geometry();
      this.kind = g == Geometry.EUCLIDEAN ? Kind.EUCLIDEAN
          : g == Geometry.HYPERBOLOID ? Kind.HYPERBOLOID : Kind.SPHERES;
      this.factors = manifold instanceof FisherRaoSimplex s ? s.sequenceLength() : 1;
      this.perFactor = d / factors;
      this.profiles = new Float32Profiles[spec.temperatures()];
      for (int t = 0; t < profiles.length; t++) {
        profiles[t] = new Float32Profiles(spec.kernels().get(t), spec.type());
      }
      this.unit = profiles[0].unitCoefficient();
      this.mmd = spec.type() == FieldType.MMD;
      this.gamma = new float[factors][TILE];
      this.beta = new float[factors][TILE];
      this.wl = factors > 1 ? new float[factors][TILE] : null;
      this.x = new float[d];
      this.small = kind == Kind.EUCLIDEAN && d <= 4;
      this.smallSphere = kind == Kind.SPHERES && factors == 1 && d == 3;
      boolean anySquares = false;
      for (Float32Profiles p : profiles) {
        anySquares |= p.readsSquares();
      }
      this.squares = anySquares;
      this.a = new double[d];
      this.b = new double[factors];
    }

    void run(int from, int to) {
      for (int j0 = 0; j0 < shard.padded; j0 += TILE) {
        int n = Math.min(TILE, shard.padded - j0);
        for (int i = from; i < to; i++) {
          tile(i, j0, n);
        }
      }
    }

    private void tile(int i, int j0, int n) {
      double[] xi = queries.points()[i];
      for (int k = 0; k < d; k++) {
        x[k] = (float) xi[k];
      }
      switch (kind) {
        case EUCLIDEAN -> euclideanPairs(j0, n);
        case SPHERES -> spherePairs(j0, n);
        case HYPERBOLOID -> hyperboloidPairs(j0, n);
        default -> throw new IllegalStateException("unreachable");
      }
      int[] self = shard.copiesOf(queries.ids()[i]);
      for (int t = 0; t < profiles.length; t++) {
        float m = profiles[t].fill(r, r2, shard.logWeight, j0, n, ell, unit ? null : coef);
        for (int j : self) {
          if (j >= j0 && j < j0 + n) {
            ell[j - j0] = Float.NEGATIVE_INFINITY; // a query never interacts with its copy
            m = max(n);
          }
        }
        if (m == Float.NEGATIVE_INFINITY) {
          continue; // nothing in this tile (padding, zero weights, own copy)
        }
        double s;
        if (small) {
          s = weighSmall(j0, n, m);
        } else if (smallSphere) {
          s = weighSphere2(j0, n, m);
        } else {
          s = weights(n, m);
          accumulate(j0, n);
        }
        merge(i, t, m, s);
      }
    }

    private void euclideanPairs(int j0, int n) {
      float[][] y = shard.coordinates;
      if (small) {
        float[] y0 = y[0];
        float[] y1 = d > 1 ? y[1] : zeros;
        float[] y2 = d > 2 ? y[2] : zeros;
        float[] y3 = d > 3 ? y[3] : zeros;
        int z = d > 3 ? j0 : 0; // the zero array is one tile long
        float x0 = x[0];
        float x1 = d > 1 ? x[1] : 0f;
        float x2 = d > 2 ? x[2] : 0f;
        float x3 = d > 3 ? x[3] : 0f;
        int o1 = d > 1 ? j0 : 0;
        int o2 = d > 2 ? j0 : 0;
        for (int j = 0; j < n; j += F.length()) {
          FloatVector d0 = FloatVector.fromArray(F, y0, j0 + j).sub(x0);
          FloatVector d1 = FloatVector.fromArray(F, y1, o1 + j).sub(x1);
          FloatVector d2 = FloatVector.fromArray(F, y2, o2 + j).sub(x2);
          FloatVector d3 = FloatVector.fromArray(F, y3, z + j).sub(x3);
          FloatVector acc = d0.mul(d0).add(d1.mul(d1)).add(d2.fma(d2, d3.mul(d3)));
          acc.intoArray(r2, j);
          acc.lanewise(VectorOperators.SQRT).intoArray(r, j);
        }
        return;
      }
      for (int j = 0; j < n; j += F.length()) {
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0; k < d; k++) {
          FloatVector diff = FloatVector.fromArray(F, y[k], j0 + j).sub(x[k]);
          acc = diff.fma(diff, acc);
        }
        acc.intoArray(r2, j);
        acc.lanewise(VectorOperators.SQRT).intoArray(r, j);
      }
    }

    // Sphere factors, from ‖y−x‖² and ‖y+x‖²: θ = 2·atan(‖y−x‖/‖y+x‖) (stable at 0 and π),
    // γ = θ/sin θ, β = ‖y−x‖²/2. Written out in each loop: a helper method returning vectors is
    // not always inlined, and then every vector is boxed on the heap.
    private void spherePairs(int j0, int n) {
      float[][] y = shard.coordinates;
      if (factors == 1 && d == 3) {
        sphere2Pairs(y, j0, n);
        return;
      }
      for (int j = 0; j < n; j += F.length()) {
        FloatVector total = FloatVector.zero(F);
        for (int l = 0; l < factors; l++) {
          FloatVector chord2 = FloatVector.zero(F);
          FloatVector sum2 = FloatVector.zero(F);
          for (int k = l * perFactor; k < (l + 1) * perFactor; k++) {
            FloatVector yk = FloatVector.fromArray(F, y[k], j0 + j);
            FloatVector diff = yk.sub(x[k]);
            FloatVector plus = yk.add(x[k]);
            chord2 = diff.fma(diff, chord2);
            sum2 = plus.fma(plus, sum2);
          }
          // θ = 2·atan(c/s), c = ‖y−x‖, s = ‖y+x‖ (stable at 0 and π); sin θ = 2cs/(c² + s²),
          // so γ = θ/sin θ = θ(c² + s²)/(2cs): one square root (of c²s²) and two divisions.
          FloatVector cs = chord2.mul(sum2).lanewise(VectorOperators.SQRT);
          FloatVector theta = VectorMath.atanOfRoots(chord2, sum2, cs).mul(2f);
          // γ → 1 as θ → 0; within float32 rounding of antipodal: the zero vector (MATH.md §1)
          theta.mul(chord2.add(sum2)).div(cs.add(cs))
              .blend(1f, chord2.compare(VectorOperators.EQ, 0f))
              .blend(0f, sum2.compare(VectorOperators.LT, chord2.mul(1e-30f)))
              .intoArray(gamma[l], j);
          chord2.mul(0.5f).intoArray(beta[l], j);
          total = theta.fma(theta, total);
        }
        total.intoArray(r2, j);
        total.lanewise(VectorOperators.SQRT).intoArray(r, j);
      }
    }

    /** S²: the factor loop unrolled, and r = θ directly. */
    private void sphere2Pairs(float[][] y, int j0, int n) {
      float x0 = x[0];
      float x1 = x[1];
      float x2 = x[2];
      for (int j = 0; j < n; j += F.length()) {
        FloatVector y0 = FloatVector.fromArray(F, y[0], j0 + j);
        FloatVector y1 = FloatVector.fromArray(F, y[1], j0 + j);
        FloatVector y2 = FloatVector.fromArray(F, y[2], j0 + j);
        FloatVector d0 = y0.sub(x0);
        FloatVector d1 = y1.sub(x1);
        FloatVector d2 = y2.sub(x2);
        FloatVector p0 = y0.add(x0);
        FloatVector p1 = y1.add(x1);
        FloatVector p2 = y2.add(x2);
        FloatVector chord2 = d2.fma(d2, d1.fma(d1, d0.mul(d0)));
        FloatVector sum2 = p2.fma(p2, p1.fma(p1, p0.mul(p0)));
        // θ = 2·atan(c/s), c = ‖y−x‖, s = ‖y+x‖ (stable at 0 and π); sin θ = 2cs/(c² + s²),
        // so γ = θ/sin θ = (θ/2)(c² + s²)/(cs): one square root (of c²s²) and two divisions.
        FloatVector product = chord2.mul(sum2);
        FloatVector cs = product.lanewise(VectorOperators.SQRT);
        FloatVector half = VectorMath.atanOfRoots(chord2, sum2, cs);
        // γ = (θ/2)(c² + s²)·cs/(c²s² + 1e−37): the tiny term only matters where c²s² is
        // subnormal, and makes γ = 0 at y = x (where γ only ever multiplies y − x = 0 and
        // β = 0) and at y = −x (the zero vector, MATH.md §1) without a blend.
        half.mul(chord2.add(sum2)).mul(cs).div(product.add(1e-37f)).intoArray(gamma[0], j);
        chord2.intoArray(beta[0], j); // 2β: halved once per tile in weighSphere2
        FloatVector theta = half.add(half);
        theta.intoArray(r, j);
        if (squares) {
          theta.mul(theta).intoArray(r2, j);
        }
      }
    }

    private void hyperboloidPairs(int j0, int n) {
      float[][] y = shard.coordinates;
      for (int j = 0; j < n; j += F.length()) {
        FloatVector spatial = FloatVector.zero(F);
        FloatVector cross = FloatVector.zero(F);
        for (int k = 1; k < d; k++) {
          FloatVector yk = FloatVector.fromArray(F, y[k], j0 + j);
          FloatVector diff = yk.sub(x[k]);
          spatial = diff.fma(diff, spatial);
          cross = diff.fma(yk.add(x[k]), cross);
        }
        FloatVector d0 = cross.div(FloatVector.fromArray(F, y[0], j0 + j).add(x[0]));
        d0.intoArray(delta0, j);
        FloatVector q = spatial.sub(d0.mul(d0)).max(0f);
        FloatVector root = q.lanewise(VectorOperators.SQRT);
        FloatVector z = root.mul(0.5f);
        FloatVector zz = z.mul(z);
        // asinh(z) = log1p(z + z²/(1 + sqrt(1 + z²)))
        FloatVector theta = VectorMath.log1p(
            z.add(zz.div(zz.add(1f).lanewise(VectorOperators.SQRT).add(1f)))).mul(2f);
        FloatVector sinh = root.mul(q.mul(0.25f).add(1f).lanewise(VectorOperators.SQRT));
        theta.div(sinh).blend(1f, q.compare(VectorOperators.EQ, 0f)).intoArray(gamma[0], j);
        q.mul(-0.5f).intoArray(beta[0], j);
        theta.intoArray(r, j);
        theta.mul(theta).intoArray(r2, j);
      }
    }

    private float max(int n) {
      return Float32Profiles.max(ell, n);
    }

    /** e = exp(ℓ − m); returns Σe and fills the weights e·c·γ. */
    private double weights(int n, float m) {
      FloatVector sum = FloatVector.zero(F);
      boolean gam = kind != Kind.EUCLIDEAN;
      for (int j = 0; j < n; j += F.length()) {
        FloatVector e = VectorMath.exp(FloatVector.fromArray(F, ell, j).sub(m));
        sum = sum.add(e);
        FloatVector v = unit ? e : e.mul(FloatVector.fromArray(F, coef, j));
        if (!gam) {
          v.intoArray(w, j);
        } else if (factors == 1) {
          v.mul(FloatVector.fromArray(F, gamma[0], j)).intoArray(w, j);
        } else {
          for (int l = 0; l < factors; l++) {
            v.mul(FloatVector.fromArray(F, gamma[l], j)).intoArray(wl[l], j);
          }
        }
      }
      return VectorMath.sum(sum, lanes);
    }

    /** A_k = Σ w (y_k − x_k) (hyperboloid k = 0: Σ w Δ₀) and B_l = Σ w β_l. */
    private void accumulate(int j0, int n) {
      float[][] y = shard.coordinates;
      for (int k = 0; k < d; k++) {
        float[] wk = factors == 1 ? w : wl[k / perFactor];
        FloatVector acc = FloatVector.zero(F);
        if (kind == Kind.HYPERBOLOID && k == 0) {
          for (int j = 0; j < n; j += F.length()) {
            acc = FloatVector.fromArray(F, wk, j).fma(FloatVector.fromArray(F, delta0, j), acc);
          }
        } else {
          float xk = x[k];
          for (int j = 0; j < n; j += F.length()) {
            FloatVector diff = FloatVector.fromArray(F, y[k], j0 + j).sub(xk);
            acc = FloatVector.fromArray(F, wk, j).fma(diff, acc);
          }
        }
        a[k] = VectorMath.sum(acc, lanes);
      }
      if (kind != Kind.EUCLIDEAN) {
        for (int l = 0; l < factors; l++) {
          float[] wk = factors == 1 ? w : wl[l];
          FloatVector acc = FloatVector.zero(F);
          for (int j = 0; j < n; j += F.length()) {
            acc = FloatVector.fromArray(F, wk, j).fma(FloatVector.fromArray(F, beta[l], j), acc);
          }
          b[l] = VectorMath.sum(acc, lanes);
        }
      }
    }

    /**
     * S², weights and sums in one call-free pass: e = exp(ℓ − m), w = e·c·γ,
     * A_k = Σ w (y_k − x_k), B = Σ w β; returns Σe.
     */
    private double weighSphere2(int j0, int n, float m) {
      float[][] y = shard.coordinates;
      float[] g = gamma[0];
      float x0 = x[0];
      float x1 = x[1];
      float x2 = x[2];
      float[] bl = beta[0];
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector b0 = a0;
      FloatVector sum = a0;
      for (int j = 0; j < n; j += F.length()) {
        FloatVector e = VectorMath.exp(FloatVector.fromArray(F, ell, j).sub(m));
        sum = sum.add(e);
        FloatVector v = unit ? e : e.mul(FloatVector.fromArray(F, coef, j));
        FloatVector wv = v.mul(FloatVector.fromArray(F, g, j));
        a0 = wv.fma(FloatVector.fromArray(F, y[0], j0 + j).sub(x0), a0);
        a1 = wv.fma(FloatVector.fromArray(F, y[1], j0 + j).sub(x1), a1);
        a2 = wv.fma(FloatVector.fromArray(F, y[2], j0 + j).sub(x2), a2);
        b0 = wv.fma(FloatVector.fromArray(F, bl, j), b0);
      }
      a[0] = VectorMath.sum(a0, lanes);
      a[1] = VectorMath.sum(a1, lanes);
      a[2] = VectorMath.sum(a2, lanes);
      b[0] = 0.5 * VectorMath.sum(b0, lanes); // the pair pass stored 2β = ‖y−x‖²
      return VectorMath.sum(sum, lanes);
    }

    /**
     * Euclidean D ≤ 4, weights and sums in one call-free pass with four independent FMA chains:
     * e = exp(ℓ − m), w = e·c, A_k = Σ w (y_k − x_k); returns Σe.
     */
    private double weighSmall(int j0, int n, float m) {
      float[][] y = shard.coordinates;
      float[] y0 = y[0];
      float[] y1 = d > 1 ? y[1] : zeros;
      float[] y2 = d > 2 ? y[2] : zeros;
      float[] y3 = d > 3 ? y[3] : zeros;
      int o1 = d > 1 ? j0 : 0;
      int o2 = d > 2 ? j0 : 0;
      int o3 = d > 3 ? j0 : 0;
      float x0 = x[0];
      float x1 = d > 1 ? x[1] : 0f;
      float x2 = d > 2 ? x[2] : 0f;
      float x3 = d > 3 ? x[3] : 0f;
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector sum = a0;
      for (int j = 0; j < n; j += F.length()) {
        FloatVector e = VectorMath.exp(FloatVector.fromArray(F, ell, j).sub(m));
        sum = sum.add(e);
        FloatVector wv = unit ? e : e.mul(FloatVector.fromArray(F, coef, j));
        a0 = wv.fma(FloatVector.fromArray(F, y0, j0 + j).sub(x0), a0);
        a1 = wv.fma(FloatVector.fromArray(F, y1, o1 + j).sub(x1), a1);
        a2 = wv.fma(FloatVector.fromArray(F, y2, o2 + j).sub(x2), a2);
        a3 = wv.fma(FloatVector.fromArray(F, y3, o3 + j).sub(x3), a3);
      }
      a[0] = VectorMath.sum(a0, lanes);
      if (d > 1) {
        a[1] = VectorMath.sum(a1, lanes);
      }
      if (d > 2) {
        a[2] = VectorMath.sum(a2, lanes);
      }
      if (d > 3) {
        a[3] = VectorMath.sum(a3, lanes);
      }
      return VectorMath.sum(sum, lanes);
    }

    /** Merges the tile's (m, Σe, A + B·x) into the query's float64 partials. */
    private void merge(int i, int t, float tileMax, double tileSum) {
      if (kind != Kind.EUCLIDEAN) {
        double[] xi = queries.points()[i];
        for (int k = 0; k < d; k++) {
          a[k] += b[k / perFactor] * xi[k];
        }
      }
      out.merge(out.slot(t, i), tileMax, tileSum, a, 0, mmd);
    }
  }

  /**
   * Spectral kernels on S² in float64 from the shard's float64 points (linear space; a
   * truncated series can be negative and its field ill-conditioned, so float32 coordinates
   * alone lose up to 1e-3). Not a fast path: O(lmax) per pair.
   */
  private static final class SpectralBlock {
    private final FieldSpec spec;
    private final QueryBatch queries;
    private final CpuShard shard;
    private final Output out;
    private final SphereSpectralKernel[] kernels;

    SpectralBlock(FieldSpec spec, Manifold manifold, QueryBatch queries, CpuShard shard,
        Output out) {
      this.spec = spec;
      this.queries = queries;
      this.shard = shard;
      this.out = out;
      this.kernels = new SphereSpectralKernel[spec.temperatures()];
      for (int t = 0; t < kernels.length; t++) {
        KernelSpec k = spec.kernels().get(t);
        kernels[t] = (SphereSpectralKernel) k.bind(manifold);
      }
    }

    void run(int from, int to) {
      int d = 3;
      double[] u = new double[d];
      double[] slope = new double[1];
      for (int i = from; i < to; i++) {
        double[] x = queries.points()[i];
        long id = queries.ids()[i];
        double[] den = new double[kernels.length];
        double[][] num = new double[kernels.length][d];
        boolean[] any = new boolean[kernels.length];
        for (int j = 0; j < shard.size; j++) {
          if (id != org.driftsim.geometry.field.ReferenceSet.NO_ID && shard.ids[j] == id) {
            continue;
          }
          double wj = shard.weight[j];
          if (wj == 0) {
            continue;
          }
          // t = 1 − s with s = ‖y−x‖²/2 (accurate near t = 1); y − t x = (y − x) + s x.
          double chord2 = 0;
          double plus2 = 0;
          double[] y = shard.points[j];
          for (int k = 0; k < d; k++) {
            double diff = y[k] - x[k];
            double sum = y[k] + x[k];
            chord2 += diff * diff;
            plus2 += sum * sum;
          }
          double s = 0.5 * chord2;
          double cosine = 1.0 - s;
          for (int k = 0; k < d; k++) {
            u[k] = (y[k] - x[k]) + s * x[k];
          }
          double scale = 1.0;
          if (spec.type() == FieldType.DENG) {
            double chord = Math.sqrt(chord2);
            double plus = Math.sqrt(plus2);
            double theta = 2.0 * Math.atan2(chord, plus);
            scale = chord2 == 0 ? 1.0 : plus2 == 0 ? 0.0 : theta / (0.5 * chord * plus);
          }
          for (int t = 0; t < kernels.length; t++) {
            double k = kernels[t].valueAndDerivativeAtCosine(cosine, slope);
            double c;
            switch (spec.type()) {
              case DENG -> {
                den[t] += wj * k;
                c = wj * k * scale;
              }
              case GRADIENT -> {
                den[t] += wj * k;
                c = wj * slope[0];
              }
              case MMD -> {
                den[t] += wj;
                c = wj * slope[0];
              }
              default -> throw new IllegalStateException("unreachable: " + spec.type());
            }
            any[t] = true;
            for (int q = 0; q < d; q++) {
              num[t][q] += c * u[q];
            }
          }
        }
        for (int t = 0; t < kernels.length; t++) {
          if (!any[t]) {
            continue;
          }
          int slot = out.slot(t, i);
          out.denMax()[slot] = 0.0;
          out.denSum()[slot] = den[t];
          out.numMax()[slot] = 0.0;
          System.arraycopy(num[t], 0, out.numSum(), slot * d, d);
        }
      }
    }
  }
}
