package org.driftsim.actors;

import java.time.Duration;
import java.util.Set;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;

/**
 * A particle simulation: particles move by x ← exp_x(η·V(x)) for {@code steps} steps, V computed
 * from the positives (held by the bank partitions) and the particles themselves (the negatives,
 * held by the particle partitions, each particle excluded from its own sum by its id).
 *
 * @param job the job's name
 * @param manifold where the particles live
 * @param spec the field
 * @param positives the data samples ([M, D])
 * @param particles the particles at {@code firstStep} ([N, D]); particle i has id i
 * @param firstStep the first step to run: 0, or the step a resumed simulation continues from
 * @param steps simulation steps in all (the job runs steps firstStep … steps−1)
 * @param eta the step size
 * @param stepCap the largest norm of one step η·V, or 0 for no cap
 * @param bankPartitions partitions for the positives (ids 0 … B−1)
 * @param particlePartitions partitions for the particles (ids B … B+P−1)
 * @param snapshotSteps steps whose positions go to the listener as snapshots
 * @param runtime timeouts, attempts and the message budget
 */
public record SimulationJob(String job, Manifold manifold, FieldSpec spec, double[][] positives,
    double[][] particles, long firstStep, int steps, double eta, double stepCap, int bankPartitions,
    int particlePartitions, Set<Long> snapshotSteps, Runtime runtime) {

  /**
   * How the coordinator talks to partitions.
   *
   * @param timeout how long a request waits before it is sent again
   * @param maxAttempts sends of one request before the step fails
   * @param maxMessageBytes the largest message the coordinator sends or asks for
   * @param maxRecoveries how many times one step may recover partitions that lost their state
   */
  public record Runtime(Duration timeout, int maxAttempts, long maxMessageBytes,
      int maxRecoveries) {

    /** With the default of 5 recoveries per step. */
    public Runtime(Duration timeout, int maxAttempts, long maxMessageBytes) {
      this(timeout, maxAttempts, maxMessageBytes, 5);
    }

    /** From the runtime settings. */
    public static Runtime of(org.driftsim.config.RuntimeSettings r) {
      return new Runtime(r.requestTimeout(), r.maxAttempts(), r.maxMessageBytes(),
          r.maxRecoveries());
    }
  }

  /** A simulation from step 0. */
  public SimulationJob(String job, Manifold manifold, FieldSpec spec, double[][] positives,
      double[][] particles, int steps, double eta, double stepCap, int bankPartitions,
      int particlePartitions, Set<Long> snapshotSteps, Runtime runtime) {
    this(job, manifold, spec, positives, particles, 0, steps, eta, stepCap, bankPartitions,
        particlePartitions, snapshotSteps, runtime);
  }

  public SimulationJob {
    Checks.positive("bank partitions", bankPartitions);
    Checks.positive("particle partitions", particlePartitions);
    if (particles.length < particlePartitions) {
      throw new IllegalArgumentException("particles must be at least the number of particle "
          + "partitions (" + particlePartitions + "), got " + particles.length);
    }
    if (positives.length < bankPartitions) {
      throw new IllegalArgumentException("positives must be at least the number of bank "
          + "partitions (" + bankPartitions + "), got " + positives.length);
    }
    if (firstStep < 0 || firstStep > steps) {
      throw new IllegalArgumentException("the first step must be in [0, steps = " + steps
          + "], got " + firstStep);
    }
    snapshotSteps = Set.copyOf(snapshotSteps);
    spec.checkSupports(manifold);
  }
}
