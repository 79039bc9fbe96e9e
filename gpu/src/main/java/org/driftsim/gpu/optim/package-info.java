/**
 * Optimizers for the generator's parameters in the optax style: an {@link
 * org.driftsim.gpu.optim.Optimizer} is {@code init(params) → state} and {@code update(grads,
 * state, params) → (updates, state)}, transformations compose with {@link
 * org.driftsim.gpu.optim.Optimizers#chain}, learning rates come from a {@link
 * org.driftsim.gpu.optim.Schedule}, and {@link org.driftsim.gpu.optim.Ema} keeps the exponential
 * moving average of the weights used for evaluation (MATH.md §4).
 *
 * <p>Parameters, gradients and updates are flat {@code float[]} arrays (the layout is the
 * network's). Every state is an immutable record of plain arrays and step counts: exactly what a
 * checkpoint stores, and safe to write from another thread while training continues. Plain Java,
 * no ND4J.
 */
package org.driftsim.gpu.optim;
