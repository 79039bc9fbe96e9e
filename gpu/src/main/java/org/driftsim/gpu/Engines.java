package org.driftsim.gpu;

import java.util.List;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceKernel;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.gpu.internal.DenseEngine;

/**
 * Creates field engines by their command-line names.
 *
 * <pre>{@code
 * try (FieldEngine<?> engine = Engines.create("nd4j", 2)) {
 *   double[][] v = Engines.compute(engine, spec, manifold, queries, List.of(pos, neg));
 * }
 * }</pre>
 */
public final class Engines {
  /** The engine names, default first. */
  public static final List<String> NAMES = List.of("nd4j", "nd4j-dense", "reference");

  private Engines() {}

  /**
   * Creates an engine.
   *
   * @param name {@code nd4j} (the backend's fastest kernel), {@code nd4j-dense} (the
   *     tensor-library baseline) or {@code reference} (float64)
   * @param threads compute threads (the reference uses one)
   */
  public static FieldEngine<?> create(String name, int threads) {
    return switch (name) {
      case "nd4j" -> Backends.current().fusedEngine(threads);
      case "nd4j-dense" -> {
        Backends.current(); // logs the backend once
        yield new DenseEngine(threads);
      }
      case "reference" -> new Reference();
      default -> throw new IllegalArgumentException(
          "--engine must be one of " + String.join(", ", NAMES) + ", got " + name);
    };
  }

  /**
   * Loads the shards into the engine and computes the field, merging partial sums in shard
   * order (see {@link org.driftsim.geometry.field.DriftFields#compute}).
   */
  public static <S> double[][] compute(FieldEngine<S> engine, FieldSpec spec, Manifold manifold,
      QueryBatch queries, List<ReferenceSet> shards) {
    List<S> resident = shards.stream().map(s -> engine.load(s, manifold)).toList();
    return org.driftsim.geometry.field.DriftFields.compute(engine, spec, manifold, queries,
        resident);
  }

  /** The float64 reference as an engine. */
  private static final class Reference implements FieldEngine<ReferenceSet> {
    private final ReferenceKernel kernel = ReferenceKernel.INSTANCE;

    @Override
    public String name() {
      return kernel.name();
    }

    @Override
    public ReferenceSet load(ReferenceSet references, Manifold manifold) {
      return kernel.load(references, manifold);
    }

    @Override
    public Partials partials(FieldSpec spec, Manifold manifold, QueryBatch queries,
        ReferenceSet shard) {
      return kernel.partials(spec, manifold, queries, shard);
    }

    @Override
    public DengCoded.ScaleSums scaleSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
        ReferenceSet shard) {
      return kernel.scaleSums(spec, manifold, queries, shard);
    }

    @Override
    public DengCoded.RowSums rowSums(FieldSpec spec, Manifold manifold, QueryBatch queries,
        DengCoded.Scale scale, ReferenceSet shard) {
      return kernel.rowSums(spec, manifold, queries, scale, shard);
    }

    @Override
    public DengCoded.Sums sums(FieldSpec spec, Manifold manifold, QueryBatch queries,
        DengCoded.Scale scale, double[] rowLogSumExp, ReferenceSet shard) {
      return kernel.sums(spec, manifold, queries, scale, rowLogSumExp, shard);
    }

    @Override
    public void close() {}
  }
}
