/**
 * Data for Driftsim runs: deterministic random streams ({@link org.driftsim.datasets.Rngs}), the
 * 2-D charts of R², S² and H² ({@link org.driftsim.datasets.Charts}), the synthetic targets and
 * initial distributions of {@code shared/MATH.md} §6 ({@link org.driftsim.datasets.Targets},
 * {@link org.driftsim.datasets.Distribution}) and the tile accuracy of the checkerboard
 * ({@link org.driftsim.datasets.TileAccuracy}).
 *
 * <p>Everything random in the project draws from {@link org.driftsim.datasets.Rngs#stream}, keyed
 * by (seed, step, purpose), so that a run resumed from a checkpoint draws the same numbers as the
 * uninterrupted run. Samples are {@code double[n][ambientDimension]} in ambient coordinates, like
 * every point in {@code geometry}.
 *
 * <p>The subpackages hold the Earth event data sets with their reference split
 * ({@code org.driftsim.datasets.earth}) and the per-class memory banks of Deng et al.
 * ({@code org.driftsim.datasets.bank}).
 */
package org.driftsim.datasets;
