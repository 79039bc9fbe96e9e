package org.driftsim.actors;

/**
 * The generator side of a {@link TrainingJob}, called by the coordinator's trainer actor on a
 * thread of its own (a pinned dispatcher when the node has one, Pekko's blocking dispatcher
 * otherwise), one call at a time, so it may block: forward and backward passes, evaluation,
 * checkpoints. An exception fails the job with its message.
 */
public interface Trainer {

  /**
   * One step's samples.
   *
   * @param generated the generated batch x = f(z) ([B, D]): the queries, and negatives with ids
   *     0 … B−1 so that each query skips its own copy
   * @param positives positives to load into the bank partitions before this step's field
   *     (replacing the ones held), or null to keep them
   * @param extraNegatives further negatives, e.g. drawn from a bank of earlier samples ([E, D],
   *     ids B … B+E−1), possibly empty
   */
  record Batch(double[][] generated, double[][] positives, double[][] extraNegatives) {
    public Batch {
      if (generated == null || generated.length == 0) {
        throw new IllegalArgumentException("a batch must hold at least one generated sample");
      }
      if (extraNegatives == null) {
        extraNegatives = new double[0][];
      }
    }
  }

  /**
   * How the step's field was obtained.
   *
   * @param driftSeconds wall time from the batch to the merged field (loads and queries)
   * @param partitions partitions asked
   * @param attempts the most sends of one request in the step
   */
  record FieldInfo(double driftSeconds, int partitions, int attempts) {}

  /** Generates step {@code step}'s batch (steps count from 0). */
  Batch generate(long step);

  /** Updates the generator from V at the batch of {@link #generate}, one row per sample. */
  void update(long step, double[][] field, FieldInfo info);
}
