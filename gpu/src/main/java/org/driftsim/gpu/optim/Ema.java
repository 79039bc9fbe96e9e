package org.driftsim.gpu.optim;

/**
 * Exponential moving average of the weights, used for evaluation (MATH.md §4; decay 0.999 in
 * the papers): {@code avg₀ = θ₀}, then {@code avg ← decay·avg + (1 − decay)·θ} after every
 * update.
 *
 * <p>The average is kept in float64: with decay 0.999 a float32 average would stop following
 * a weight whose distance to it is below about 6e-5 of its size (the increment would round
 * away).
 *
 * <pre>{@code
 * Ema ema = new Ema(0.999);
 * Ema.State avg = ema.init(params);
 * // after each optimizer step:
 * avg = ema.update(params, avg);
 * float[] evalWeights = avg.weights();
 * }</pre>
 */
public final class Ema {
  private final double decay;

  /**
   * The average after {@code step} updates.
   *
   * @param step updates averaged in, ≥ 0
   * @param average the averaged weights, float64; owned by the state, do not modify
   */
  public record State(long step, double[] average) {
    public State {
      if (step < 0) {
        throw new IllegalArgumentException("step must be >= 0, got " + step);
      }
    }

    /** The averaged weights rounded to float32 (a new array). */
    public float[] weights() {
      float[] w = new float[average.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) average[i];
      }
      return w;
    }
  }

  /** @param decay in [0, 1]: 0 follows the weights, 1 keeps the initial ones */
  public Ema(double decay) {
    if (!(decay >= 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
    }
    this.decay = decay;
  }

  /** The decay. */
  public double decay() {
    return decay;
  }

  /** The average of the initial weights: the weights themselves. */
  public State init(float[] params) {
    double[] a = new double[params.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = params[i];
    }
    return new State(0, a);
  }

  /** Averages {@code params} in; returns a new state and leaves {@code state} unchanged. */
  public State update(float[] params, State state) {
    double[] old = state.average();
    Optimizers.length("params", params, old.length);
    double[] a = new double[old.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = decay * old[i] + (1.0 - decay) * params[i];
    }
    return new State(state.step() + 1, a);
  }

  @Override
  public String toString() {
    return "ema(decay=" + decay + ")";
  }
}
