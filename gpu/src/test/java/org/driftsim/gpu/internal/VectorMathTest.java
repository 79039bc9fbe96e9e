package org.driftsim.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against {@code Math} in float64, in ulp of the correctly rounded float32
 * result on each function's domain (exp 2, log 3, log1p 4, the angle of atanOfRoots 3), plus the
 * special values the kernels rely on.
 */
class VectorMathTest {
  private static final int LANES = VectorMath.F.length();

  /** The largest error in ulp of the float32 result over {@code xs}. */
  static double maxUlp(float[] xs, UnaryOperator<FloatVector> f, DoubleUnaryOperator exact) {
    float[] out = new float[LANES];
    double worst = 0;
    for (int i = 0; i + LANES <= xs.length; i += LANES) {
      f.apply(FloatVector.fromArray(VectorMath.F, xs, i)).intoArray(out, 0);
      for (int l = 0; l < LANES; l++) {
        double want = exact.applyAsDouble(xs[i + l]);
        double err = Math.abs(out[l] - want) / Math.ulp((float) want);
        assertTrue(Double.isFinite(err), "x = " + xs[i + l] + ": got " + out[l] + ", want " + want);
        worst = Math.max(worst, err);
      }
    }
    return worst;
  }

  static void assertUlp(double bound, float[] xs, UnaryOperator<FloatVector> f,
      DoubleUnaryOperator exact) {
    double worst = maxUlp(xs, f, exact);
    assertTrue(worst <= bound, "worst error " + worst + " ulp > " + bound);
  }

  static float[] uniform(int n, double lo, double hi, long seed) {
    Random r = new Random(seed);
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return xs;
  }

  static float[] logUniform(int n, double lo, double hi, long seed) {
    Random r = new Random(seed);
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }
    return xs;
  }

  static float first(FloatVector v) {
    return v.lane(0);
  }

  @Test
  void expIsWithinTwoUlpDownToTheFlushThreshold() {
    assertUlp(2, uniform(1 << 16, -86, 0, 1), VectorMath::exp, Math::exp);
    assertUlp(2, uniform(1 << 14, -1, 1, 2), VectorMath::exp, Math::exp);
    assertUlp(2, uniform(1 << 14, 0, 88, 3), VectorMath::exp, Math::exp);
  }

  @Test
  void expOfZeroIsOneAndBelowTheThresholdIsZero() {
    assertEquals(1f, first(VectorMath.exp(FloatVector.broadcast(VectorMath.F, 0f))));
    assertEquals(0f, first(VectorMath.exp(FloatVector.broadcast(VectorMath.F, -86.5f))));
    assertEquals(0f, first(VectorMath.exp(
        FloatVector.broadcast(VectorMath.F, Float.NEGATIVE_INFINITY))));
  }

  @Test
  void logIsWithinThreeUlp() {
    assertUlp(3, logUniform(1 << 16, 1e-37, 1e37, 4), VectorMath::log, Math::log);
    assertUlp(3, uniform(1 << 14, 0.5, 2, 5), VectorMath::log, Math::log);
    assertEquals(0f, first(VectorMath.log(FloatVector.broadcast(VectorMath.F, 1f))));
    assertEquals(Float.NEGATIVE_INFINITY, first(VectorMath.log(
        FloatVector.broadcast(VectorMath.F, 0f))));
    assertEquals(Float.POSITIVE_INFINITY, first(VectorMath.log(
        FloatVector.broadcast(VectorMath.F, Float.POSITIVE_INFINITY))));
  }

  @Test
  void log1pIsWithinFourUlpFromTinyToHuge() {
    assertUlp(4, logUniform(1 << 16, 1e-30, 1e30, 6), VectorMath::log1p, Math::log1p);
    assertUlp(4, uniform(1 << 14, 0, 2, 7), VectorMath::log1p, Math::log1p);
    assertEquals(0f, first(VectorMath.log1p(FloatVector.zero(VectorMath.F))));
  }

  @Test
  void atanOfRootsIsWithinThreeUlpOfTheAngleOfTheRoots() {
    Random r = new Random(11);
    float[] c2 = new float[1 << 14];
    float[] s2 = new float[c2.length];
    float[] cs = new float[c2.length];
    for (int i = 0; i < c2.length; i++) {
      c2[i] = i % 97 == 3 ? 0f : (float) Math.exp(6 * r.nextGaussian());
      s2[i] = i % 89 == 5 && c2[i] != 0 ? 0f : (float) Math.exp(6 * r.nextGaussian());
      cs[i] = (float) Math.sqrt((double) c2[i] * s2[i]);
    }
    float[] out = new float[LANES];
    double worst = 0;
    for (int i = 0; i < c2.length; i += LANES) {
      VectorMath.atanOfRoots(FloatVector.fromArray(VectorMath.F, c2, i),
          FloatVector.fromArray(VectorMath.F, s2, i), FloatVector.fromArray(VectorMath.F, cs, i))
          .intoArray(out, 0);
      for (int l = 0; l < LANES; l++) {
        double want = Math.atan2(Math.sqrt(c2[i + l]), Math.sqrt(s2[i + l]));
        worst = Math.max(worst, Math.abs(out[l] - want) / Math.ulp((float) want));
      }
    }
    assertTrue(worst <= 3, "worst error " + worst + " ulp > 3");
  }

  @Test
  void sumAddsTheLanesInLaneOrder() {
    float[] xs = new float[LANES];
    double want = 0;
    for (int l = 0; l < LANES; l++) {
      xs[l] = l % 2 == 0 ? 1e8f : 1f + l;
      want += xs[l];
    }
    assertEquals(want, VectorMath.sum(FloatVector.fromArray(VectorMath.F, xs, 0),
        VectorMath.scratch()));
  }
}
