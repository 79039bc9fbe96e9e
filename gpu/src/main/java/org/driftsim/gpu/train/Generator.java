package org.driftsim.gpu.train;

import java.util.Objects;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftLoss;
import org.driftsim.gpu.nn.Network;
import org.driftsim.gpu.nn.OutputHead;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;
import org.driftsim.gpu.optim.Optimizers;

/**
 * A generator being trained by drifting (MATH.md §4), split at the drift field so that whoever
 * computes V — an engine in this JVM, or the partitions of the actor runtime — sits between the
 * two halves of a step:
 *
 * <pre>{@code
 * double[][] x = generator.generate(z, batch);          // x = head(f_θ(z)), on the manifold
 * double[][] v = ...;                                    // V(x), tangent at each x_i
 * Generator.Step s = generator.step(v, eta, stepCap);    // frozen targets, loss, Adam, EMA
 * }</pre>
 *
 * <p>{@link #step} takes the loss gradient of {@link DriftLoss} at the outputs, maps it through
 * the head ({@link OutputHead#toAmbientGradient}, then its backward pass) and the network, and
 * applies one optimizer update and one EMA update. Not thread-safe (one network per thread).
 */
public final class Generator {
  private final Network network;
  private final OutputHead head;
  private final Optimizer optimizer;
  private final Ema ema;
  private final float[] params;
  private Optimizer.State optimizerState;
  private Ema.State emaState;
  private int batch = -1;
  private double[] u; // [batch, D] head inputs of the last generate()
  private double[][] x; // [batch][D] outputs of the last generate()

  /** What one step did. */
  public record Step(double loss, double gradNorm) {}

  public Generator(Network network, OutputHead head, Optimizer optimizer, Ema ema) {
    this.network = Objects.requireNonNull(network, "network");
    this.head = Objects.requireNonNull(head, "head");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.ema = Objects.requireNonNull(ema, "ema");
    if (network.outputDimension() != head.inputDimension()) {
      throw new IllegalArgumentException("network outputs must match the head's inputs, got "
          + network.outputDimension() + " and " + head.inputDimension());
    }
    this.params = network.parameters();
    this.optimizerState = optimizer.init(params);
    this.emaState = ema.init(params);
  }

  /** The manifold the outputs lie on. */
  public Manifold manifold() {
    return head.manifold();
  }

  /** x = head(f_θ(z)) for {@code batch} rows of noise {@code z} ({@code [batch, k]}). */
  public double[][] generate(float[] z, int batch) {
    float[] out = network.forward(z, batch);
    if (batch != this.batch) {
      this.batch = batch;
      this.u = new double[batch * head.inputDimension()];
    }
    for (int i = 0; i < u.length; i++) {
      u[i] = out[i];
    }
    int n = head.outputDimension();
    double[] flat = new double[batch * n];
    head.forward(u, batch, flat);
    double[][] points = new double[batch][];
    for (int i = 0; i < batch; i++) {
      points[i] = java.util.Arrays.copyOfRange(flat, i * n, (i + 1) * n);
    }
    this.x = points;
    return points;
  }

  /**
   * One optimizer step towards the frozen targets exp_x(ηV) of the last {@link #generate}.
   *
   * @param v {@code [batch][D]} V at the generated points
   * @param eta the step size η
   * @param stepCap the cap on ‖ηV‖ ({@code +∞} for none)
   */
  public Step step(double[][] v, double eta, double stepCap) {
    if (x == null) {
      throw new IllegalStateException("step() needs a generate() first");
    }
    int n = head.outputDimension();
    double[][] g = new double[batch][n];
    double loss = DriftLoss.lossAndGradient(head.manifold(), x, v, eta, stepCap, g);
    double[] flat = new double[batch * n];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(g[i], 0, flat, i * n, n);
    }
    head.toAmbientGradient(flat, batch, flat);
    double[] gradU = new double[u.length];
    head.backward(u, flat, batch, gradU);
    float[] gradUf = new float[gradU.length];
    for (int i = 0; i < gradU.length; i++) {
      gradUf[i] = (float) gradU[i];
    }
    float[] grads = network.backward(gradUf);
    double gradNorm = Optimizers.globalNorm(grads);
    Optimizer.Update update = optimizer.update(grads, optimizerState, params);
    Optimizers.applyUpdates(params, update.updates());
    optimizerState = update.state();
    network.setParameters(params);
    emaState = ema.update(params, emaState);
    return new Step(loss, gradNorm);
  }

  /**
   * Continues from a saved state (a checkpoint's): the raw weights, the optimizer's state and the
   * EMA. The next {@link #step} is then the one the saved generator would have taken.
   *
   * @throws IllegalArgumentException when the weights or the EMA do not fit this network
   */
  public void restore(float[] weights, Optimizer.State optimizer, Ema.State ema) {
    if (weights.length != params.length) {
      throw new IllegalArgumentException("the weights must have " + params.length
          + " parameters for this network, got " + weights.length);
    }
    if (ema == null || ema.average() == null || ema.average().length != params.length) {
      throw new IllegalArgumentException("the EMA must average " + params.length
          + " parameters, got " + (ema == null || ema.average() == null ? "none"
          : ema.average().length));
    }
    java.util.Objects.requireNonNull(optimizer, "optimizer");
    System.arraycopy(weights, 0, params, 0, params.length);
    network.setParameters(params);
    this.optimizerState = optimizer;
    this.emaState = ema;
  }

  /** A copy of the current (raw) weights. */
  public float[] parameters() {
    return params.clone();
  }

  /** The optimizer's state after the last step (immutable). */
  public Optimizer.State optimizerState() {
    return optimizerState;
  }

  /** The weight average after the last step (immutable). */
  public Ema.State emaState() {
    return emaState;
  }
}
