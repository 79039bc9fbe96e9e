/**
 * Sample-quality metrics of {@code shared/MATH.md} §5, computed in float64 from point sets in
 * ambient coordinates: so far the sliced Wasserstein-2 distance
 * ({@link org.driftsim.metrics.SlicedWasserstein}). The tile accuracy of the checkerboard lives
 * with the board it measures, in {@code org.driftsim.datasets.TileAccuracy}.
 *
 * <p>This module depends on {@code geometry} only (not on {@code datasets}); where it needs random
 * numbers it takes a seed and uses the JDK's generators directly. Plots of particles and curves
 * are in {@link org.driftsim.metrics.plot}.
 */
package org.driftsim.metrics;
