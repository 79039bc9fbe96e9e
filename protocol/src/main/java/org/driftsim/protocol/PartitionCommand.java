package org.driftsim.protocol;

import org.apache.pekko.actor.typed.ActorRef;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;

/**
 * The messages a partition ({@code BankPartition} or {@code ParticlePartition}) receives. Every
 * one names its job and carries the {@code replyTo} that gets a {@link PartitionReply}.
 */
public sealed interface PartitionCommand extends WireMessage {

  /** The job this message belongs to. */
  String job();

  /**
   * Asks for this partition's partial sums for a block of queries; answered by the reply that
   * matches {@link RequestId#round()} or by {@link PartitionReply.QueryFailed}.
   *
   * @param id correlates the reply
   * @param spec the field
   * @param manifold the manifold the queries and references live on
   * @param queries the query points and their ids
   * @param scale {@code deng_coded}'s merged scale for rounds 2 and 3, else {@code null}
   * @param rowLogSumExp {@code deng_coded}'s merged row log-sum-exp for round 3 ([T·N]), else
   *     {@code null}
   */
  record Query(RequestId id, FieldSpec spec, ManifoldSpec manifold, QueryBatch queries,
      DengCoded.Scale scale, double[] rowLogSumExp, ActorRef<PartitionReply> replyTo)
      implements PartitionCommand {
    @Override
    public String job() {
      return id.job();
    }
  }

  /**
   * Replaces the partition's references on {@code references.side()} (a particle partition: its
   * particles, which are negatives); answered by {@link PartitionReply.Ack} with
   * {@link PartitionReply.AckKind#LOADED}.
   */
  record LoadReferences(String job, ManifoldSpec manifold, ReferenceSet references,
      ActorRef<PartitionReply> replyTo) implements PartitionCommand {}

  /**
   * Appends references to a memory bank that keeps the newest {@code capacity} (first in, first
   * out); answered by {@link PartitionReply.Ack} with {@link PartitionReply.AckKind#APPENDED}.
   */
  record AppendReferences(String job, ReferenceSet references, int capacity,
      ActorRef<PartitionReply> replyTo) implements PartitionCommand {}

  /** Asks a particle partition for its particles at a step; answered by {@link PartitionReply.Particles}. */
  record GetParticles(String job, long step, ActorRef<PartitionReply> replyTo)
      implements PartitionCommand {}

  /**
   * Moves a particle partition's particles by x ← exp_x(η·V), with the tangent step's norm capped
   * at {@code stepCap} ({@code +∞} for no cap). Applied at most once per step: a repeated
   * message for a step already applied is acknowledged without moving again. Answered by
   * {@link PartitionReply.Ack} with {@link PartitionReply.AckKind#MOVED}.
   *
   * @param ids the particles' ids, in the order of {@code drift}
   * @param drift V at each particle ([n, D])
   */
  record ApplyMoves(String job, long step, long[] ids, double[][] drift, double eta,
      double stepCap, ActorRef<PartitionReply> replyTo) implements PartitionCommand {}

  /** Drops the job's state; answered by {@link PartitionReply.Ack} with {@link PartitionReply.AckKind#RELEASED}. */
  record Release(String job, ActorRef<PartitionReply> replyTo) implements PartitionCommand {}

  /** Asks what the partition holds; answered by {@link PartitionReply.Status}. */
  record Ping(String job, ActorRef<PartitionReply> replyTo) implements PartitionCommand {}
}
