package org.driftsim.gpu.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.driftsim.gpu.optim.Optimizer.AdamState;
import org.driftsim.gpu.optim.Optimizer.ChainState;
import org.driftsim.gpu.optim.Optimizer.StepCount;
import org.driftsim.gpu.optim.Optimizer.Update;
import org.junit.jupiter.api.Test;

/**
 * Adam, AdamW, clipping and scaling against values computed by hand (the arithmetic is written
 * out below in float64; the optimizer keeps its moments in float32, hence the 1e-6 relative
 * tolerances).
 */
class OptimizersTest {
  private static final double LR = 0.1;
  private static final double B1 = 0.9;
  private static final double B2 = 0.999;

  private static void assertClose(double expected, float actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.abs(expected) + 1e-12, what);
  }

  @Test
  void adamFirstStepIsMinusLearningRateTimesSignOfTheGradient() {
    Optimizer adam = Optimizers.adam(Schedule.constant(LR), B1, B2, 1e-8);
    float[] params = {1f, -2f, 0.5f};
    float[] g = {0.5f, -1f, 0f};
    Update u = adam.update(g, adam.init(params), params);
    // m̂ = g, v̂ = g², so the step is −lr·g/(|g| + ε): −lr·sign(g), and 0 where g = 0.
    assertClose(-0.1 * 0.5 / (0.5 + 1e-8), u.updates()[0], 1e-6, "g > 0");
    assertClose(+0.1 * 1.0 / (1.0 + 1e-8), u.updates()[1], 1e-6, "g < 0");
    assertEquals(0f, u.updates()[2], 0f, "g = 0 (either sign of zero)");
  }

  @Test
  void adamThreeStepsMatchTheRecurrenceComputedByHand() {
    Optimizer adam = Optimizers.adam(Schedule.constant(LR), B1, B2, 1e-8);
    float[] params = {1f, -2f};
    float[][] grads = {{0.5f, -1f}, {0.1f, 0.3f}, {-0.2f, 0.25f}};
    Optimizer.State state = adam.init(params);
    // Coordinate 0 by hand:
    // t=1: m = 0.1·0.5 = 0.05;                    v = 0.001·0.25 = 0.00025
    // t=2: m = 0.9·0.05 + 0.1·0.1 = 0.055;        v = 0.999·0.00025 + 0.001·0.01 = 0.00025975
    // t=3: m = 0.9·0.055 + 0.1·(−0.2) = 0.0295;   v = 0.999·0.00025975 + 0.001·0.04
    //                                                = 0.00029949025
    double[] m0 = {0.05, 0.055, 0.0295};
    double[] v0 = {0.00025, 0.00025975, 0.00029949025};
    // Coordinate 1:
    // t=1: m = −0.1;                              v = 0.001
    // t=2: m = −0.09 + 0.03 = −0.06;              v = 0.000999 + 0.00009 = 0.001089
    // t=3: m = −0.054 + 0.025 = −0.029;           v = 0.001087911 + 0.0000625 = 0.001150411
    double[] m1 = {-0.1, -0.06, -0.029};
    double[] v1 = {0.001, 0.001089, 0.001150411};
    for (int t = 1; t <= 3; t++) {
      Update u = adam.update(grads[t - 1], state, params);
      double c1 = 1 - Math.pow(B1, t);
      double c2 = 1 - Math.pow(B2, t);
      double e0 = -LR * (m0[t - 1] / c1) / (Math.sqrt(v0[t - 1] / c2) + 1e-8);
      double e1 = -LR * (m1[t - 1] / c1) / (Math.sqrt(v1[t - 1] / c2) + 1e-8);
      assertClose(e0, u.updates()[0], 1e-6, "coordinate 0, step " + t);
      assertClose(e1, u.updates()[1], 1e-6, "coordinate 1, step " + t);
      AdamState s = (AdamState) ((ChainState) u.state()).inner()[0];
      assertEquals(t, s.step());
      assertClose(m0[t - 1], s.mu()[0], 1e-6, "m, step " + t);
      assertClose(v1[t - 1], s.nu()[1], 1e-6, "v, step " + t);
      Optimizers.applyUpdates(params, u.updates());
      state = u.state();
    }
  }

  @Test
  void adamAddsEpsilonToTheSquareRootOfTheCorrectedSecondMoment() {
    // A large ε tells the PyTorch placement m̂/(√v̂ + ε) from m/(√v + ε)·√(1−β₂ᵗ)/(1−β₁ᵗ):
    // at t = 1 with g = 0.5 the first gives 0.5/(0.5 + 0.1) = 0.8333, the second 0.1365.
    Optimizer adam = Optimizers.scaleByAdam(B1, B2, 0.1);
    float[] params = {0f};
    Update u = adam.update(new float[] {0.5f}, adam.init(params), params);
    assertClose(0.5 / 0.6, u.updates()[0], 1e-6, "PyTorch ε placement");
  }

  @Test
  void adamwDecaysTheWeightsDecoupledFromTheGradient() {
    double wd = 0.05;
    Optimizer adamw = Optimizers.adamw(Schedule.constant(LR), B1, B2, 1e-8, wd);
    float[] params = {2f, -1f};
    float[][] grads = {{0.5f, 0f}, {0.1f, 0f}};
    Optimizer.State state = adamw.init(params);
    // Coordinate 0: t=1: adam term = 0.5/(0.5 + 1e-8); θ₁ = 2 − 0.1·(adam + 0.05·2).
    double adam1 = 0.5 / (0.5 + 1e-8);
    double theta1 = 2 - LR * (adam1 + wd * 2);
    // t=2: m = 0.055, v = 0.00025975 (as in the Adam test); θ₂ = θ₁ − 0.1·(adam + 0.05·θ₁).
    double adam2 = (0.055 / (1 - B1 * B1)) / (Math.sqrt(0.00025975 / (1 - B2 * B2)) + 1e-8);
    double theta2 = theta1 - LR * (adam2 + wd * theta1);
    // Coordinate 1 has zero gradients: pure decay, θ ← θ(1 − lr·wd).
    double decay1 = -1 * (1 - LR * wd);
    double decay2 = decay1 * (1 - LR * wd);
    Update u = adamw.update(grads[0], state, params);
    Optimizers.applyUpdates(params, u.updates());
    assertClose(theta1, params[0], 1e-6, "θ₀ after 1 step");
    assertClose(decay1, params[1], 1e-6, "θ₁ after 1 step");
    u = adamw.update(grads[1], u.state(), params);
    Optimizers.applyUpdates(params, u.updates());
    assertClose(theta2, params[0], 1e-6, "θ₀ after 2 steps");
    assertClose(decay2, params[1], 1e-6, "θ₁ after 2 steps");
  }

  @Test
  void clippingScalesOnlyAboveTheThreshold() {
    float[] g = {3f, 4f}; // norm 5
    Optimizer loose = Optimizers.clipByGlobalNorm(10);
    Update below = loose.update(g, loose.init(g), g);
    assertArrayEquals(g, below.updates(), "below the threshold: unchanged");
    assertNotSame(g, below.updates());
    Optimizer tight = Optimizers.clipByGlobalNorm(1);
    Update above = tight.update(g, tight.init(g), g);
    assertArrayEquals(new float[] {0.6f, 0.8f}, above.updates(), 1e-7f, "above: g·1/5");
    assertEquals(1.0, Optimizers.globalNorm(above.updates()), 1e-7);
    Optimizer exact = Optimizers.clipByGlobalNorm(5);
    assertArrayEquals(g, exact.update(g, exact.init(g), g).updates(), "at the threshold");
  }

  @Test
  void chainClipsBeforeAdamAndCountsItsSteps() {
    Optimizer opt = Optimizers.chain(Optimizers.clipByGlobalNorm(1), Optimizers.scaleByAdam(
        B1, B2, 0), Optimizers.scaleBySchedule(Schedule.warmupConstant(0, 2, 2)));
    float[] params = {0f, 0f};
    float[] g = {30f, 40f};
    Optimizer.State s0 = opt.init(params);
    Update u1 = opt.update(g, s0, params);
    // Schedule value at step 0 of a warm-up from 0 is 0: no movement, but Adam has counted.
    assertArrayEquals(new float[] {0f, 0f}, u1.updates(), 0f);
    Update u2 = opt.update(g, u1.state(), params);
    // Step 2: clipped g = (0.6, 0.8) both times, so m̂ = g, v̂ = g², Adam gives (1, 1);
    // the schedule is at 2·1/2 = 1.
    assertArrayEquals(new float[] {1f, 1f}, u2.updates(), 1e-6f);
    ChainState cs = (ChainState) u2.state();
    assertEquals(2, ((AdamState) cs.inner()[1]).step());
    assertEquals(new StepCount(2), cs.inner()[2]);
    // Nothing was modified in place: the first state is still the initial one.
    ChainState c0 = (ChainState) s0;
    assertEquals(0, ((AdamState) c0.inner()[1]).step());
    assertArrayEquals(new float[] {0f, 0f}, ((AdamState) c0.inner()[1]).mu());
    assertArrayEquals(new float[] {30f, 40f}, g);
  }

  @Test
  void scaleBySignConventions() {
    float[] g = {1f, -2f};
    Optimizer up = Optimizers.scaleBySchedule(Schedule.constant(0.5));
    Optimizer down = Optimizers.scaleByLearningRate(Schedule.constant(0.5));
    assertArrayEquals(new float[] {0.5f, -1f}, up.update(g, up.init(g), g).updates());
    assertArrayEquals(new float[] {-0.5f, 1f}, down.update(g, down.init(g), g).updates());
  }

  @Test
  void statelessTransformsKeepTheirState() {
    Optimizer clip = Optimizers.clipByGlobalNorm(1);
    Optimizer.State s = clip.init(new float[2]);
    assertInstanceOf(Optimizer.Stateless.class, s);
    assertSame(s, clip.update(new float[2], s, new float[2]).state());
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("beta1 must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
        () -> Optimizers.scaleByAdam(1, 0.999, 1e-8)).getMessage());
    assertEquals("maxNorm must be > 0 and finite, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> Optimizers.clipByGlobalNorm(0)).getMessage());
    assertEquals("weightDecay must be >= 0 and finite, got -1.0", assertThrows(
        IllegalArgumentException.class, () -> Optimizers.addDecayedWeights(-1)).getMessage());
    Optimizer adam = Optimizers.scaleByAdam(B1, B2, 1e-8);
    Optimizer.State s = adam.init(new float[3]);
    assertEquals("grads must have length 3, got 2", assertThrows(IllegalArgumentException.class,
        () -> adam.update(new float[2], s, new float[3])).getMessage());
    assertEquals("state of scaleByAdam must be of type AdamState, got StepCount", assertThrows(
        IllegalArgumentException.class, () -> adam.update(new float[3], new StepCount(0),
            new float[3])).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Optimizers.applyUpdates(new float[2],
        new float[3]));
  }
}
