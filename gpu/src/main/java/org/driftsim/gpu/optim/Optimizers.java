package org.driftsim.gpu.optim;

import org.driftsim.gpu.optim.Optimizer.AdamState;
import org.driftsim.gpu.optim.Optimizer.ChainState;
import org.driftsim.gpu.optim.Optimizer.State;
import org.driftsim.gpu.optim.Optimizer.Stateless;
import org.driftsim.gpu.optim.Optimizer.StepCount;
import org.driftsim.gpu.optim.Optimizer.Update;

/**
 * The gradient transformations and their usual compositions (optax names and conventions).
 *
 * <p>Arithmetic is done per element in float64 and rounded once to float32. Non-finite gradients
 * are passed on, not hidden: detecting divergence is the training loop's job.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Applies the transformations in order, each to the previous one's updates; the state is a
   * {@link ChainState} of theirs.
   */
  public static Optimizer chain(Optimizer... transforms) {
    if (transforms.length == 0) {
      throw new IllegalArgumentException("transforms must be at least one, got 0");
    }
    Optimizer[] ts = transforms.clone();
    return new Optimizer() {
      @Override
      public State init(float[] params) {
        State[] inner = new State[ts.length];
        for (int k = 0; k < ts.length; k++) {
          inner[k] = ts[k].init(params);
        }
        return new ChainState(inner);
      }

      @Override
      public Update update(float[] grads, State state, float[] params) {
        ChainState s = cast(state, ChainState.class, "chain");
        if (s.inner().length != ts.length) {
          throw new IllegalArgumentException("chain state must hold " + ts.length
              + " states, got " + s.inner().length);
        }
        State[] next = new State[ts.length];
        float[] current = grads;
        for (int k = 0; k < ts.length; k++) {
          Update u = ts[k].update(current, s.inner()[k], params);
          current = u.updates();
          next[k] = u.state();
        }
        return new Update(current, new ChainState(next));
      }
    };
  }

  /**
   * Scales the updates by {@code maxNorm / ‖g‖} when their global (whole-vector) norm
   * {@code ‖g‖} exceeds {@code maxNorm}; otherwise passes them on unchanged.
   */
  public static Optimizer clipByGlobalNorm(double maxNorm) {
    if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("maxNorm must be > 0 and finite, got " + maxNorm);
    }
    return new StatelessTransform() {
      @Override
      public Update update(float[] grads, State state, float[] params) {
        cast(state, Stateless.class, "clipByGlobalNorm");
        double norm = globalNorm(grads);
        float[] out = grads.clone();
        if (norm > maxNorm) {
          double scale = maxNorm / norm;
          for (int i = 0; i < out.length; i++) {
            out[i] = (float) (grads[i] * scale);
          }
        }
        return new Update(out, state);
      }
    };
  }

  /**
   * Adam's direction (Kingma and Ba), PyTorch's convention for ε: with {@code t} the step
   * counted from 1, {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²}, update
   * \( \hat m / (\sqrt{\hat v} + ε) \) with {@code m̂ = m/(1−β₁ᵗ)}, {@code v̂ = v/(1−β₂ᵗ)}.
   * The moments are stored in float32 and the update is computed from the stored values. The
   * update points up the gradient: follow with {@link #scaleByLearningRate}.
   */
  public static Optimizer scaleByAdam(double beta1, double beta2, double eps) {
    unitInterval("beta1", beta1);
    unitInterval("beta2", beta2);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be >= 0 and finite, got " + eps);
    }
    return new Optimizer() {
      @Override
      public State init(float[] params) {
        return new AdamState(0, new float[params.length], new float[params.length]);
      }

      @Override
      public Update update(float[] grads, State state, float[] params) {
        AdamState s = cast(state, AdamState.class, "scaleByAdam");
        int n = s.mu().length;
        length("grads", grads, n);
        long t = s.step() + 1;
        double c1 = 1.0 - Math.pow(beta1, t);
        double c2 = 1.0 - Math.pow(beta2, t);
        float[] mu = new float[n];
        float[] nu = new float[n];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          double g = grads[i];
          mu[i] = (float) (beta1 * s.mu()[i] + (1.0 - beta1) * g);
          nu[i] = (float) (beta2 * s.nu()[i] + (1.0 - beta2) * g * g);
          out[i] = (float) ((mu[i] / c1) / (Math.sqrt(nu[i] / c2) + eps));
        }
        return new Update(out, new AdamState(t, mu, nu));
      }
    };
  }

  /**
   * Adds {@code weightDecay · params} to the updates: decoupled weight decay (AdamW) when placed
   * after {@link #scaleByAdam} and before {@link #scaleByLearningRate}.
   */
  public static Optimizer addDecayedWeights(double weightDecay) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weightDecay must be >= 0 and finite, got " + weightDecay);
    }
    return new StatelessTransform() {
      @Override
      public Update update(float[] grads, State state, float[] params) {
        cast(state, Stateless.class, "addDecayedWeights");
        if (params == null) {
          throw new IllegalArgumentException("params must be given for weight decay, got null");
        }
        length("params", params, grads.length);
        float[] out = new float[grads.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) (grads[i] + weightDecay * params[i]);
        }
        return new Update(out, state);
      }
    };
  }

  /** Multiplies the updates by {@code schedule.value(step)}. */
  public static Optimizer scaleBySchedule(Schedule schedule) {
    return scaled(schedule, 1.0, "scaleBySchedule");
  }

  /**
   * Multiplies the updates by {@code −schedule.value(step)}: the learning rate of a descent
   * step.
   */
  public static Optimizer scaleByLearningRate(Schedule schedule) {
    return scaled(schedule, -1.0, "scaleByLearningRate");
  }

  /** Adam: {@code chain(scaleByAdam(β₁, β₂, ε), scaleByLearningRate(lr))}. */
  public static Optimizer adam(Schedule lr, double beta1, double beta2, double eps) {
    return chain(scaleByAdam(beta1, beta2, eps), scaleByLearningRate(lr));
  }

  /**
   * AdamW as PyTorch and optax define it: {@code θ ← θ − lr·(adam + wd·θ)}, i.e.
   * {@code chain(scaleByAdam, addDecayedWeights(wd), scaleByLearningRate(lr))}.
   */
  public static Optimizer adamw(Schedule lr, double beta1, double beta2, double eps,
      double weightDecay) {
    return chain(scaleByAdam(beta1, beta2, eps), addDecayedWeights(weightDecay),
        scaleByLearningRate(lr));
  }

  /** {@code params ← params + updates} in float32, in place. */
  public static void applyUpdates(float[] params, float[] updates) {
    length("updates", updates, params.length);
    for (int i = 0; i < params.length; i++) {
      params[i] += updates[i];
    }
  }

  /** The Euclidean norm of the whole vector, accumulated in float64. */
  public static double globalNorm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  private static Optimizer scaled(Schedule schedule, double sign, String name) {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must be given, got null");
    }
    return new Optimizer() {
      @Override
      public State init(float[] params) {
        return new StepCount(0);
      }

      @Override
      public Update update(float[] grads, State state, float[] params) {
        StepCount s = cast(state, StepCount.class, name);
        double factor = sign * schedule.value(s.step());
        float[] out = new float[grads.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) (grads[i] * factor);
        }
        return new Update(out, new StepCount(s.step() + 1));
      }
    };
  }

  /** A transformation without state. */
  private abstract static class StatelessTransform implements Optimizer {
    @Override
    public State init(float[] params) {
      return new Stateless();
    }
  }

  private static <S extends State> S cast(State state, Class<S> type, String transform) {
    if (!type.isInstance(state)) {
      throw new IllegalArgumentException("state of " + transform + " must be of type "
          + type.getSimpleName() + ", got " + (state == null ? "null"
              : state.getClass().getSimpleName()));
    }
    return type.cast(state);
  }

  private static void unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }

  static void length(String name, float[] array, int expected) {
    if (array.length != expected) {
      throw new IllegalArgumentException(
          name + " must have length " + expected + ", got " + array.length);
    }
  }
}
