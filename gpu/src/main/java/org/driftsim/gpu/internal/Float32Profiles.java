package org.driftsim.gpu.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.geometry.kernel.RadialProfile;

/**
 * The per-pair log-weights and coefficients of every radial kernel × field in float32, as
 * monomorphic SIMD loops over a tile of distances (one loop per kernel family, chosen once per
 * tile, so the JIT keeps every vector in registers).
 *
 * <p>For a pair at distance r with reference log-weight λ = log w the fused kernel needs one
 * log-weight ℓ and one coefficient c (MATH.md §3, written with a shared maximum):
 * <ul>
 *   <li>{@code deng}: ℓ = λ + log κ, c = 1 (numerator direction log_x y);
 *   <li>{@code gradient}: ℓ = λ + log κ, c = g(r) = −κ'(r)/(r κ(r)), because
 *       ∇k = −κ' log/r = κ·g·log;
 *   <li>{@code sharp}: ℓ = λ + log κ♯, c = κ/κ♯;
 *   <li>{@code mmd} (numerator only; the denominator is Σ w): ℓ = λ + log κ + log g, c = 1.
 * </ul>
 * g and κ/κ♯ are bounded for every kernel away from r = 0, so numerator and denominator share
 * the denominator's maximum without loss. At r = 0 the gradient is the zero vector by
 * convention: c = 0 there (and ℓ = −∞ for mmd).
 *
 * <p>The general Matérn kernel has no float32 closed form; it is evaluated in float64 from the
 * reference {@link RadialProfile} per pair (slow, exact), see {@link #scalarLoop}.
 */
final class Float32Profiles {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final float SQRT3 = (float) Math.sqrt(3.0);
  private static final float SQRT5 = (float) Math.sqrt(5.0);

  private final KernelSpec spec;
  private final FieldType field;
  private final float tau;
  private final float invTau;
  private final float invTau2;
  private final float logTau;
  private final float alpha;
  private final RadialProfile reference; // float64 fallback for the general Matérn kernel

  Float32Profiles(KernelSpec spec, FieldType field) {
    this.spec = spec;
    this.field = field;
    this.tau = (float) spec.tau();
    this.invTau = (float) (1.0 / spec.tau());
    this.invTau2 = (float) (1.0 / (spec.tau() * spec.tau()));
    this.logTau = (float) Math.log(spec.tau());
    this.alpha = spec.family() == KernelFamily.RQ ? (float) spec.alpha() : Float.NaN;
    this.reference = spec.profile();
  }

  /** Whether c ≡ 1 (no coefficient buffer needed). */
  boolean unitCoefficient() {
    return field == FieldType.DENG || field == FieldType.MMD;
  }

  /**
   * Fills {@code ell[0, n)} with ℓ and (unless {@link #unitCoefficient}) {@code coef[0, n)}
   * with c, from distances {@code r}, squared distances {@code r2} and log-weights
   * {@code logW[off, off+n)}; n is a multiple of the vector length. Returns max ℓ.
   */
  float fill(float[] r, float[] r2, float[] logW, int off, int n, float[] ell, float[] coef) {
    return switch (spec.family()) {
      case GAUSSIAN -> gaussian(r, r2, logW, off, n, ell, coef);
      case LAPLACE -> laplace(r, logW, off, n, ell, coef);
      case MATERN32 -> matern32(r, r2, logW, off, n, ell, coef);
      case MATERN52 -> matern52(r, r2, logW, off, n, ell, coef);
      case RQ -> rq(r, r2, logW, off, n, ell, coef);
      case MATERN -> scalarLoop(r, logW, off, n, ell, coef);
      default -> throw new IllegalStateException("not a radial kernel: " + spec);
    };
  }

  /** Whether {@link #fill} reads the squared distances (else only r). */
  boolean readsSquares() {
    return switch (spec.family()) {
      case GAUSSIAN, RQ -> true;
      case MATERN32, MATERN52 -> field == FieldType.SHARP;
      default -> false;
    };
  }

