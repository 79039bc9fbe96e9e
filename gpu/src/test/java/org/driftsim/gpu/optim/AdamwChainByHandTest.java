package org.driftsim.gpu.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.driftsim.gpu.optim.Optimizer.AdamState;
import org.driftsim.gpu.optim.Optimizer.ChainState;
import org.driftsim.gpu.optim.Optimizer.Update;
import org.junit.jupiter.api.Test;

/**
 * The full training chain {@code clip → Adam(β₁, β₂) → decoupled weight decay → −lr(t)} with
 * β₁ = 0.5 and β₂ = 0.75 (far from the defaults 0.9/0.999, so a default hard-wired anywhere, or
 * a bias correction with the wrong power, changes the numbers by far more than the tolerance),
 * a warm-up + cosine learning rate and a clipping threshold that acts on the first step only,
 * for three steps on a two-parameter vector. Expected values are worked out by hand below and
 * evaluated in float64; the optimizer keeps moments, updates and parameters in float32, hence
 * relative tolerances of 1e-6 (float32 has 24 bits, 6e-8, and each value passes through a few
 * roundings).
 */
class AdamwChainByHandTest {
  private static final double B1 = 0.5;
  private static final double B2 = 0.75;
  private static final double EPS = 1e-8;
  private static final double WD = 0.1;
  private static final double REL = 1e-6;

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, REL * Math.abs(expected) + 1e-9, what);
  }

  /**
   * Learning rate: warm-up from 0.01 to 0.1 over 1 step, cosine to 0.02 at step 3, so the three
   * updates use lr(0) = 0.01 (init), lr(1) = 0.1 (peak, p = 0) and lr(2) = 0.02 + 0.08·½(1 +
   * cos(π/2)) = 0.06 (p = ½).
   *
   * <p>Gradients (3, 4) [norm 5, clipped to 2.5: (1.5, 2)], (0.6, −0.8) [norm 1, kept],
   * (−1.2, 1.6) [norm 2, kept]. Bias corrections: 1 − β₁ᵗ = 0.5, 0.75, 0.875 and
   * 1 − β₂ᵗ = 0.25, 0.4375, 0.578125.
   *
   * <pre>
   * coordinate 0: t=1 m = 0.5·1.5 = 0.75              v = 0.25·2.25 = 0.5625
   *               t=2 m = 0.375 + 0.3 = 0.675          v = 0.421875 + 0.09 = 0.511875
   *               t=3 m = 0.3375 − 0.6 = −0.2625       v = 0.38390625 + 0.36 = 0.74390625
   * coordinate 1: t=1 m = 1                            v = 1
   *               t=2 m = 0.5 − 0.4 = 0.1              v = 0.75 + 0.16 = 0.91
   *               t=3 m = 0.05 + 0.8 = 0.85            v = 0.6825 + 0.64 = 1.3225
   * </pre>
   *
   * Adam's direction a = (m/c₁)/(√(v/c₂) + ε); at t = 1 it is m̂/√v̂ = 1.5/1.5 = 2/2 = 1 for both
   * coordinates. Then θ ← θ − lr·(a + wd·θ).
   */
  @Test
  void threeStepsOfClippedAdamwWithWarmupCosineMatchTheHandComputation() {
    Schedule lr = Schedule.warmupCosine(0.01, 0.1, 1, 3, 0.02);
    assertEquals(0.01, lr.value(0), 1e-15);
    assertEquals(0.1, lr.value(1), 1e-15);
    assertEquals(0.06, lr.value(2), 1e-15);
    Optimizer opt = Optimizers.chain(Optimizers.clipByGlobalNorm(2.5),
        Optimizers.scaleByAdam(B1, B2, EPS), Optimizers.addDecayedWeights(WD),
        Optimizers.scaleByLearningRate(lr));
    float[] params = {1f, -2f};
    float[][] grads = {{3f, 4f}, {0.6f, -0.8f}, {-1.2f, 1.6f}};
    double[] lrs = {0.01, 0.1, 0.06};
    double[] c1 = {0.5, 0.75, 0.875};
    double[] c2 = {0.25, 0.4375, 0.578125};
    double[][] m = {{0.75, 0.675, -0.2625}, {1, 0.1, 0.85}};
    double[][] v = {{0.5625, 0.511875, 0.74390625}, {1, 0.91, 1.3225}};

    double[] theta = {1, -2};
    Optimizer.State state = opt.init(params);
    for (int t = 0; t < 3; t++) {
      Update u = opt.update(grads[t], state, params);
      double[] expectedUpdate = new double[2];
      for (int k = 0; k < 2; k++) {
        double a = (m[k][t] / c1[t]) / (Math.sqrt(v[k][t] / c2[t]) + EPS);
        if (t == 0) {
          assertEquals(1.0, a, 1e-7, "first Adam step is ±1");
        }
        expectedUpdate[k] = -lrs[t] * (a + WD * theta[k]);
        theta[k] += expectedUpdate[k];
      }
      String step = "step " + (t + 1);
      assertClose(expectedUpdate[0], u.updates()[0], "update 0, " + step);
      assertClose(expectedUpdate[1], u.updates()[1], "update 1, " + step);
      AdamState adam = (AdamState) ((ChainState) u.state()).inner()[1];
      assertEquals(t + 1, adam.step());
      for (int k = 0; k < 2; k++) {
        assertClose(m[k][t], adam.mu()[k], "m[" + k + "], " + step);
        assertClose(v[k][t], adam.nu()[k], "v[" + k + "], " + step);
      }
      Optimizers.applyUpdates(params, u.updates());
      state = u.state();
      assertClose(theta[0], params[0], "θ0 after " + step);
      assertClose(theta[1], params[1], "θ1 after " + step);
      if (t == 0) {
        // Written out: θ − 0.01·(1 + 0.1·θ) = 1 − 0.011 and −2 − 0.01·(1 − 0.2).
        assertClose(0.989, params[0], "θ0 after step 1, literal");
        assertClose(-2.008, params[1], "θ1 after step 1, literal");
      }
    }
  }

  /**
   * Without clipping the same gradients give other second-step numbers: m after step 2 would be
   * 0.5·1.5·2 + 0.3 = 1.05 instead of 0.675 in coordinate 0. Checks that the clip above really
   * acted (the first Adam step is ±1 whatever the scale, so only later steps can show it).
   */
  @Test
  void clippingOnTheFirstStepChangesTheSecondStepMoments() {
    Optimizer clipped = Optimizers.chain(Optimizers.clipByGlobalNorm(2.5),
        Optimizers.scaleByAdam(B1, B2, EPS));
    Optimizer plain = Optimizers.scaleByAdam(B1, B2, EPS);
    float[] params = {1f, -2f};
    Update c = clipped.update(new float[] {3f, 4f}, clipped.init(params), params);
    c = clipped.update(new float[] {0.6f, -0.8f}, c.state(), params);
    Update p = plain.update(new float[] {3f, 4f}, plain.init(params), params);
    p = plain.update(new float[] {0.6f, -0.8f}, p.state(), params);
    assertClose(0.675, ((AdamState) ((ChainState) c.state()).inner()[1]).mu()[0], "clipped m");
    assertClose(1.05, ((AdamState) p.state()).mu()[0], "unclipped m");
    // v: 0.75·0.25·9 + 0.25·0.36 = 1.6875 + 0.09 = 1.7775 without the clip.
    assertClose(1.7775, ((AdamState) p.state()).nu()[0], "unclipped v");
  }

  /**
   * Global-norm clipping of random vectors: above the threshold the result has norm maxNorm
   * and the direction of the input (every ratio out/in equal to maxNorm/‖g‖); at or below it the
   * vector is passed on bit for bit.
   */
  @Test
  void clippingRescalesToTheThresholdAndKeepsTheDirection() {
    Random r = new Random(41);
    double maxNorm = 0.7;
    Optimizer clip = Optimizers.clipByGlobalNorm(maxNorm);
    for (int c = 0; c < 50; c++) {
      float[] g = new float[1 + r.nextInt(20)];
      double scale = Math.pow(10, -3 + 5 * r.nextDouble());
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (scale * r.nextGaussian());
      }
      double norm = Optimizers.globalNorm(g);
      float[] out = clip.update(g, clip.init(g), g).updates();
      if (norm > maxNorm) {
        assertEquals(maxNorm, Optimizers.globalNorm(out), 1e-6 * maxNorm, "case " + c);
        for (int i = 0; i < g.length; i++) {
          assertEquals(g[i] * (maxNorm / norm), out[i], 1e-6 * Math.abs(g[i] * maxNorm / norm)
              + 1e-30, "case " + c + ", entry " + i);
        }
      } else {
        assertArrayEquals(g, out, "case " + c + " below the threshold");
      }
    }
  }

  /**
   * EMA with decay 0.5 over three updates, by hand: avg₀ = 4; then ½·4 + ½·0 = 2,
   * ½·2 + ½·6 = 4, ½·4 + ½·(−4) = 0. Decay 0 follows the weights; decay 1 keeps the first ones.
   */
  @Test
  void emaByHandAndAtTheEndsOfTheDecayRange() {
    Ema half = new Ema(0.5);
    Ema.State s = half.init(new float[] {4f, -1f});
    float[][] weights = {{0f, 1f}, {6f, 3f}, {-4f, -3f}};
    double[][] expected = {{2, 0}, {4, 1.5}, {0, -0.75}};
    for (int t = 0; t < 3; t++) {
      s = half.update(weights[t], s);
      assertArrayEquals(expected[t], s.average(), 1e-15, "step " + (t + 1));
    }
    Ema follow = new Ema(0);
    Ema keep = new Ema(1);
    Ema.State f = follow.init(new float[] {1f, 2f});
    Ema.State k = keep.init(new float[] {1f, 2f});
    for (float[] w : weights) {
      f = follow.update(w, f);
      k = keep.update(w, k);
      assertArrayEquals(new double[] {w[0], w[1]}, f.average(), 0.0);
      assertArrayEquals(new double[] {1, 2}, k.average(), 0.0);
    }
    assertEquals(3, f.step());
  }
}
