package org.driftsim.gpu.optim;

/**
 * A scalar (a learning rate) as a function of the step, with optax's definitions: the value at
 * step {@code t} is what the {@code t}-th update (counting from 0) uses.
 *
 * <ul>
 *   <li>{@link #constant}: {@code v}.
 *   <li>{@link #warmupConstant}: {@code init + (peak − init)·t/W} for {@code t < W}, then
 *       {@code peak}.
 *   <li>{@link #warmupCosine}: the same warm-up, then {@code end + (peak − end)·½(1 + cos(π·p))}
 *       with {@code p = min((t − W)/(T − W), 1)}: {@code T} is the total length including the
 *       warm-up, after which the value stays at the floor {@code end}.
 * </ul>
 *
 * A warm-up from {@code init = 0} gives the first update a zero step (optax does the same); pass
 * a small {@code init} to avoid it.
 */
public interface Schedule {

  /** The value at {@code step} ≥ 0. */
  double value(long step);

  /** The constant schedule. */
  static Schedule constant(double value) {
    return new Constant(value);
  }

  /** Linear warm-up from {@code init} to {@code peak} over {@code warmupSteps}, then constant. */
  static Schedule warmupConstant(double init, double peak, long warmupSteps) {
    return new WarmupConstant(init, peak, warmupSteps);
  }

  /**
   * Linear warm-up from {@code init} to {@code peak} over {@code warmupSteps}, then cosine decay
   * to {@code end}, reached at step {@code totalSteps} and kept after it.
   */
  static Schedule warmupCosine(double init, double peak, long warmupSteps, long totalSteps,
      double end) {
    return new WarmupCosine(init, peak, warmupSteps, totalSteps, end);
  }

  /** See {@link Schedule#constant}. */
  record Constant(double v) implements Schedule {
    public Constant {
      finite("value", v);
    }

    @Override
    public double value(long step) {
      nonNegative(step);
      return v;
    }
  }

  /** See {@link Schedule#warmupConstant}. */
  record WarmupConstant(double init, double peak, long warmupSteps) implements Schedule {
    public WarmupConstant {
      finite("init", init);
      finite("peak", peak);
      if (warmupSteps < 0) {
        throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
      }
    }

    @Override
    public double value(long step) {
      nonNegative(step);
      return step < warmupSteps ? warm(init, peak, step, warmupSteps) : peak;
    }
  }

  /** See {@link Schedule#warmupCosine}. */
  record WarmupCosine(double init, double peak, long warmupSteps, long totalSteps, double end)
      implements Schedule {
    public WarmupCosine {
      finite("init", init);
      finite("peak", peak);
      finite("end", end);
      if (warmupSteps < 0) {
        throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
      }
      if (totalSteps <= warmupSteps) {
        throw new IllegalArgumentException("totalSteps must be > warmupSteps (" + warmupSteps
            + "), got " + totalSteps);
      }
    }

    @Override
    public double value(long step) {
      nonNegative(step);
      if (step < warmupSteps) {
        return warm(init, peak, step, warmupSteps);
      }
      double p = Math.min((double) (step - warmupSteps) / (totalSteps - warmupSteps), 1.0);
      return end + (peak - end) * 0.5 * (1.0 + Math.cos(Math.PI * p));
    }
  }

  private static double warm(double init, double peak, long step, long warmupSteps) {
    return init + (peak - init) * ((double) step / warmupSteps);
  }

  private static void finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }

  private static void nonNegative(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }
}
