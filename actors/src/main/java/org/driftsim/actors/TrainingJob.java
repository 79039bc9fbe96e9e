package org.driftsim.actors;

import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;

/**
 * A generator training job (MATH.md §4): every step the {@link Trainer} generates a batch, the
 * coordinator computes the drift field V at it through the partitions — positives in the bank
 * partitions, the batch itself (each sample skipping its own copy) and any extra negatives in
 * the particle partitions — and hands V back to the trainer, which updates the generator.
 *
 * @param job the job's name
 * @param manifold where the generated samples and the positives live
 * @param spec the field
 * @param positives the positives loaded once into the bank partitions ([M, D], split into
 *     contiguous shards), or none when the trainer's batches carry positives every step
 * @param firstStep the first step to run: 0, or the step a resumed job continues from
 * @param steps optimizer steps in all (the job runs steps firstStep … steps−1)
 * @param bankPartitions partitions for the positives (ids 0 … B−1)
 * @param particlePartitions partitions for the negatives (ids B … B+P−1)
 * @param trainer the generator side; runs on a thread of its own and may block
 * @param runtime timeouts, attempts and the message budget
 */
public record TrainingJob(String job, Manifold manifold, FieldSpec spec, double[][] positives,
    long firstStep, long steps, int bankPartitions, int particlePartitions, Trainer trainer,
    SimulationJob.Runtime runtime) {

  public TrainingJob {
    Checks.positive("bank partitions", bankPartitions);
    Checks.positive("particle partitions", particlePartitions);
    if (firstStep < 0 || firstStep >= steps) {
      throw new IllegalArgumentException("the first step must be in [0, steps = " + steps
          + "), got " + firstStep);
    }
    if (positives.length > 0 && positives.length < bankPartitions) {
      throw new IllegalArgumentException("positives must be none or at least the number of bank"
          + " partitions (" + bankPartitions + "), got " + positives.length);
    }
    if (trainer == null) {
      throw new IllegalArgumentException("trainer must be non-null, got null");
    }
    spec.checkSupports(manifold);
  }
}
