package org.driftsim.cli;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.driftsim.actors.DeviceBinding;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.actors.JobCoordinator;
import org.driftsim.actors.SimulationJob;
import org.driftsim.config.RuntimeSettings;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldReduction;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Backends;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftsim bench}: benchmark entry points (JMH suites live in bench/). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of the compute engines.",
    subcommands = {BenchCommand.Sums.class, BenchCommand.Actors.class, TrainStepBench.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The field of a benchmark: one temperature; rq, Matérn and spectral defaults filled in. */
  static FieldSpec fieldSpec(FieldType type, KernelFamily family, double tau, Double alpha,
      Double nu, Integer lmax) {
    return type == FieldType.DENG_CODED
        ? FieldSpec.dengCoded(List.of(tau))
        : FieldSpec.of(type, new KernelSpec(family, tau,
            family.takesAlpha() ? (alpha == null ? 2.0 : alpha) : Double.NaN,
            family.takesNu() ? (nu == null ? 1.5 : nu) : Double.NaN,
            family.takesLmax() ? (lmax == null ? 30 : lmax) : 0), List.of(tau));
  }

  /** The median of some timings. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
  }

  /**
   * {@code driftsim bench sums}: times one field evaluation (partial sums of every shard, merge,
   * finish) on seeded random data whose median pairwise distance is about 1, with the shards
   * already resident, as a partition holds them.
   */
  @Command(name = "sums", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Times the partial kernel sums of N queries against M references "
          + "(half positives, half negatives); pairs = N·M.")
  static final class Sums implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", required = true, description = "Queries N.") int n;
    @Option(names = "--m", required = true, description = "References M in total.") int m;
    @Option(names = "--dim", required = true,
        description = "Ambient dimension (S^d: d+1; simplex: K).") int dim;
    @Option(names = "--geometry", defaultValue = "euclidean") String geometry;
    @Option(names = "--kernel", defaultValue = "laplace") String kernel;
    @Option(names = "--field", defaultValue = "gradient") String field;
    @Option(names = "--tau", defaultValue = "0.5") double tau;
    @Option(names = "--alpha", description = "rq shape (default 2).") Double alpha;
    @Option(names = "--nu", description = "Matérn smoothness (default 1.5).") Double nu;
    @Option(names = "--lmax", description = "Spectral truncation (default 30).") Integer lmax;
    @Option(names = "--engine", defaultValue = "nd4j") String engine;
    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs (default 5).")
    int repeats;
    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs (default 2).")
    int warmup;
    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
      positive("--n", n);
      positive("--m", m);
      positive("--dim", dim);
      positive("--repeats", repeats);
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
      }
      int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      positive("--threads", threadCount);
      Geometry g = Geometry.parse("--geometry", geometry);
      FieldType type = FieldType.parse("--field", field);
      KernelFamily family = KernelFamily.parse("--kernel", kernel);
      Manifold manifold = g.manifold(dim, 1);
      FieldSpec fieldSpec = fieldSpec(type, family, tau, alpha, nu, lmax);
      fieldSpec.checkSupports(manifold);

      Random random = new Random(seed);
      QueryBatch queries = QueryBatch.of(points(manifold, n, random));
      ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, points(manifold, m - m / 2, random));
      ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE, points(manifold, m / 2, random));
      double[] seconds = new double[repeats];
      String backend;
      try (FieldEngine<?> e = Engines.create(engine, threadCount)) {
        backend = engine.equals("reference") ? "jvm" : Backends.current().name();
        seconds = time(e, fieldSpec, manifold, queries, List.of(pos, neg));
      }
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      double median = median(seconds);
      double pairs = (double) n * m;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(String.format(Locale.ROOT, "{\"pairs_per_second\": %.6g, "
                + "\"seconds_median\": %.6g, \"seconds_min\": %.6g, \"peak_rss_bytes\": %d, "
                + "\"n\": %d, \"m\": %d, \"dim\": %d, \"geometry\": \"%s\", \"kernel\": \"%s\", "
                + "\"field\": \"%s\", \"tau\": %s, \"engine\": \"%s\", \"backend\": \"%s\", "
                + "\"threads\": %d, \"repeats\": %d, \"seconds\": %s}",
            pairs / median, median, sorted[0], peakRss(), n, m, dim, g.cliName(),
            family.cliName(), type.cliName(), tau, engine, backend, threadCount, repeats,
            Arrays.toString(seconds)));
      } else {
        out.printf(Locale.ROOT, "%s %s %s %s d=%d N=%d M=%d: %.3g pairs/s (median %.4f s, "
                + "min %.4f s over %d runs), peak RSS %d MB%n", engine, g.cliName(),
            family.cliName(), type.cliName(), dim, n, m, pairs / median, median, sorted[0],
            repeats, peakRss() >> 20);
      }
      return 0;
    }

    private <S> double[] time(FieldEngine<S> e, FieldSpec fieldSpec, Manifold manifold,
        QueryBatch queries, List<ReferenceSet> shards) {
      List<S> resident = new ArrayList<>();
      for (ReferenceSet s : shards) {
        resident.add(e.load(s, manifold));
      }
      double[] seconds = new double[repeats];
      for (int r = -warmup; r < repeats; r++) {
        long start = System.nanoTime();
        DriftFields.compute(e, fieldSpec, manifold, queries, resident);
        double s = (System.nanoTime() - start) * 1e-9;
        if (r >= 0) {
          seconds[r] = s;
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "%s run %d: %.4f s%n",
            r < 0 ? "warm-up" : "timed", r < 0 ? r + warmup + 1 : r + 1, s);
      }
      return seconds;
    }

    static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be > 0, got " + value);
      }
    }

    /** Random points with median pairwise distance about 1 (simplex: Dirichlet-like). */
    static double[][] points(Manifold manifold, int count, Random random) {
      int d = manifold.dataDimension();
      double[][] out = new double[count][];
      for (int i = 0; i < count; i++) {
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
          v[k] = random.nextGaussian();
        }
        switch (manifold.geometry()) {
          case EUCLIDEAN -> {
            for (int k = 0; k < d; k++) {
              v[k] /= Math.sqrt(2.0 * d);
            }
            out[i] = v;
          }
          case SPHERE -> out[i] = manifold.fromData(v);
          case HYPERBOLOID -> {
            for (int k = 1; k < d; k++) {
              v[k] *= 0.6;
            }
            out[i] = manifold.fromData(v);
          }
          case SIMPLEX -> {
            double sum = 0;
            for (int k = 0; k < d; k++) {
              v[k] = Math.exp(v[k]);
              sum += v[k];
            }
            for (int k = 0; k < d; k++) {
              v[k] /= sum;
            }
            out[i] = manifold.fromData(v);
          }
          default -> throw new IllegalStateException("unreachable");
        }
      }
      return out;
    }

    /** Peak resident set size from /proc/self/status (VmHWM), or −1 where unavailable. */
    static long peakRss() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1; // not Linux: reported as unknown
      }
      return -1;
    }
  }

  /**
   * {@code driftsim bench actors}: what the actor runtime costs. One evaluation of the actor path
   * is what {@code driftsim field --engine actors --partitions P} does once the embedded
   * one-node cluster is up: the coordinator loads slice p of the positives and of the negatives
   * into bank partition p, sends the queries, merges the replies in partition order, finishes
   * V and releases the partitions. One evaluation of the direct path does the same work without
   * actors: P threads, each owning one engine with one compute thread (as each partition owns
   * its pinned thread and its engine), load the same slices and compute their partial sums
   * (positives, then negatives, merged as a partition merges them); the partials are merged in
   * partition order and finished. Both paths make their shards resident in every evaluation.
   * The paths alternate, warm-up first; both fields must agree to 1e-5 relative.
   */
  @Command(name = "actors", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
          "Times the field through P bank partition actors on the embedded one-node cluster "
              + "(driftsim field --engine actors) against the same engine called directly on "
              + "the same P shards with the same parallelism (P threads, one engine thread "
              + "each) and the same merge; reports both medians and their ratio.",
          "References: M in total, half positives and half negatives; pairs = N·M."})
  static final class Actors implements Callable<Integer> {
    /** The two paths must give the same field up to float32 rounding. */
    private static final double AGREEMENT = 1e-5;

    @Spec CommandSpec spec;

    @Option(names = "--n", required = true, description = "Queries N.") int n;
    @Option(names = "--m", required = true, description = "References M in total.") int m;
    @Option(names = "--dim", required = true,
        description = "Ambient dimension (S^d: d+1; simplex: K).") int dim;
    @Option(names = "--partitions", defaultValue = "8",
        description = "Bank partitions P (default 8).") int partitions;
    @Option(names = "--geometry", defaultValue = "euclidean") String geometry;
    @Option(names = "--kernel", defaultValue = "laplace") String kernel;
    @Option(names = "--field", defaultValue = "gradient",
        description = "deng, gradient, sharp or mmd (default gradient).") String field;
    @Option(names = "--tau", defaultValue = "0.5") double tau;
    @Option(names = "--engine", defaultValue = "nd4j",
        description = "The partitions' engine: nd4j, nd4j-dense or reference (default nd4j).")
    String engine;
    @Option(names = "--repeats", defaultValue = "5",
        description = "Timed evaluations of each path (default 5).") int repeats;
    @Option(names = "--warmup", defaultValue = "2",
        description = "Untimed evaluations of each path (default 2).") int warmup;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() throws Exception {
      Sums.positive("--n", n);
      Sums.positive("--m", m);
      Sums.positive("--dim", dim);
      Sums.positive("--partitions", partitions);
      Sums.positive("--repeats", repeats);
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
      }
      Geometry g = Geometry.parse("--geometry", geometry);
      FieldType type = FieldType.parse("--field", field);
      if (type == FieldType.DENG_CODED) {
        throw new IllegalArgumentException("--field must be deng, gradient, sharp or mmd (the "
            + "direct path merges one round), got " + field);
      }
      KernelFamily family = KernelFamily.parse("--kernel", kernel);
      Manifold manifold = g.manifold(dim, 1);
      FieldSpec fieldSpec = fieldSpec(type, family, tau, null, null, null);
      fieldSpec.checkSupports(manifold);
      if (!RuntimeSettings.ENGINES.contains(engine)) {
        throw new IllegalArgumentException("--engine must be one of "
            + String.join(", ", RuntimeSettings.ENGINES) + ", got " + engine);
      }
      // The partitions' engine is a node setting: both paths take it from the same settings.
      Settings settings = Settings.of(ConfigFactory.parseMap(
          Map.of("driftsim.runtime.engine", engine)), "driftsim bench actors --engine");
      RuntimeSettings runtime = settings.runtime();

      Random random = new Random(seed);
      QueryBatch queries = QueryBatch.of(Sums.points(manifold, n, random));
      ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, Sums.points(manifold, m - m / 2, random));
      ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE, Sums.points(manifold, m / 2, random));
      List<ReferenceSet> posShards = new ArrayList<>();
      List<ReferenceSet> negShards = new ArrayList<>();
      for (int p = 0; p < partitions; p++) { // partition p holds slice p of each side
        posShards.add(FieldCommand.slice(pos, p, partitions));
        negShards.add(FieldCommand.slice(neg, p, partitions));
      }
      SimulationJob.Runtime rt = new SimulationJob.Runtime(runtime.requestTimeout(),
          runtime.maxAttempts(), runtime.maxMessageBytes());

      double[] actorSeconds = new double[repeats];
      double[] directSeconds = new double[repeats];
      double worst = 0;
      PrintWriter err = spec.commandLine().getErr();
      String backend;
      try (DriftsimNode node = DriftsimNode.start(settings, ConfigFactory.empty());
          Direct direct = new Direct(runtime, partitions,
              new DeviceBinding(settings.node().partitionsPerDevice()))) {
        node.awaitUp(Duration.ofSeconds(60));
        backend = engine.equals("reference") ? "jvm" : Backends.current().name();
        for (int r = -warmup; r < repeats; r++) {
          double[][] byActors = null;
          double[][] byDirect = null;
          double actorTime = 0;
          double directTime = 0;
          // Alternate which path goes first, so that neither always runs right after the other.
          for (boolean actorsTurn : Math.floorMod(r, 2) == 0 ? new boolean[] {true, false}
              : new boolean[] {false, true}) {
            long start = System.nanoTime();
            if (actorsTurn) {
              JobCoordinator.Outcome out = node.ask(to -> new JobCoordinator.ComputeField(
                  "bench", fieldSpec, manifold, queries, posShards, negShards, rt, to),
                  Duration.ofHours(1));
              if (out instanceof JobCoordinator.JobFailed failed) {
                throw new IllegalStateException("the actor path failed: " + failed.reason());
              }
              byActors = ((JobCoordinator.FieldComputed) out).field();
              actorTime = (System.nanoTime() - start) * 1e-9;
            } else {
              byDirect = direct.compute(fieldSpec, manifold, queries, posShards, negShards);
              directTime = (System.nanoTime() - start) * 1e-9;
            }
          }
          double difference = relativeDifference(byActors, byDirect);
          if (!(difference <= AGREEMENT)) {
            throw new IllegalStateException("the actor path and the direct path disagree: "
                + "relative difference " + difference + " > " + AGREEMENT);
          }
          worst = Math.max(worst, difference);
          if (r >= 0) {
            actorSeconds[r] = actorTime;
            directSeconds[r] = directTime;
          }
          err.printf(Locale.ROOT, "%s run %d: actors %.4f s, direct %.4f s%n",
              r < 0 ? "warm-up" : "timed", r < 0 ? r + warmup + 1 : r + 1, actorTime,
              directTime);
        }
      }
      double actors = median(actorSeconds);
      double plain = median(directSeconds);
      double pairs = (double) n * m;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(String.format(Locale.ROOT, "{\"benchmark\": \"actors\", "
                + "\"overhead_ratio\": %.6g, \"actors_seconds_median\": %.6g, "
                + "\"direct_seconds_median\": %.6g, \"actors_pairs_per_second\": %.6g, "
                + "\"direct_pairs_per_second\": %.6g, \"relative_difference\": %.3g, "
                + "\"peak_rss_bytes\": %d, \"n\": %d, \"m\": %d, \"dim\": %d, "
                + "\"partitions\": %d, \"geometry\": \"%s\", \"kernel\": \"%s\", "
                + "\"field\": \"%s\", \"tau\": %s, \"engine\": \"%s\", "
                + "\"engine_threads\": %d, \"backend\": \"%s\", \"warmup\": %d, "
                + "\"repeats\": %d, \"actors_seconds\": %s, \"direct_seconds\": %s}",
            actors / plain, actors, plain, pairs / actors, pairs / plain, worst, Sums.peakRss(),
            n, m, dim, partitions, g.cliName(), family.cliName(), type.cliName(), tau, engine,
            runtime.engineThreads(), backend, warmup, repeats, jsonArray(actorSeconds),
            jsonArray(directSeconds)));
      } else {
        out.printf(Locale.ROOT, "%s %s %s %s d=%d N=%d M=%d P=%d: actors %.4f s, direct %.4f s "
                + "(medians of %d), overhead ratio %.3f%n", engine, g.cliName(),
            family.cliName(), type.cliName(), dim, n, m, partitions, actors, plain, repeats,
            actors / plain);
      }
      return 0;
    }

    private static String jsonArray(double[] values) {
      List<String> out = new ArrayList<>();
      for (double v : values) {
        out.add(String.format(Locale.ROOT, "%.6g", v));
      }
      return "[" + String.join(", ", out) + "]";
    }

    /** ‖a − b‖ / ‖b‖ over all rows (0 when both are 0). */
    static double relativeDifference(double[][] a, double[][] b) {
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < b.length; i++) {
        for (int k = 0; k < b[i].length; k++) {
          diff += (a[i][k] - b[i][k]) * (a[i][k] - b[i][k]);
          norm += b[i][k] * b[i][k];
        }
      }
      return diff == 0 ? 0 : Math.sqrt(diff / norm);
    }
  }

  /**
   * The direct path of {@code bench actors}: P single-thread workers, each bound to a device and
   * owning one engine, as P partitions own their pinned threads.
   */
  static final class Direct implements AutoCloseable {
    private final List<ExecutorService> workers = new ArrayList<>();
    private final List<FieldEngine<?>> engines = new ArrayList<>();

    Direct(RuntimeSettings runtime, int partitions, DeviceBinding devices)
        throws InterruptedException {
      try {
        for (int p = 0; p < partitions; p++) {
          String name = "bench-direct-" + p;
          ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
          });
          workers.add(worker);
          engines.add(result(worker.submit(() -> {
            devices.bindCurrentThread();
            return Engines.create(runtime.engine(), runtime.engineThreads());
          })));
        }
      } catch (RuntimeException | InterruptedException e) {
        close();
        throw e;
      }
    }

    /** Partition p's partials on worker p; merged in partition order and finished. */
    double[][] compute(FieldSpec spec, Manifold manifold, QueryBatch queries,
        List<ReferenceSet> positives, List<ReferenceSet> negatives) throws InterruptedException {
      List<Future<Partials>> partials = new ArrayList<>();
      for (int p = 0; p < workers.size(); p++) {
        FieldEngine<?> engine = engines.get(p);
        ReferenceSet pos = positives.get(p);
        ReferenceSet neg = negatives.get(p);
        partials.add(workers.get(p).submit(
            () -> partitionPartials(engine, spec, manifold, queries, pos, neg)));
      }
      FieldReduction reduction = FieldReduction.of(spec, manifold);
      Partials merged = reduction.identity(queries.size());
      for (Future<Partials> f : partials) {
        merged.mergeFrom(result(f));
      }
      return reduction.finish(merged);
    }

    /** What a bank partition does: load both sides, positives' partials first. */
    private static <S> Partials partitionPartials(FieldEngine<S> engine, FieldSpec spec,
        Manifold manifold, QueryBatch queries, ReferenceSet positives, ReferenceSet negatives) {
      S pos = engine.load(positives, manifold);
      S neg = engine.load(negatives, manifold);
      Partials merged = FieldReduction.of(spec, manifold).identity(queries.size());
      merged.mergeFrom(engine.partials(spec, manifold, queries, pos));
      merged.mergeFrom(engine.partials(spec, manifold, queries, neg));
      return merged;
    }

    private static <T> T result(Future<T> f) throws InterruptedException {
      try {
        return f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a direct-path worker failed: " + e.getCause(),
            e.getCause());
      }
    }

    @Override
    public void close() {
      for (int p = 0; p < workers.size(); p++) {
        if (p < engines.size()) {
          FieldEngine<?> engine = engines.get(p);
          workers.get(p).execute(engine::close);
        }
        workers.get(p).shutdown();
      }
    }
  }
}
