package org.driftsim.gpu.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The weight average after a few updates, by hand, and why it is kept in float64. */
class EmaTest {

  @Test
  void averageAfterTwoUpdates() {
    Ema ema = new Ema(0.9);
    Ema.State s0 = ema.init(new float[] {1f, 2f});
    assertArrayEquals(new double[] {1, 2}, s0.average());
    Ema.State s1 = ema.update(new float[] {2f, 0f}, s0);
    // 0.9·1 + 0.1·2 = 1.1; 0.9·2 + 0.1·0 = 1.8
    assertArrayEquals(new double[] {1.1, 1.8}, s1.average(), 1e-15);
    Ema.State s2 = ema.update(new float[] {3f, 1f}, s1);
    // 0.9·1.1 + 0.1·3 = 1.29; 0.9·1.8 + 0.1·1 = 1.72
    assertArrayEquals(new double[] {1.29, 1.72}, s2.average(), 1e-15);
    assertEquals(2, s2.step());
    assertArrayEquals(new float[] {1.29f, 1.72f}, s2.weights());
    assertArrayEquals(new double[] {1, 2}, s0.average(), "old states are not modified");
  }

  @Test
  void smallDriftsAreNotRoundedAway() {
    // Weights at 1000.03 seen from an average at 1000 with decay 0.999: each increment
    // (3e-5) is below half a float32 ulp at 1000 (3.05e-5), so a float32 average would never
    // move. In float64: 1000 + 0.03·(1 − 0.999^1000) after 1000 updates.
    Ema ema = new Ema(0.999);
    float target = 1000.03f;
    Ema.State s = ema.init(new float[] {1000f});
    for (int i = 0; i < 1000; i++) {
      s = ema.update(new float[] {target}, s);
    }
    double expected = target + (1000.0 - target) * Math.pow(0.999, 1000);
    assertEquals(expected, s.average()[0], 1e-9);
    assertEquals(1000.019, s.average()[0], 1e-3);
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("decay must be in [0, 1], got 1.5", assertThrows(
        IllegalArgumentException.class, () -> new Ema(1.5)).getMessage());
    Ema ema = new Ema(0.5);
    Ema.State s = ema.init(new float[2]);
    assertEquals("params must have length 2, got 3", assertThrows(
        IllegalArgumentException.class, () -> ema.update(new float[3], s)).getMessage());
  }
}