  /** The maximum of {@code ell[0, n)} with four independent chains (n a multiple of 4 lanes). */
  static float max(float[] ell, int n) {
    int step = F.length();
    FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    FloatVector m1 = m0;
    FloatVector m2 = m0;
    FloatVector m3 = m0;
    int j = 0;
    for (; j + 4 * step <= n; j += 4 * step) {
      m0 = m0.max(FloatVector.fromArray(F, ell, j));
      m1 = m1.max(FloatVector.fromArray(F, ell, j + step));
      m2 = m2.max(FloatVector.fromArray(F, ell, j + 2 * step));
      m3 = m3.max(FloatVector.fromArray(F, ell, j + 3 * step));
    }
    for (; j < n; j += step) {
      m0 = m0.max(FloatVector.fromArray(F, ell, j));
    }
    return m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
  }

  private static VectorMask<Float> zero(FloatVector r) {
    return r.compare(VectorOperators.EQ, 0f);
  }

  /** Stores ℓ (and c) of lanes j…; returns ℓ. */
  private FloatVector store(FloatVector logW, FloatVector logK, FloatVector logSharp,
      FloatVector g, FloatVector ratio, FloatVector r, float[] ell, float[] coef, int j) {
    VectorMask<Float> atZero = zero(r);
    FloatVector l;
    switch (field) {
      case DENG -> l = logW.add(logK);
      case GRADIENT -> {
        l = logW.add(logK);
        g.blend(0f, atZero).intoArray(coef, j);
      }
      case SHARP -> {
        l = logW.add(logSharp);
        ratio.intoArray(coef, j);
      }
      case MMD -> l = logW.add(logK).add(VectorMath.log(g)).blend(Float.NEGATIVE_INFINITY, atZero);
      default -> throw new IllegalStateException("unreachable: " + field);
    }
    l.intoArray(ell, j);
    return l;
  }

  private float gaussian(float[] r, float[] r2, float[] logW, int off, int n, float[] ell,
      float[] coef) {
    FloatVector top = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    float half = -0.5f * invTau2;
    FloatVector g = FloatVector.broadcast(F, invTau2);
    for (int j = 0; j < n; j += F.length()) {
      FloatVector d = FloatVector.fromArray(F, r, j);
      FloatVector logK = FloatVector.fromArray(F, r2, j).mul(half);
      FloatVector lw = FloatVector.fromArray(F, logW, off + j);
      top = top.max(store(lw, logK, logK.add(2f * logTau), g, g, d, ell, coef, j));
    }
    return top.reduceLanes(VectorOperators.MAX);
  }

