package org.driftsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.driftsim.config.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftsim eval --run DIR --metrics ... --split test}: metrics of a trained generator. */
@Command(
    name = "eval",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Evaluates the generator of a training run (its newest valid checkpoint) against a "
            + "split of the data and prints one JSON object.",
        "Earth data: the split's events (train 80 %, val 10 %, test 10 %). Synthetic targets: "
            + "N fresh target samples drawn with a fixed seed per split (train: the training "
            + "set)."})
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR",
      description = "The run directory of driftsim train.")
  Path run;

  @Option(names = "--metrics", split = ",", paramLabel = "M,M...",
      description = "Any of mmd, sw2, sinkhorn, nn1, c2st, tile (default: the run's "
          + "eval-metrics).")
  List<String> metrics;

  @Option(names = "--split", defaultValue = "test", paramLabel = "train|val|test",
      description = "The reference split (default test).")
  String split;

  @Option(names = "-n", paramLabel = "N",
      description = "Generated samples (default: the run's eval-samples); for a synthetic "
          + "target also the number of reference samples.")
  Integer n;

  @Option(names = "--weights", defaultValue = "ema", paramLabel = "ema|raw",
      description = "The EMA weights (default) or the raw ones.")
  String weights;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the generated samples and of the random metrics (default: the "
          + "job's seed).")
  Long seed;

  @Override
  public Integer call() {
    if (!List.of("train", "val", "test").contains(split)) {
      throw new IllegalArgumentException("--split must be train, val or test, got " + split);
    }
    if (!weights.equals("ema") && !weights.equals("raw")) {
      throw new IllegalArgumentException("--weights must be ema or raw, got " + weights);
    }
    if (n != null && n < 2) {
      throw new IllegalArgumentException("-n must be >= 2, got " + n);
    }
    if (metrics != null) {
      for (String m : metrics) {
        if (!TrainingSettings.METRICS.contains(m)) {
          throw new IllegalArgumentException("--metrics must list names among "
              + String.join(", ", TrainingSettings.METRICS) + ", got " + m);
        }
      }
    }
    TrainedRun r = TrainedRun.open(run, spec.commandLine().getErr());
    TrainingSettings t = r.setup.training;
    List<String> names = metrics != null ? new ArrayList<>(metrics) : t.evalMetrics();
    if (names.contains("tile") && !t.data().strip().startsWith("checkerboard")) {
      throw new IllegalArgumentException("--metrics tile applies only to checkerboard targets,"
          + " got data = " + t.data());
    }
    int count = n != null ? n : t.evalSamples();
    long s = seed != null ? seed : r.setup.job.seed();
    double[][] samples = r.setup.sample(r.weights(weights), count, s);
    double[][] reference = r.setup.reference(split, count);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("run", run.toString());
    line.put("step", r.step());
    line.put("weights", weights);
    line.put("split", split);
    line.put("samples", samples.length);
    line.put("reference", reference.length);
    line.put("seed", s);
    line.putAll(Evaluation.of(names, samples, reference, r.setup.dataManifold, s));
    spec.commandLine().getOut().println(RunDirectory.json(line));
    return 0;
  }
}
