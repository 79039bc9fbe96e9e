package org.driftsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.driftsim.datasets.Rngs;
import org.driftsim.datasets.Targets;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.gpu.Backends;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import org.driftsim.gpu.nn.MlpSpec;
import org.driftsim.gpu.nn.Networks;
import org.driftsim.gpu.nn.OutputHead;
import org.driftsim.gpu.nn.OutputHeads;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizers;
import org.driftsim.gpu.optim.Schedule;
import org.driftsim.gpu.train.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftsim bench train-step}: times the computation of one generator training step
 * (MATH.md §4) in one JVM, split into the generator's share and the drift field's share.
 *
 * <p>Generator ({@link Generator}): draw z, the MLP's forward pass and the output head; after the
 * field, the loss gradient g = −2·log_x(t)/B at the frozen targets t = exp_x(ηV), the head's and
 * the MLP's backward passes, an Adam update and the EMA. Drift: the current batch becomes the negatives (each query
 * skips its own copy) and V(x) is computed by the engine against them and a resident bank of
 * positives (target samples), as a bank partition holds them. No actors: this is the step's
 * arithmetic, the baseline against which the actor runtime's training path is to be measured.
 */
@Command(name = "train-step", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Times one generator training step (MLP forward/backward, Adam, output head) "
        + "and its drift field, separately.")
final class TrainStepBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--batch", defaultValue = "2048", description = "Generated samples B per step "
      + "(default 2048).") int batch;
  @Option(names = "--positives", defaultValue = "2048",
      description = "Resident positives (default 2048).") int positives;
  @Option(names = "--geometry", defaultValue = "sphere",
      description = "euclidean (R^3) or sphere (S^2) (default sphere).") String geometry;
  @Option(names = "--target", defaultValue = "checkerboard",
      description = "The positives' distribution (default checkerboard).") String target;
  @Option(names = "--noise", defaultValue = "16", description = "Noise dimension k.") int noise;
  @Option(names = "--width", defaultValue = "256", description = "Hidden width.") int width;
  @Option(names = "--depth", defaultValue = "5", description = "Hidden layers.") int depth;
  @Option(names = "--kernel", defaultValue = "laplace") String kernel;
  @Option(names = "--field", defaultValue = "gradient") String field;
  @Option(names = "--tau", defaultValue = "0.2") double tau;
  @Option(names = "--eta", defaultValue = "1.0", description = "Step size η of the targets.")
  double eta;
  @Option(names = "--engine", defaultValue = "nd4j") String engine;
  @Option(names = "--threads", defaultValue = "2", description = "Engine threads.") int threads;
  @Option(names = "--warmup", defaultValue = "5") int warmup;
  @Option(names = "--repeats", defaultValue = "20") int repeats;
  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;

  @Override
  public Integer call() {
    BenchCommand.Sums.positive("--batch", batch);
    BenchCommand.Sums.positive("--positives", positives);
    BenchCommand.Sums.positive("--noise", noise);
    BenchCommand.Sums.positive("--threads", threads);
    BenchCommand.Sums.positive("--repeats", repeats);
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    }
    Geometry g = Geometry.parse("--geometry", geometry);
    if (g != Geometry.EUCLIDEAN && g != Geometry.SPHERE) {
      throw new IllegalArgumentException("--geometry must be euclidean or sphere, got "
          + geometry);
    }
    Manifold manifold = g.manifold(3, 1);
    FieldType type = FieldType.parse("--field", field);
    if (type == FieldType.DENG_CODED) {
      throw new IllegalArgumentException("--field must be deng, gradient, sharp or mmd, got "
          + field);
    }
    FieldSpec fieldSpec = BenchCommand.fieldSpec(type, KernelFamily.parse("--kernel", kernel),
        tau, null, null, null);
    fieldSpec.checkSupports(manifold);
    OutputHead head = OutputHeads.forManifold(manifold);
    MlpSpec mlp = new MlpSpec(noise, width, depth, head.inputDimension());
    Generator generator = new Generator(Networks.mlp(mlp, seed), head,
        Optimizers.adam(Schedule.constant(1e-3), 0.9, 0.999, 1e-8), new Ema(0.999));
    double[][] data = Targets.parse(target, g).sample(positives, Rngs.stream(seed, 0, "data"));

    double[] generatorSeconds = new double[repeats];
    double[] driftSeconds = new double[repeats];
    float[] z = new float[batch * noise];
    double[] ones = new double[batch];
    Arrays.fill(ones, 1.0);
    String backend;
    try (FieldEngine<?> e = Engines.create(engine, threads)) {
      backend = engine.equals("reference") ? "jvm" : Backends.current().name();
      Object bank = e.load(ReferenceSet.of(Side.POSITIVE, data), manifold);
      for (int step = -warmup; step < repeats; step++) {
        long t0 = System.nanoTime();
        RandomGenerator rng = Rngs.stream(seed, step + warmup, "z");
        for (int i = 0; i < z.length; i++) {
          z[i] = (float) rng.nextGaussian();
        }
        double[][] points = generator.generate(z, batch);
        long t1 = System.nanoTime();
        QueryBatch queries = QueryBatch.of(points);
        double[][] v = field(e, bank, fieldSpec, manifold, queries,
            new ReferenceSet(Side.NEGATIVE, points, ones, queries.ids()));
        long t2 = System.nanoTime();
        generator.step(v, eta, Double.POSITIVE_INFINITY);
        long t3 = System.nanoTime();
        if (step >= 0) {
          generatorSeconds[step] = ((t1 - t0) + (t3 - t2)) * 1e-9;
          driftSeconds[step] = (t2 - t1) * 1e-9;
        }
      }
    }
    double gen = BenchCommand.median(generatorSeconds);
    double drift = BenchCommand.median(driftSeconds);
    double[] total = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      total[r] = generatorSeconds[r] + driftSeconds[r];
    }
    double step = BenchCommand.median(total);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(String.format(Locale.ROOT, "{\"benchmark\": \"train-step\", "
              + "\"step_seconds_median\": %.6g, \"generator_seconds_median\": %.6g, "
              + "\"drift_seconds_median\": %.6g, \"batch\": %d, \"positives\": %d, "
              + "\"network\": \"%s\", \"geometry\": \"%s\", \"field\": \"%s\", "
              + "\"engine\": \"%s\", \"backend\": \"%s\", \"threads\": %d, \"repeats\": %d, "
              + "\"peak_rss_bytes\": %d}",
          step, gen, drift, batch, positives, mlp, g.cliName(),
          fieldSpec, engine, backend, threads, repeats, BenchCommand.Sums.peakRss()));
    } else {
      out.printf(Locale.ROOT, "train step (B=%d, %s, %s): %.1f ms median = generator %.1f ms "
              + "+ drift %.1f ms%n", batch, mlp, fieldSpec,
          step * 1e3, gen * 1e3, drift * 1e3);
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static <S> double[][] field(FieldEngine<S> e, Object bank, FieldSpec spec,
      Manifold manifold, QueryBatch queries, ReferenceSet negatives) {
    List<S> resident = new ArrayList<>();
    resident.add((S) bank);
    resident.add(e.load(negatives, manifold));
    return DriftFields.compute(e, spec, manifold, queries, resident);
  }
}
