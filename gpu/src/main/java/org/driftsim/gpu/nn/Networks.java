package org.driftsim.gpu.nn;

import org.driftsim.gpu.nn.internal.Nd4jMlp;

/** Creates generator networks. */
public final class Networks {
  private Networks() {}

  /**
   * An MLP with SiLU activations on ND4J float32 (the current backend's device), initialized
   * deterministically from {@code seed}: hidden layers He-normal ({@code N(0, 2/fan_in)}), the
   * output layer Glorot-uniform ({@code U(±√(6/(fan_in + fan_out)))}), biases zero.
   */
  public static Network mlp(MlpSpec spec, long seed) {
    return new Nd4jMlp(spec, seed);
  }
}
