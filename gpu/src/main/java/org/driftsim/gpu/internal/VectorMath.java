package org.driftsim.gpu.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementary functions on float32 vectors built only from correctly rounded IEEE operations
 * (add, sub, mul, div, fma, sqrt, compare, blend, bit reinterpretation), so that every lane gets
 * the same bits whether the JIT has compiled the caller, C1 runs it, or the interpreter does.
 *
 * <p>Why not {@code lanewise(EXP)} and friends: on JDK 17 the JIT-compiled form calls an SVML
 * stub while the interpreter and C1 fall back to {@code Math.exp} per lane; the two differ in the
 * last bits, so a field computed twice by the same JVM — or by a resumed job in a fresh JVM —
 * came out different (seen in the three-node cluster test). Written inline, these functions are
 * also cheaper than the out-of-line stub and keep the caller's vectors in registers.
 *
 * <p>Accuracy (checked against {@code Math} in float64 by {@code VectorMathTest}), in ulp of the
 * correctly rounded float32 result on the documented domains: exp 2, log 3, log1p 4, the angle
 * of {@link #atanOfRoots} 3 — far inside the engine's 1e−4 parity budget. Range reductions are
 * the textbook ones: {@code exp} by powers of two with a Taylor polynomial of degree 7 on
 * |r| ≤ ln2/2; {@code log} by the exponent and the series log m = 2 atanh((m−1)/(m+1)) on
 * m ∈ [√½, √2); {@code log1p} by Goldberg's correction log1p(x) = log(1+x)·x/((1+x)−1); the
 * arctangent of a ratio t = c/s ≥ 0 by atan t = π/2 − atan(1/t) and
 * atan t = π/4 + atan((t−1)/(t+1)) to |v| ≤ tan(π/8), then a fitted odd polynomial of degree 11.
 */
final class VectorMath {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer (ties to even). */
  private static final float MAGIC = 12582912f;
  private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
  private static final float LOG2E = (float) (1.0 / Math.log(2.0));
  /** ln 2 split so that n·LN2_HI is exact for |n| ≤ 2⁸. */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = (float) (Math.log(2.0) - 0.693359375);
  /** Below this, exp flushes to 0 (e^−86 ≈ 4e−38, the float32 normal range ends near e^−87.3). */
  static final float EXP_FLUSH = -86f;
  private static final float EXP_MAX = 88f;
  private static final float SQRT_HALF = (float) Math.sqrt(0.5);
  private static final float TAN_PI_8 = (float) Math.tan(Math.PI / 8);
  private static final float TAN_3PI_8 = (float) Math.tan(3 * Math.PI / 8);
  private static final float PI_4 = (float) (Math.PI / 4);
  private static final float PI_2 = (float) (Math.PI / 2);

  // Taylor coefficients 1/k! of exp.
  private static final float E2 = 1f / 2;
  private static final float E3 = 1f / 6;
  private static final float E4 = 1f / 24;
  private static final float E5 = 1f / 120;
  private static final float E6 = 1f / 720;
  private static final float E7 = 1f / 5040;

  // atan v = v + v³·P(v²) on |v| ≤ tan(π/8), fitted by gpu/tools/fit_atan.py.
  private static final float ATAN_A0 = -0.33333316445350647f;
  private static final float ATAN_A1 = 0.19998489320278168f;
  private static final float ATAN_A2 = -0.14243848621845245f;
  private static final float ATAN_A3 = 0.10596001148223877f;
  private static final float ATAN_A4 = -0.060834530740976334f;

  private VectorMath() {}

  /**
   * e^x for x ≤ 88; lanes with x < {@value #EXP_FLUSH} (and −∞) give exactly 0. Every caller
   * exponentiates ℓ − max ℓ ≤ 0, where a term below e^−86 of the largest one is invisible.
   */
  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(EXP_FLUSH).min(EXP_MAX);
    FloatVector shifted = xc.mul(LOG2E).add(MAGIC); // n + MAGIC, n = round(x / ln 2)
    FloatVector n = shifted.sub(MAGIC);
    IntVector scale = shifted.reinterpretAsInts().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 23);
    FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_LO),
        n.fma(FloatVector.broadcast(F, -LN2_HI), xc)); // |r| ≤ ln2/2
    FloatVector p = r.fma(E7, E6);
    p = p.fma(r, FloatVector.broadcast(F, E5));
    p = p.fma(r, FloatVector.broadcast(F, E4));
    p = p.fma(r, FloatVector.broadcast(F, E3));
    p = p.fma(r, FloatVector.broadcast(F, E2));
    p = p.fma(r, FloatVector.broadcast(F, 1f));
    // p ∈ [0.70, 1.42]: 2ⁿ·p stays normal for n ≥ −124
    p = p.fma(r, FloatVector.broadcast(F, 1f));
    FloatVector e = p.reinterpretAsInts().add(scale).reinterpretAsFloats();
    return e.blend(0f, x.compare(VectorOperators.LT, EXP_FLUSH));
  }

  /** ln x for normal x > 0 and x = +∞; x = 0 gives −∞. Not for subnormal or negative x. */
  static FloatVector log(FloatVector x) {
    IntVector bits = x.reinterpretAsInts();
    // x = 2^e·m with m ∈ [1, 2); exponents come out as floats by the MAGIC trick (exact).
    IntVector exponent = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
    FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats();
    FloatVector e = exponent.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC);
    VectorMask<Float> high = m.compare(VectorOperators.GT, 2f * SQRT_HALF);
    m = m.blend(m.mul(0.5f), high); // m ∈ [√½, √2)
    e = e.blend(e.add(1f), high);
    FloatVector s = m.sub(1f).div(m.add(1f)); // |s| ≤ 0.1716; m − 1 is exact
    FloatVector s2 = s.mul(s);
    FloatVector p = s2.fma(1f / 9, 1f / 7);
    p = p.fma(s2, FloatVector.broadcast(F, 1f / 5));
    p = p.fma(s2, FloatVector.broadcast(F, 1f / 3));
    p = p.fma(s2, FloatVector.broadcast(F, 1f));
    FloatVector logM = s.add(s).mul(p);
    FloatVector result = e.fma(FloatVector.broadcast(F, LN2_HI),
        e.fma(FloatVector.broadcast(F, LN2_LO), logM));
    return result
        .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
        .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
  }

  /** ln(1 + x) for finite x ≥ 0, accurate for tiny x. */
  static FloatVector log1p(FloatVector x) {
    FloatVector u = x.add(1f);
    FloatVector um1 = u.sub(1f); // exact
    // log1p(x) = log(u)·x/(u − 1) corrects the rounding of 1 + x (Goldberg 1991, Thm. 4).
    VectorMask<Float> tiny = um1.compare(VectorOperators.EQ, 0f);
    FloatVector ratio = x.div(um1.blend(1f, tiny));
    return log(u).mul(ratio).blend(x, tiny);
  }

  /**
   * atan(c/s) for c = √c2, s = √s2 (c2, s2 ≥ 0, not both 0), given only c2, s2 and cs = √(c2·s2):
   * one square root instead of two, and one division, since c/s = cs/s2,
   * (c−s)/(c+s) = (c2−s2)/(c2+s2+2cs) and −s/c = −cs/c2. On the sphere c = ‖y−x‖, s = ‖y+x‖
   * and the angle is 2·atan(c/s).
   */
  static FloatVector atanOfRoots(FloatVector c2, FloatVector s2, FloatVector cs) {
    // The reduction to |v| ≤ tan(π/8) picks v = c/s, (c−s)/(c+s) (offset π/4) or −s/c (offset
    // π/2) by blending numerator and denominator before the one division.
    VectorMask<Float> mid = c2.compare(VectorOperators.GT, s2.mul(TAN_PI_8 * TAN_PI_8));
    VectorMask<Float> big = c2.compare(VectorOperators.GT, s2.mul(TAN_3PI_8 * TAN_3PI_8));
    FloatVector num = cs.blend(c2.sub(s2), mid).blend(cs.neg(), big);
    FloatVector den = s2.blend(c2.add(s2).add(cs.add(cs)), mid).blend(c2, big);
    return reducedAtan(num.div(den), mid, big);
  }

  /**
   * offset + atan v, |v| ≤ tan(π/8), offset π/4 (mid) or π/2 (big): atan v = v + v³·P(v²) with
   * P of degree 4 fitted to relative error 7e−10 (gpu/tools/fit_atan.py).
   */
  private static FloatVector reducedAtan(FloatVector v, VectorMask<Float> mid,
      VectorMask<Float> big) {
    FloatVector v2 = v.mul(v);
    FloatVector p = v2.fma(ATAN_A4, ATAN_A3);
    p = p.fma(v2, FloatVector.broadcast(F, ATAN_A2));
    p = p.fma(v2, FloatVector.broadcast(F, ATAN_A1));
    p = p.fma(v2, FloatVector.broadcast(F, ATAN_A0));
    FloatVector atanV = v.mul(v2).fma(p, v);
    FloatVector offset = FloatVector.zero(F).blend(PI_4, mid).blend(PI_2, big);
    return offset.add(atanV);
  }

  /**
   * The sum of the lanes in lane order, in float64: unlike {@code reduceLanes(ADD)}, whose order
   * the JIT may choose, the same bits in every tier. {@code scratch} holds one vector.
   */
  static double sum(FloatVector v, float[] scratch) {
    v.intoArray(scratch, 0);
    double s = 0;
    for (int l = 0; l < scratch.length; l++) {
      s += scratch[l];
    }
    return s;
  }

  /** A scratch buffer for {@link #sum}. */
  static float[] scratch() {
    return new float[F.length()];
  }
}
