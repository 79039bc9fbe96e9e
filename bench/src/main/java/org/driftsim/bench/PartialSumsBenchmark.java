package org.driftsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inner loop of every step: the partial kernel sums of N queries against resident shards of
 * M references (half positives, half negatives), merged and finished into V. Each engine is
 * measured in the same run, so the ratios compare like with like.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class PartialSumsBenchmark {
  @Param({"nd4j", "nd4j-dense"})
  public String engine;

  @Param({"euclidean:3", "sphere:3", "euclidean:64"})
  public String space;

  @Param({"laplace"})
  public String kernel;

  @Param({"1024"})
  public int n;

  @Param({"16384"})
  public int m;

  private FieldEngine<?> fieldEngine;
  private Runnable step;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = space.split(":");
    Manifold manifold = Geometry.parse("space", parts[0]).manifold(Integer.parseInt(parts[1]), 1);
    Random random = new Random(1);
    QueryBatch queries = QueryBatch.of(points(manifold, n, random));
    List<ReferenceSet> shards = List.of(
        ReferenceSet.of(Side.POSITIVE, points(manifold, m / 2, random)),
        ReferenceSet.of(Side.NEGATIVE, points(manifold, m - m / 2, random)));
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse(kernel + "(tau=0.5)"),
        List.of(0.5));
    fieldEngine = Engines.create(engine, Runtime.getRuntime().availableProcessors());
    step = prepare(fieldEngine, spec, manifold, queries, shards);
  }

  private static <S> Runnable prepare(FieldEngine<S> e, FieldSpec spec, Manifold manifold,
      QueryBatch queries, List<ReferenceSet> shards) {
    List<S> resident = new ArrayList<>();
    for (ReferenceSet s : shards) {
      resident.add(e.load(s, manifold));
    }
    return () -> DriftFields.compute(e, spec, manifold, queries, resident);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fieldEngine.close();
  }

  @Benchmark
  public void partialSums() {
    step.run();
  }

  /** Random points with median pairwise distance about 1. */
  static double[][] points(Manifold manifold, int count, Random random) {
    int d = manifold.ambientDimension();
    double[][] out = new double[count][d];
    for (double[] p : out) {
      for (int k = 0; k < d; k++) {
        p[k] = random.nextGaussian() / Math.sqrt(2.0 * d);
      }
    }
    if (manifold.geometry() != Geometry.EUCLIDEAN) {
      for (int i = 0; i < count; i++) {
        out[i] = manifold.fromData(out[i]);
      }
    }
    return out;
  }
}
