package org.driftsim.geometry.field;

import org.driftsim.geometry.Manifold;

/** The float64 reference as a {@link ShardKernel}: shards stay as they are. */
public final class ReferenceKernel implements ShardKernel<ReferenceSet> {
  /** The one instance (the reference keeps no state). */
  public static final ReferenceKernel INSTANCE = new ReferenceKernel();

  private ReferenceKernel() {}

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public ReferenceSet load(ReferenceSet references, Manifold manifold) {
    return references;
  }

  @Override
  public Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet shard) {
    return FieldReduction.of(spec, manifold).partials(queries, shard);
  }

  @Override
  public DengCoded.ScaleSums scaleSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet shard) {
    return DengCoded.of(spec, manifold).scaleSums(queries, shard);
  }

  @Override
  public DengCoded.RowSums rowSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, ReferenceSet shard) {
    return DengCoded.of(spec, manifold).rowSums(queries, scale, shard);
  }

  @Override
  public DengCoded.Sums sums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, double[] rowLogSumExp, ReferenceSet shard) {
    return DengCoded.of(spec, manifold).sums(queries, scale, rowLogSumExp, shard);
  }
}
