/**
 * Sample-quality metrics of {@code shared/MATH.md} §5, computed in float64 from point sets in
 * ambient coordinates: the sliced Wasserstein-2 distance
 * ({@link org.driftsim.metrics.SlicedWasserstein}), and on any manifold of {@code geometry}, with
 * its geodesic distance, the kernel MMD² ({@link org.driftsim.metrics.Mmd}, biased and unbiased;
 * {@link org.driftsim.metrics.Mmd#earthBenchmark()} is the paper's S² metric), the Sinkhorn
 * distance ({@link org.driftsim.metrics.Sinkhorn}, log-domain entropic OT), the 1-NN two-sample
 * accuracy ({@link org.driftsim.metrics.NearestNeighbourAccuracy}) and the classifier two-sample
 * test ({@link org.driftsim.metrics.ClassifierTwoSampleTest}, a small MLP from {@code gpu}). The tile accuracy of the
 * checkerboard lives with the board it measures, in {@code org.driftsim.datasets.TileAccuracy}.
 *
 * <p>This module depends on {@code geometry}, and on {@code gpu} for the C2ST classifier only
 * (not on {@code datasets}); where it needs random
 * numbers it takes a seed and uses the JDK's generators directly. The manifold metrics take points
 * on the manifold (the simplex's are {@code √p}) and reject empty sets, rows of another length,
 * non-finite coordinates and points off the manifold. Plots of particles and curves are in
 * {@link org.driftsim.metrics.plot}.
 */
package org.driftsim.metrics;
