package org.driftsim.gpu.nn;

import org.driftsim.geometry.Manifold;

/**
 * Maps the network's raw output {@code u} onto the geometry (MATH.md §4): identity on R^d,
 * normalization onto S^d, the exponential map at the origin of H^d, per-position softmax and
 * square root for the simplex in its √p chart. Created by {@link OutputHeads}.
 *
 * <p>Arrays are batch-major and row-major: {@code u} is {@code [batch, inputDimension()]},
 * {@code x} is {@code [batch, outputDimension()]} in the manifold's ambient coordinates. Heads
 * compute in float64 on the host and keep no state between calls (backward recomputes what it
 * needs from {@code u}), so one head may serve several threads.
 *
 * <p>Training step: with {@code g = −2 log_x(t)/N} the Riemannian gradient of the loss at the
 * outputs, {@code backward(u, toAmbientGradient(g), …)} gives the gradient with respect to
 * {@code u}, which goes into {@link Network#backward}.
 */
public interface OutputHead {

  /** The manifold the outputs lie on. */
  Manifold manifold();

  /** Width of a row of {@code u} (the network's output dimension). */
  int inputDimension();

  /** Width of a row of {@code x}: the manifold's ambient dimension. */
  int outputDimension();

  /**
   * Writes {@code x = head(u)} for {@code batch} rows.
   *
   * @param u {@code [batch, inputDimension()]}, at least that long
   * @param x {@code [batch, outputDimension()]}, at least that long; may not alias {@code u}
   */
  void forward(double[] u, int batch, double[] x);

  /**
   * The vector-Jacobian product: writes {@code gradU = (∂x/∂u)ᵀ gradX} row by row, where
   * {@code gradX} is a plain ambient (Euclidean) gradient with respect to {@code x}.
   *
   * @param u the inputs of the forward pass, {@code [batch, inputDimension()]}
   * @param gradX {@code [batch, outputDimension()]}
   * @param gradU {@code [batch, inputDimension()]}; may not alias the inputs
   */
  void backward(double[] u, double[] gradX, int batch, double[] gradU);

  /**
   * Converts Riemannian gradients at the outputs into the ambient gradients to back-propagate
   * (MATH.md §4): the same vector on R^d, S^d and the simplex chart, {@code J·g} with
   * {@code J = diag(−1, 1, …, 1)} on the hyperboloid. {@code out} may be {@code riemannian}.
   */
  void toAmbientGradient(double[] riemannian, int batch, double[] out);
}
