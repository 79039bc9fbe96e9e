package org.driftsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.driftsim.geometry.io.PointCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftsim sample --run DIR -n N --out FILE}: samples of a trained generator. */
@Command(
    name = "sample",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Draws samples from the generator of a training run (its newest valid "
        + "checkpoint), as a CSV of points on the data manifold; the same seed gives the same "
        + "samples.")
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR",
      description = "The run directory of driftsim train.")
  Path run;

  @Option(names = "--weights", defaultValue = "ema", paramLabel = "ema|raw",
      description = "The EMA weights (default) or the raw ones.")
  String weights;

  @Option(names = "-n", required = true, paramLabel = "N", description = "Number of samples.")
  int n;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the noise (default: the job's seed, which gives the run's "
          + "samples/final.csv for the same N).")
  Long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The CSV to write; must not exist.")
  Path out;

  @Override
  public Integer call() {
    if (n < 1) {
      throw new IllegalArgumentException("-n must be >= 1, got " + n);
    }
    if (!weights.equals("ema") && !weights.equals("raw")) {
      throw new IllegalArgumentException("--weights must be ema or raw, got " + weights);
    }
    if (Files.exists(out)) {
      throw new IllegalArgumentException("--out " + out + " already exists; expected a new file"
          + " (samples are never written over a file)");
    }
    TrainedRun r = TrainedRun.open(run, spec.commandLine().getErr());
    long s = seed != null ? seed : r.setup.job.seed();
    double[][] samples = r.setup.sample(r.weights(weights), n, s);
    PointCsv.writeAtomically(out, samples);
    spec.commandLine().getOut().printf(Locale.ROOT, "driftsim sample: %d samples (%s weights,"
        + " step %d, seed %d) on %s written to %s%n", n, weights, r.step(), s,
        r.setup.dataManifold, out);
    return 0;
  }
}
