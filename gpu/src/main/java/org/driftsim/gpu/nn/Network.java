package org.driftsim.gpu.nn;

/**
 * A generator network {@code f_θ}: noise {@code z} in, raw outputs {@code u} (before the
 * {@link OutputHead}) out, with a hand-written backward pass.
 *
 * <p>Arrays are batch-major and row-major: {@code z} is {@code [batch, inputDimension()]},
 * outputs are {@code [batch, outputDimension()]}. Parameters are one flat float32 vector of
 * {@link #parameterCount()} entries (the layout is the implementation's), so optimizers, the
 * weight average and checkpoints treat every architecture alike.
 *
 * <p>Not thread-safe: one network per thread (ND4J binds devices to threads). Buffers are
 * allocated for a batch size on first use and reused while it stays the same, so the arrays
 * returned by {@link #forward} and {@link #backward} belong to the network and are overwritten
 * by the next call of the same method.
 *
 * <pre>{@code
 * Network net = Networks.mlp(new MlpSpec(16, 256, 5, 3), seed);
 * float[] params = net.parameters();
 * float[] u = net.forward(z, batch);        // [batch, 3]
 * float[] grads = net.backward(gradU);       // d⟨gradU, u⟩/dθ, [parameterCount()]
 * // optimizer step on params, then:
 * net.setParameters(params);
 * }</pre>
 */
public interface Network {

  /** Width of a row of {@code z}. */
  int inputDimension();

  /** Width of a row of the output. */
  int outputDimension();

  /** Number of float32 parameters. */
  int parameterCount();

  /** A copy of the parameters, {@code [parameterCount()]}. */
  float[] parameters();

  /** Replaces the parameters with {@code values} ({@code [parameterCount()]}, copied). */
  void setParameters(float[] values);

  /**
   * Runs the network on {@code batch} rows of {@code z} and remembers what the backward pass
   * needs.
   *
   * @return the outputs, {@code [batch, outputDimension()]}, owned by the network
   */
  float[] forward(float[] z, int batch);

  /**
   * The gradient of {@code ⟨gradOutput, f_θ(z)⟩} with respect to θ, for the {@code z} of the
   * last {@link #forward} call: the parameter gradient of any loss whose gradient with respect
   * to the outputs is {@code gradOutput}.
   *
   * @param gradOutput {@code [batch, outputDimension()]} of the last forward pass
   * @return the gradient, {@code [parameterCount()]}, owned by the network
   * @throws IllegalStateException if no forward pass preceded
   */
  float[] backward(float[] gradOutput);
}