  private float laplace(float[] r, float[] logW, int off, int n, float[] ell, float[] coef) {
    FloatVector top = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < n; j += F.length()) {
      FloatVector d = FloatVector.fromArray(F, r, j);
      FloatVector logK = d.mul(-invTau);
      FloatVector lw = FloatVector.fromArray(F, logW, off + j);
      FloatVector g = FloatVector.broadcast(F, 1f).div(d.mul(tau)); // 1/(τ r)
      FloatVector rPlusTau = d.add(tau);
      FloatVector logSharp = field == FieldType.SHARP
          ? VectorMath.log(rPlusTau).add(logTau).add(logK) : logK;
      FloatVector ratio = field == FieldType.SHARP
          ? FloatVector.broadcast(F, invTau).div(rPlusTau) : g;
      top = top.max(store(lw, logK, logSharp, g, ratio, d, ell, coef, j));
    }
    return top.reduceLanes(VectorOperators.MAX);
  }

  private float matern32(float[] r, float[] r2, float[] logW, int off, int n, float[] ell,
      float[] coef) {
    FloatVector top = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    float s = SQRT3 * invTau;
    float g0 = 3f * invTau2;
    for (int j = 0; j < n; j += F.length()) {
      FloatVector d = FloatVector.fromArray(F, r, j);
      FloatVector a = d.mul(s);
      FloatVector onePlusA = a.add(1f);
      FloatVector logK = VectorMath.log1p(a).sub(a);
      FloatVector lw = FloatVector.fromArray(F, logW, off + j);
      FloatVector g = FloatVector.broadcast(F, g0).div(onePlusA);
      FloatVector logSharp = logK;
      FloatVector ratio = g;
      if (field == FieldType.SHARP) {
        FloatVector poly = FloatVector.fromArray(F, r2, j).add(d.mul(SQRT3 * tau)).add(tau * tau);
        logSharp = VectorMath.log(poly).sub(a);
        ratio = onePlusA.div(poly);
      }
      top = top.max(store(lw, logK, logSharp, g, ratio, d, ell, coef, j));
    }
    return top.reduceLanes(VectorOperators.MAX);
  }

  private float matern52(float[] r, float[] r2, float[] logW, int off, int n, float[] ell,
      float[] coef) {
    FloatVector top = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    float s = SQRT5 * invTau;
    float g0 = 5f / 3f * invTau2;
    for (int j = 0; j < n; j += F.length()) {
      FloatVector d = FloatVector.fromArray(F, r, j);
      FloatVector a = d.mul(s);
      FloatVector quad = a.mul(a).mul(1f / 3f).add(a); // a + a²/3
      FloatVector logK = VectorMath.log1p(quad).sub(a);
      FloatVector lw = FloatVector.fromArray(F, logW, off + j);
      FloatVector g = a.add(1f).mul(g0).div(quad.add(1f));
      FloatVector logSharp = logK;
      FloatVector ratio = g;
      if (field == FieldType.SHARP) {
        FloatVector dd = FloatVector.fromArray(F, r2, j);
        FloatVector poly = dd.mul(d).mul(SQRT5 * invTau / 3f).add(dd.mul(2f))
            .add(d.mul(SQRT5 * tau)).add(tau * tau);
        logSharp = VectorMath.log(poly).sub(a);
        ratio = quad.add(1f).div(poly);
      }
      top = top.max(store(lw, logK, logSharp, g, ratio, d, ell, coef, j));
    }
    return top.reduceLanes(VectorOperators.MAX);
  }

  private float rq(float[] r, float[] r2, float[] logW, int off, int n, float[] ell,
      float[] coef) {
    FloatVector top = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    float b0 = 0.5f * invTau2 / alpha;
    float sharpConst = (float) Math.log(alpha * tau * tau / (alpha - 1.0));
    float ratioConst = (alpha - 1f) / (alpha * tau * tau);
    for (int j = 0; j < n; j += F.length()) {
      FloatVector d = FloatVector.fromArray(F, r, j);
      FloatVector b = FloatVector.fromArray(F, r2, j).mul(b0);
      FloatVector logBase = VectorMath.log1p(b);
      FloatVector logK = logBase.mul(-alpha);
      FloatVector lw = FloatVector.fromArray(F, logW, off + j);
      FloatVector onePlusB = b.add(1f);
      FloatVector g = FloatVector.broadcast(F, invTau2).div(onePlusB);
      FloatVector logSharp = logK;
      FloatVector ratio = g;
      if (field == FieldType.SHARP) {
        logSharp = logBase.mul(1f - alpha).add(sharpConst);
        ratio = FloatVector.broadcast(F, ratioConst).div(onePlusB);
      }
      top = top.max(store(lw, logK, logSharp, g, ratio, d, ell, coef, j));
    }
    return top.reduceLanes(VectorOperators.MAX);
  }

  /** Float64 evaluation through the reference profile (general Matérn: no float32 form). */
  private float scalarLoop(float[] r, float[] logW, int off, int n, float[] ell, float[] coef) {
    fillScalar(r, logW, off, n, ell, coef);
    return max(ell, n);
  }

  private void fillScalar(float[] r, float[] logW, int off, int n, float[] ell, float[] coef) {
    for (int j = 0; j < n; j++) {
      double d = r[j];
      double lw = logW[off + j];
      if (lw == Double.NEGATIVE_INFINITY) {
        ell[j] = Float.NEGATIVE_INFINITY;
        if (coef != null) {
          coef[j] = 0f;
        }
        continue;
      }
      double logK = reference.logValue(d);
      switch (field) {
        case DENG -> ell[j] = (float) (lw + logK);
        case GRADIENT -> {
          ell[j] = (float) (lw + logK);
          coef[j] = d == 0 ? 0f : (float) Math.exp(reference.logNegDerivative(d) - logK - Math.log(d));
        }
        case SHARP -> {
          double logSharp = reference.logSharp(d);
          ell[j] = (float) (lw + logSharp);
          coef[j] = (float) Math.exp(logK - logSharp);
        }
        case MMD -> ell[j] = d == 0 ? Float.NEGATIVE_INFINITY
            : (float) (lw + reference.logNegDerivative(d) - Math.log(d));
        default -> throw new IllegalStateException("unreachable: " + field);
      }
    }
  }
}
