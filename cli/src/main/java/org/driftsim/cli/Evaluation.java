package org.driftsim.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.driftsim.datasets.TileAccuracy;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.metrics.ClassifierTwoSampleTest;
import org.driftsim.metrics.Mmd;
import org.driftsim.metrics.NearestNeighbourAccuracy;
import org.driftsim.metrics.Sinkhorn;
import org.driftsim.metrics.SlicedWasserstein;

/**
 * The evaluation metrics of a training run (MATH.md §5), by the names configs and
 * {@code driftsim eval --metrics} use, between generated samples and reference samples, both on
 * the data manifold:
 *
 * <ul>
 *   <li>{@code mmd}: √MMD² (biased) with the geodesic Gaussian e^{−d²} — on S² the Earth
 *       benchmark's statistic;
 *   <li>{@code sw2}: sliced Wasserstein-2 on the ambient coordinates, 256 directions;
 *   <li>{@code sinkhorn}: the transport cost of the entropic plan with cost d², ε = 0.05 (with
 *       {@code sinkhorn_marginal_error}: the plan's row-marginal L1 error when it stopped);
 *   <li>{@code nn1}: 1-NN two-sample accuracy under the geodesic distance;
 *   <li>{@code c2st}: accuracy of a small classifier (MLP 32×2) on held-out points;
 *   <li>{@code tile}: the fraction of samples in a black tile (checkerboard targets).
 * </ul>
 */
final class Evaluation {
  private Evaluation() {}

  /** The metrics in the order asked for; seeds of the random ones come from {@code seed}. */
  static Map<String, Double> of(List<String> metrics, double[][] samples, double[][] reference,
      Manifold manifold, long seed) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : metrics) {
      switch (m) {
        case "mmd" -> out.put(m, Mmd.geodesicGaussian(manifold, Mmd.EARTH_GAMMA)
            .rootBiased(samples, reference));
        case "sw2" -> out.put(m, new SlicedWasserstein(SlicedWasserstein.DEFAULT_DIRECTIONS, seed)
            .distance(samples, reference));
        case "sinkhorn" -> {
          Sinkhorn.Result r = new Sinkhorn(manifold).distance(samples, reference);
          out.put(m, r.cost());
          out.put("sinkhorn_marginal_error", r.marginalError());
        }
        case "nn1" -> out.put(m, new NearestNeighbourAccuracy(manifold).accuracy(samples,
            reference));
        case "c2st" -> {
          ClassifierTwoSampleTest.Settings d = ClassifierTwoSampleTest.Settings.DEFAULT;
          out.put(m, new ClassifierTwoSampleTest(manifold, new ClassifierTwoSampleTest.Settings(
              d.width(), d.depth(), d.steps(), d.learningRate(), seed)).accuracy(samples,
              reference));
        }
        case "tile" -> {
          Geometry g = manifold.geometry();
          out.put(m, TileAccuracy.score(samples, g));
        }
        default -> throw new IllegalArgumentException("metric must be one of "
            + String.join(", ", org.driftsim.config.TrainingSettings.METRICS) + ", got " + m);
      }
    }
    return out;
  }
}
