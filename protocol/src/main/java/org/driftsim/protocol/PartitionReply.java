package org.driftsim.protocol;

import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.Partials;

/** What partitions send back; received by the job coordinator's per-step gatherers. */
public sealed interface PartitionReply extends WireMessage {

  /** The partition's index within its kind (bank or particle), ≥ 0. */
  int partition();

  /** A reply to a {@link PartitionCommand.Query}. */
  sealed interface QueryReply extends PartitionReply {
    /** The request answered. */
    RequestId id();
  }

  /** Partial sums of a block of queries against this partition's references. */
  record PartialSumsReply(RequestId id, int partition, Partials partials) implements QueryReply {}

  /** {@code deng_coded} round 1. */
  record ScaleSumsReply(RequestId id, int partition, DengCoded.ScaleSums sums)
      implements QueryReply {}

  /** {@code deng_coded} round 2. */
  record RowSumsReply(RequestId id, int partition, DengCoded.RowSums sums) implements QueryReply {}

  /** {@code deng_coded} round 3. */
  record DengSumsReply(RequestId id, int partition, DengCoded.Sums sums) implements QueryReply {}

  /** The partition could not answer the request (for example, it holds no references yet). */
  record QueryFailed(RequestId id, int partition, String message) implements QueryReply {}

  /** A particle partition's particles at a step ([n, D] points and n ids). */
  record Particles(String job, long step, int partition, double[][] points, long[] ids)
      implements PartitionReply {}

  /** What an {@link Ack} confirms. */
  enum AckKind { LOADED, APPENDED, MOVED, RELEASED }

  /**
   * Confirms a state change.
   *
   * @param step the step of a move, −1 for the others
   * @param size references (or particles) held afterwards
   */
  record Ack(String job, int partition, AckKind kind, long step, int size)
      implements PartitionReply {}

  /**
   * What a partition holds.
   *
   * @param appliedStep the last step whose moves were applied, −1 if none
   */
  record Status(String job, int partition, int positives, int negatives, long appliedStep)
      implements PartitionReply {}
}
