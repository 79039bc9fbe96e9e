package org.driftsim.geometry.field;

import java.util.ArrayList;
import java.util.List;
import org.driftsim.geometry.Manifold;

/**
 * One-call entry points: the field of a batch of queries, computed through the partial-sum path
 * (unsplit, or over a list of shards merged in list order).
 *
 * <pre>{@code
 * Manifold sphere = new Sphere(2);
 * FieldSpec spec = FieldSpec.of(FieldType.GRADIENT,
 *     KernelSpec.parse("laplace(tau=0.2)"), List.of(0.2, 0.5));
 * double[][] v = DriftFields.compute(spec, sphere, QueryBatch.of(x),
 *     ReferenceSet.of(Side.POSITIVE, data), ReferenceSet.of(Side.NEGATIVE, samples));
 * }</pre>
 */
public final class DriftFields {
  private DriftFields() {}

  /**
   * The field at the queries.
   *
   * @param positives the positives, a set on {@link Side#POSITIVE}
   * @param negatives the negatives on {@link Side#NEGATIVE}, or {@code null} for none (then
   *     A_N = 0)
   * @throws IllegalArgumentException if a set is on the other side: each shard is reduced by its
   *     own {@link ReferenceSet#side()}, so a swapped set would silently flip the sign of its term
   */
  public static double[][] compute(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet positives, ReferenceSet negatives) {
    if (positives.side() != Side.POSITIVE) {
      throw new IllegalArgumentException(
          "positives must be on side POSITIVE, got " + positives.side());
    }
    if (negatives != null && negatives.side() != Side.NEGATIVE) {
      throw new IllegalArgumentException(
          "negatives must be on side NEGATIVE, got " + negatives.side());
    }
    List<ReferenceSet> shards = new ArrayList<>(2);
    shards.add(positives);
    if (negatives != null) {
      shards.add(negatives);
    }
    return computeSharded(spec, manifold, queries, shards);
  }

  /** The field from shards of references (either side), merged in list order. */
  public static double[][] computeSharded(FieldSpec spec, Manifold manifold, QueryBatch queries,
      List<ReferenceSet> shards) {
    return compute(ReferenceKernel.INSTANCE, spec, manifold, queries, shards);
  }

  /**
   * The field from resident shards computed by any {@link ShardKernel}; partial sums merge in
   * list order (so the result does not depend on which shard answers first), and
   * {@code deng_coded} runs its three rounds.
   */
  public static <S> double[][] compute(ShardKernel<S> kernel, FieldSpec spec, Manifold manifold,
      QueryBatch queries, List<S> shards) {
    if (spec.type() == FieldType.DENG_CODED) {
      DengCoded coded = DengCoded.of(spec, manifold);
      DengCoded.ScaleSums scaleSums = DengCoded.ScaleSums.identity();
      for (S shard : shards) {
        scaleSums = scaleSums.combine(kernel.scaleSums(spec, manifold, queries, shard));
      }
      DengCoded.Scale scale = coded.scale(scaleSums, queries.size());
      DengCoded.RowSums rows = DengCoded.RowSums.identity(spec.temperatures(), queries.size());
      for (S shard : shards) {
        rows = rows.combine(kernel.rowSums(spec, manifold, queries, scale, shard));
      }
      double[] lse = coded.rowLogSumExp(rows);
      DengCoded.Sums sums = DengCoded.Sums.identity(spec.temperatures(), queries.size(),
          manifold.ambientDimension());
      for (S shard : shards) {
        sums = sums.combine(kernel.sums(spec, manifold, queries, scale, lse, shard));
      }
      return coded.finish(sums, scale);
    }
    FieldReduction reduction = FieldReduction.of(spec, manifold);
    Partials merged = reduction.identity(queries.size());
    for (S shard : shards) {
      merged.mergeFrom(kernel.partials(spec, manifold, queries, shard));
    }
    return reduction.finish(merged);
  }
}
