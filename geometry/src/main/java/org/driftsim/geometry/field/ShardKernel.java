package org.driftsim.geometry.field;

import org.driftsim.geometry.Manifold;

/**
 * Computes the partial sums of one shard of references: the unit of work that a partition does
 * on its device. The float64 reference ({@link ReferenceKernel}), the ND4J engines and the actor
 * runtime all implement or call this, and {@link DriftFields#compute(ShardKernel, FieldSpec,
 * Manifold, QueryBatch, java.util.List)} merges their results in shard order, so every engine
 * shares one orchestration.
 *
 * @param <S> the engine's resident form of a shard (e.g. float32 arrays on a device)
 */
public interface ShardKernel<S> {

  /** The engine's name, as on the command line ({@code reference}, {@code nd4j}, …). */
  String name();

  /** Makes a shard resident in the engine's own form; done once, reused every step. */
  S load(ReferenceSet references, Manifold manifold);

  /** Partial sums of every field but {@code deng_coded}. */
  Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries, S shard);

  /** {@code deng_coded} round 1. */
  DengCoded.ScaleSums scaleSums(FieldSpec spec, Manifold manifold, QueryBatch queries, S shard);

  /** {@code deng_coded} round 2. */
  DengCoded.RowSums rowSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, S shard);

  /** {@code deng_coded} round 3. */
  DengCoded.Sums sums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, double[] rowLogSumExp, S shard);
}
