package org.driftsim.gpu.nn;

/**
 * The shape of a multilayer perceptron with SiLU activations: {@code depth} hidden layers of
 * {@code width} units between the noise input and a linear output layer, e.g. the papers'
 * {@code 16-256×5-3} is {@code new MlpSpec(16, 256, 5, 3)}.
 *
 * @param inputDimension k, the noise dimension, ≥ 1
 * @param width units per hidden layer, ≥ 1
 * @param depth number of hidden layers, ≥ 1
 * @param outputDimension outputs per row (the head's input dimension), ≥ 1
 */
public record MlpSpec(int inputDimension, int width, int depth, int outputDimension) {
  public MlpSpec {
    positive("inputDimension", inputDimension);
    positive("width", width);
    positive("depth", depth);
    positive("outputDimension", outputDimension);
    long count = parameterCount(inputDimension, width, depth, outputDimension);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "parameter count must fit a Java array, got " + count);
    }
  }

  /** The number of parameters: weights and biases of the {@code depth + 1} linear layers. */
  public int parameterCount() {
    return (int) parameterCount(inputDimension, width, depth, outputDimension);
  }

  private static long parameterCount(int k, int w, int depth, int out) {
    return (long) k * w + w + (long) (depth - 1) * ((long) w * w + w) + (long) w * out + out;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  @Override
  public String toString() {
    return inputDimension + "-" + width + "x" + depth + "-" + outputDimension;
  }
}
