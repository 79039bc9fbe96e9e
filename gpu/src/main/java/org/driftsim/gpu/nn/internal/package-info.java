/**
 * Implementations behind {@link org.driftsim.gpu.nn}: the ND4J SiLU MLP ({@code Nd4jMlp}: GEMMs
 * into preallocated arrays, in-place element-wise work, its own SiLU derivative) and the four
 * output heads (identity, sphere normalization, exponential map at the origin of the
 * hyperboloid, square-root softmax for the simplex). Not an API: use {@code Networks} and
 * {@code OutputHeads}.
 */
package org.driftsim.gpu.nn.internal;
