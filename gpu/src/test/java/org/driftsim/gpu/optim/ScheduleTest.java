package org.driftsim.gpu.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each schedule at chosen steps, values worked out by hand. */
class ScheduleTest {
  private static final double TOL = 1e-12;

  @Test
  void constant() {
    Schedule s = Schedule.constant(3e-4);
    assertEquals(3e-4, s.value(0), TOL);
    assertEquals(3e-4, s.value(1_000_000), TOL);
  }

  @Test
  void warmupThenConstant() {
    Schedule s = Schedule.warmupConstant(0, 1e-3, 100);
    assertEquals(0, s.value(0), TOL);
    assertEquals(1e-5, s.value(1), TOL);
    assertEquals(5e-4, s.value(50), TOL);
    assertEquals(9.9e-4, s.value(99), TOL);
    assertEquals(1e-3, s.value(100), TOL);
    assertEquals(1e-3, s.value(10_000), TOL);
    Schedule none = Schedule.warmupConstant(0, 1e-3, 0);
    assertEquals(1e-3, none.value(0), TOL);
    Schedule fromInit = Schedule.warmupConstant(1e-4, 1e-3, 10);
    assertEquals(1e-4 + 9e-4 * 0.3, fromInit.value(3), TOL);
  }

  @Test
  void warmupThenCosineToAFloor() {
    // Warm-up 10 steps from 0 to 1, cosine until step 110 down to 0.1.
    Schedule s = Schedule.warmupCosine(0, 1, 10, 110, 0.1);
    assertEquals(0, s.value(0), TOL);
    assertEquals(0.5, s.value(5), TOL);
    assertEquals(1, s.value(10), TOL);
    // p = 25/100: 0.1 + 0.9·½(1 + cos(π/4)) = 0.1 + 0.45·(1 + 0.7071067811865476)
    assertEquals(0.8681980515339464, s.value(35), TOL);
    // p = ½: 0.1 + 0.45
    assertEquals(0.55, s.value(60), TOL);
    // p = 3/4: 0.1 + 0.45·(1 − 0.7071067811865476)
    assertEquals(0.23180194846605362, s.value(85), TOL);
    assertEquals(0.1, s.value(110), TOL);
    assertEquals(0.1, s.value(1_000_000), TOL);
  }

  @Test
  void cosineWithoutWarmupStartsAtThePeak() {
    Schedule s = Schedule.warmupCosine(0, 2, 0, 4, 0);
    assertEquals(2, s.value(0), TOL);
    assertEquals(1 + Math.cos(Math.PI / 4), s.value(1), TOL);
    assertEquals(1, s.value(2), TOL);
    assertEquals(0, s.value(4), TOL);
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("totalSteps must be > warmupSteps (10), got 10", assertThrows(
        IllegalArgumentException.class, () -> Schedule.warmupCosine(0, 1, 10, 10, 0))
        .getMessage());
    assertEquals("warmupSteps must be >= 0, got -1", assertThrows(
        IllegalArgumentException.class, () -> Schedule.warmupConstant(0, 1, -1)).getMessage());
    assertEquals("peak must be finite, got NaN", assertThrows(IllegalArgumentException.class,
        () -> Schedule.warmupConstant(0, Double.NaN, 1)).getMessage());
    assertEquals("step must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> Schedule.constant(1).value(-1)).getMessage());
  }
}
