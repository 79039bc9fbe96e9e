package org.driftsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Backends;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code driftsim bench}: benchmark entry points (JMH suites live in bench/). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of the compute engines.",
    subcommands = {BenchCommand.Sums.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
      FieldSpec fieldSpec = type == FieldType.DENG_CODED
          ? FieldSpec.dengCoded(List.of(tau))
          : FieldSpec.of(type, new KernelSpec(family, tau,
              family.takesAlpha() ? (alpha == null ? 2.0 : alpha) : Double.NaN,
              family.takesNu() ? (nu == null ? 1.5 : nu) : Double.NaN,
              family.takesLmax() ? (lmax == null ? 30 : lmax) : 0), List.of(tau));
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
      double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
          : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
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

    private static void positive(String name, int value) {
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
}
