package org.driftsim.gpu.internal;

import java.util.concurrent.ExecutorService;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.gpu.FieldEngine;

/** The {@code nd4j} engine on the CPU: the fused Vector API kernel and float32 deng_coded. */
public final class FusedCpuEngine implements FieldEngine<Object> {
  private final ExecutorService pool;
  private final FusedCpuKernel kernel;
  private final DengCoded32 coded;

  public FusedCpuEngine(int threads) {
    this.pool = Threads.pool("driftsim-nd4j", threads);
    this.kernel = new FusedCpuKernel(pool);
    this.coded = new DengCoded32(pool);
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public Object load(ReferenceSet references, Manifold manifold) {
    return kernel.upload(references, manifold);
  }

  @Override
  public Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries, Object shard) {
    return kernel.partials(spec, manifold, queries, shard);
  }

  @Override
  public DengCoded.ScaleSums scaleSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      Object shard) {
    DengCoded.of(spec, manifold); // validates the geometry
    return coded.scaleSums(queries, (CpuShard) shard);
  }

  @Override
  public DengCoded.RowSums rowSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, Object shard) {
    return coded.rowSums(queries, scale, temperatures(spec), (CpuShard) shard);
  }

  @Override
  public DengCoded.Sums sums(FieldSpec spec, Manifold manifold, QueryBatch queries,
      DengCoded.Scale scale, double[] rowLogSumExp, Object shard) {
    return coded.sums(queries, scale, temperatures(spec), rowLogSumExp, (CpuShard) shard);
  }

  static double[] temperatures(FieldSpec spec) {
    return spec.kernels().stream().mapToDouble(k -> k.tau()).toArray();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
