package org.driftsim.gpu.optim;

/**
 * A gradient transformation in the optax style: {@code init(params) → state},
 * {@code update(grads, state, params) → (updates, state)}. The updates are added to the
 * parameters ({@link Optimizers#applyUpdates}), so a descent step carries the minus sign (see
 * {@link Optimizers#scaleByLearningRate}).
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.chain(
 *     Optimizers.clipByGlobalNorm(1.0),
 *     Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
 *     Optimizers.scaleByLearningRate(Schedule.warmupCosine(0, 1e-3, 100, 10_000, 1e-5)));
 * Optimizer.State state = opt.init(params);
 * for (int step = 0; step < steps; step++) {
 *   float[] grads = ...;
 *   Optimizer.Update u = opt.update(grads, state, params);
 *   Optimizers.applyUpdates(params, u.updates());
 *   state = u.state();
 * }
 * }</pre>
 *
 * <p>{@code update} never modifies its arguments and the returned state shares no array with the
 * state passed in, so an old state can be checkpointed while training goes on. The arrays held by
 * a state belong to it: do not modify them.
 */
public interface Optimizer {

  /** The state of a transformation: immutable records of plain arrays and step counts. */
  sealed interface State permits Stateless, StepCount, AdamState, ChainState {}

  /** The state of a transformation that keeps none (clipping, weight decay). */
  record Stateless() implements State {}

  /**
   * The number of updates done so far (schedules read their value at this step, then count it).
   *
   * @param step updates done, ≥ 0
   */
  record StepCount(long step) implements State {
    public StepCount {
      if (step < 0) {
        throw new IllegalArgumentException("step must be >= 0, got " + step);
      }
    }
  }

  /**
   * Adam's moments after {@code step} updates: {@code mu} the first, {@code nu} the second
   * (float32, as PyTorch keeps them).
   */
  record AdamState(long step, float[] mu, float[] nu) implements State {
    public AdamState {
      if (step < 0) {
        throw new IllegalArgumentException("step must be >= 0, got " + step);
      }
      if (mu.length != nu.length) {
        throw new IllegalArgumentException(
            "nu must have the length of mu (" + mu.length + "), got " + nu.length);
      }
    }
  }

  /** The states of a chain's transformations, in chain order. */
  record ChainState(State[] inner) implements State {}

  /** The result of one update: what to add to the parameters, and the new state. */
  record Update(float[] updates, State state) {}

  /** The initial state for these parameters. */
  State init(float[] params);

  /**
   * Transforms {@code grads} (for a chain's later members: the previous member's updates).
   *
   * @param grads gradients or incoming updates, the length of the parameters
   * @param state this transformation's state
   * @param params the current parameters (read by weight decay; others ignore them)
   */
  Update update(float[] grads, State state, float[] params);
}
