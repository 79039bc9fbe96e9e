package org.driftsim.config;

import java.util.List;
import java.util.TreeSet;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;

/**
 * {@code driftsim.simulation}: particles moved by the drift field towards a synthetic target
 * (MATH.md §6), x ← exp_x(η·V(x)), without a generator.
 *
 * @param geometry euclidean (R²), sphere (S²) or hyperboloid (H²)
 * @param target the data distribution's spec, e.g. {@code swissroll}
 * @param initial the particles' initial distribution's spec, e.g. {@code gaussian(sigma=0.5)}
 * @param positives data samples in the bank partitions
 * @param particles particles
 * @param steps simulation steps
 * @param field the drift field with one kernel per temperature
 * @param eta the step size η
 * @param stepCap the largest norm of η·V, or 0 for no cap
 * @param snapshotSteps steps with a particle snapshot
 * @param plotSteps steps with a plot
 * @param metricsEvery a metrics line every this many steps
 * @param sw2Every SW2 to the target every this many steps (0: only at the end)
 * @param sw2Samples fresh target samples for SW2
 * @param sw2Directions SW2's random directions
 * @param checkpointEvery a checkpoint every this many steps (0: only at the end)
 * @param checkpointKeep checkpoints kept
 */
public record SimulationSettings(Geometry geometry, String target, String initial, int positives,
    int particles, int steps, FieldSpec field, double eta, double stepCap,
    List<Long> snapshotSteps, List<Long> plotSteps, int metricsEvery, int sw2Every,
    int sw2Samples, int sw2Directions, int checkpointEvery, int checkpointKeep) {

  /** The geometries a simulation runs on (the synthetic targets are two-dimensional). */
  public static final List<String> GEOMETRIES = List.of("euclidean", "sphere", "hyperboloid");

  public SimulationSettings {
    if (geometry == null || geometry == Geometry.SIMPLEX) {
      throw new ConfigError("driftsim.simulation.geometry must be one of "
          + String.join(", ", GEOMETRIES) + ", got " + geometry);
    }
    Rules.nonEmpty("driftsim.simulation.target", target);
    Rules.nonEmpty("driftsim.simulation.initial", initial);
    Rules.atLeast("driftsim.simulation.positives", 1, positives);
    Rules.atLeast("driftsim.simulation.particles", 1, particles);
    Rules.atLeast("driftsim.simulation.steps", 0, steps);
    Rules.positive("driftsim.simulation.eta", eta);
    Rules.nonNegative("driftsim.simulation.step-cap", stepCap);
    snapshotSteps = steps("driftsim.simulation.snapshot-steps", snapshotSteps, steps);
    plotSteps = steps("driftsim.simulation.plot-steps", plotSteps, steps);
    Rules.atLeast("driftsim.simulation.metrics-every", 1, metricsEvery);
    Rules.atLeast("driftsim.simulation.sw2-every", 0, sw2Every);
    Rules.atLeast("driftsim.simulation.sw2-samples", 2, sw2Samples);
    Rules.atLeast("driftsim.simulation.sw2-directions", 1, sw2Directions);
    Rules.atLeast("driftsim.simulation.checkpoint-every", 0, checkpointEvery);
    Rules.atLeast("driftsim.simulation.checkpoint-keep", 1, checkpointKeep);
    try {
      field.checkSupports(manifold(geometry));
    } catch (IllegalArgumentException e) {
      throw new ConfigError("driftsim.simulation.field " + e.getMessage());
    }
  }

  private static List<Long> steps(String key, List<Long> list, int steps) {
    TreeSet<Long> sorted = new TreeSet<>();
    for (Long s : list) {
      if (s < 0 || s > steps) {
        throw new ConfigError(key + " must list steps between 0 and driftsim.simulation.steps = "
            + steps + ", got " + s);
      }
      sorted.add(s);
    }
    return List.copyOf(sorted);
  }

  /** The manifold of a simulation geometry: R², S² or H². */
  public static Manifold manifold(Geometry geometry) {
    return geometry.manifold(geometry == Geometry.EUCLIDEAN ? 2 : 3, 1);
  }

  /** This simulation's manifold. */
  public Manifold manifold() {
    return manifold(geometry);
  }

  static SimulationSettings from(Settings s) {
    return Rules.located(s, () -> {
      String p = "driftsim.simulation.";
      Geometry geometry = Geometry.parse(p + "geometry", s.string(p + "geometry"));
      FieldSpec field = Rules.field(s, p);
      return new SimulationSettings(geometry, s.string(p + "target"), s.string(p + "initial"),
          s.integer(p + "positives"), s.integer(p + "particles"), s.integer(p + "steps"), field,
          s.number(p + "eta"), s.number(p + "step-cap"), s.longs(p + "snapshot-steps"),
          s.longs(p + "plot-steps"), s.integer(p + "metrics-every"), s.integer(p + "sw2-every"),
          s.integer(p + "sw2-samples"), s.integer(p + "sw2-directions"),
          s.integer(p + "checkpoint-every"), s.integer(p + "checkpoint-keep"));
    });
  }
}
