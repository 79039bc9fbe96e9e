/**
 * Generator networks and their output heads (MATH.md §4): a {@link
 * org.driftsim.gpu.nn.Network} maps noise {@code z} to raw outputs with a hand-written backward
 * pass ({@link org.driftsim.gpu.nn.Networks#mlp}: a SiLU MLP on ND4J float32), and an {@link
 * org.driftsim.gpu.nn.OutputHead} maps those onto the geometry and pulls ambient gradients back.
 *
 * <p>Parameters are one flat float32 vector, the form {@link org.driftsim.gpu.optim} works on.
 * Heads compute in float64 on the host: they are O(B·D) per step, far below the network's
 * GEMMs, and float64 keeps {@code exp} at the origin of H^d and the square-root softmax exact
 * enough to put every output on the manifold. Implementations live in {@code .internal}.
 */
package org.driftsim.gpu.nn;
