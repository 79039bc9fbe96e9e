package org.driftsim.cli;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.actors.JobCoordinator;
import org.driftsim.actors.SimulationJob;
import org.driftsim.actors.Trainer;
import org.driftsim.actors.TrainingJob;
import org.driftsim.config.ConfigError;
import org.driftsim.config.Settings;
import org.driftsim.config.TrainingSettings;
import org.driftsim.datasets.Rngs;
import org.driftsim.datasets.bank.MemoryBank;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.optim.Schedule;
import org.driftsim.gpu.train.Generator;
import org.driftsim.metrics.plot.LinePlot;
import org.driftsim.metrics.plot.ParticlePlot;
import org.driftsim.metrics.plot.WriteMode;
import org.driftsim.protocol.checkpoint.Checkpoint;
import org.driftsim.protocol.checkpoint.CheckpointStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftsim train CONFIG.conf}: trains a one-step generator by drifting (MATH.md §4) on the
 * embedded one-node cluster (or the cluster the config joins), writing a run directory.
 */
@Command(
    name = "train",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Trains a generator by drifting: each step the generated batch x = f(z) is sent to the "
            + "partitions, the drift field V(x) comes back merged, and f is regressed onto the "
            + "frozen targets exp_x(eta V(x)).",
        "Writes a run directory: config.conf, metrics.jsonl, samples/final.csv, plots/*.png and "
            + "checkpoints/ (for driftsim sample and driftsim eval)."})
final class TrainCommand implements Callable<Integer> {
  /** Subdirectories of a training run. */
  static final List<String> LAYOUT = List.of("samples", "plots", "checkpoints");

  /** Points drawn in a sample plot. */
  private static final int PLOT_POINTS = 4000;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.conf",
      description = "The job config (HOCON), e.g. cluster-conf/examples/train-swissroll.conf;"
          + " with --resume optional (the checkpoint's config is used).")
  Path config;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continues the run in DIR from its newest valid checkpoint (a damaged newer"
          + " one is reported and set aside); the result is bit for bit the uninterrupted run's.")
  Path resume;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "The run directory (default runs/<config name>-<timestamp>); must not exist"
          + " or be empty.")
  Path runDir;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Overrides one setting, e.g. --set driftsim.training.steps=50 (repeatable).")
  List<String> sets = new ArrayList<>();

  /**
   * Settings a resumed job may change: they do not touch the model, its data or its random
   * draws ({@code steps} too, unless the learning rate follows a cosine over all steps).
   */
  static final Set<String> FREE_ON_RESUME = Set.of("driftsim.training.steps",
      "driftsim.training.metrics-every", "driftsim.training.eval-every",
      "driftsim.training.eval-metrics", "driftsim.training.eval-samples",
      "driftsim.training.plot-every", "driftsim.training.checkpoint-every",
      "driftsim.training.checkpoint-keep", "driftsim.training.earth-dir");

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      return resume();
    }
    if (config == null) {
      throw new IllegalArgumentException("CONFIG.conf is required (or --resume DIR to continue a"
          + " run)");
    }
    Settings settings = Settings.load(config, sets);
    TrainingSetup setup = TrainingSetup.of(settings);
    Path dir = runDir != null ? runDir : RunDirectory.defaultFor(config);
    try (RunDirectory run = RunDirectory.create(dir, LAYOUT)) {
      run.writeText("config.conf", "# driftsim train " + config + "\n" + settings.render());
      return train(setup, run, null);
    }
  }

  private Integer resume() throws Exception {
    Resume r = openResume(resume, runDir, config, sets, "driftsim train",
        spec.commandLine().getErr());
    TrainingSetup setup = TrainingSetup.of(r.settings());
    try (RunDirectory run = RunDirectory.resume(resume, LAYOUT, r.checkpoint().step())) {
      run.writeText(r.configName(resume), "# driftsim train --resume " + resume + "\n"
          + r.settings().render());
      return train(setup, run, r.checkpoint());
    }
  }

  /**
   * Checks a training run directory to resume (see {@link Resume#open}) and sets aside its
   * damaged newer checkpoints.
   *
   * @throws ConfigError when the checkpoint is already at the last step
   */
  static Resume openResume(Path dir, Path runDir, Path config, List<String> sets,
      String command, PrintWriter err) {
    Resume r = Resume.open(dir, runDir, config, sets, "training", command,
        "driftsim.training", saved -> {
          Set<String> free = new java.util.HashSet<>(FREE_ON_RESUME);
          if (saved.training().schedule().equals("cosine")) {
            free.remove("driftsim.training.steps"); // the learning rate depends on all steps
          }
          return free;
        }, err);
    long step = r.checkpoint().step();
    int steps = r.settings().training().steps();
    if (step >= steps) {
      throw new ConfigError("--resume " + dir + ": " + r.file() + " is at step " + step
          + ", the last of driftsim.training.steps = " + steps + "; nothing to resume (raise it,"
          + " e.g. --set driftsim.training.steps=" + (2 * step) + ", to train further)");
    }
    r.setAsideNewer(command, err);
    return r;
  }

  /** Runs the job in {@code run}, from scratch or from checkpoint {@code from}. */
  private Integer train(TrainingSetup setup, RunDirectory run, Checkpoint from) throws Exception {
    String line;
    try (DriftsimNode node = DriftsimNode.start(setup.settings, ConfigFactory.empty())) {
      node.awaitUp(Duration.ofSeconds(60));
      line = run(node, setup, run, from, spec.commandLine().getErr());
    }
    spec.commandLine().getOut().println(line);
    return 0;
  }

  /**
   * Runs a training job on {@code node}'s coordinator in {@code run}, from scratch or from
   * checkpoint {@code from}, to its end: the final samples, plots and test metrics written and
   * the run directory closed.
   *
   * @return the summary line, e.g. {@code driftsim train: 1500 steps (...); final loss ...}
   * @throws IllegalStateException when the job fails, with the coordinator's reason
   */
  static String run(DriftsimNode node, TrainingSetup setup, RunDirectory run, Checkpoint from,
      PrintWriter err) throws Exception {
    TrainingSettings t = setup.training;
    Path dir = run.root();
    long first = from == null ? 0 : from.step();
    err.printf(Locale.ROOT, "driftsim train: %s, %s, %s%d steps of batch %d, MLP %s; %d"
            + " training samples%n", setup.describe(), t.field(),
        first > 0 ? "from step " + first + " of " : "", t.steps(), t.batch(), setup.mlp,
        setup.trainSet.length);
    GeneratorTrainer trainer = new GeneratorTrainer(setup, run, from);
    TrainingJob job = new TrainingJob(setup.job.name(), setup.driftManifold, t.field(),
        // The data's ambient coordinates are also those of a drift in the ambient space.
        t.positivesPerStep() > 0 ? new double[0][] : setup.trainSet,
        first, t.steps(), setup.runtime.bankPartitions(), setup.runtime.particlePartitions(),
        trainer, SimulationJob.Runtime.of(setup.runtime));
    JobCoordinator.Outcome outcome;
    try {
      outcome = node.ask(replyTo -> new JobCoordinator.RunTraining(job, replyTo),
          DriftsimNode.LONGEST_ASK);
    } finally {
      trainer.progress.close();
    }
    if (outcome instanceof JobCoordinator.JobFailed failed) {
      throw new IllegalStateException(failed.reason());
    }
    Map<String, Double> test = trainer.finish();
    run.close(); // waits for the files; a write failure fails the command here
    StringBuilder metrics = new StringBuilder();
    for (var e : test.entrySet()) {
      metrics.append(String.format(Locale.ROOT, ", test %s %.4g", e.getKey(), e.getValue()));
    }
    return String.format(Locale.ROOT, "driftsim train: %d steps (%s, %s); final loss %.4g%s;"
            + " plots in %s; run directory %s", t.steps(), setup.describe(), t.field(),
        trainer.lastLoss, metrics, dir.resolve("plots"), dir);
  }

  /**
   * The generator side of the job, on the coordinator's trainer thread: noise, forward pass and
   * memory banks in {@link #generate}; the optimizer step, metrics, evaluation, plots and
   * checkpoints in {@link #update}. File writing goes to the run directory's writer thread.
   */
  static final class GeneratorTrainer implements Trainer {
    private final TrainingSetup setup;
    private final TrainingSettings t;
    private final RunDirectory run;
    private final Generator generator;
    private final Schedule schedule;
    private final MemoryBank positives; // null: the whole training set stays resident
    private MemoryBank negatives; // null: no negative bank
    private final CheckpointStore checkpoints;
    private final double[][] targetPlot;
    final Progress progress;
    private double[][] batch;
    private double generateSeconds;
    private final List<double[]> losses = new ArrayList<>(); // (step, loss) of metrics lines
    private final WriteMode plots;
    private final TreeMap<String, List<double[]>> curves = new TreeMap<>();
    volatile double lastLoss = Double.NaN;

    GeneratorTrainer(TrainingSetup setup, RunDirectory run, Checkpoint from) {
      this.setup = setup;
      this.t = setup.training;
      this.run = run;
      this.generator = setup.newGenerator();
      this.schedule = setup.schedule();
      int d = setup.driftManifold.ambientDimension();
      if (t.positivesPerStep() > 0) {
        positives = MemoryBank.unconditional(setup.trainSet.length, d);
        positives.push(setup.trainSet);
      } else {
        positives = null;
      }
      negatives = t.negativeBank() > 0 ? MemoryBank.unconditional(t.negativeBank(), d) : null;
      this.checkpoints = new CheckpointStore(run.root().resolve("checkpoints"),
          t.checkpointKeep());
      double[][] ref = setup.reference("train", 0);
      this.targetPlot = java.util.Arrays.copyOf(ref, Math.min(ref.length, PLOT_POINTS));
      this.progress = new Progress("train", t.steps());
      // A resumed job writes again the plots of steps after its checkpoint, identical ones.
      this.plots = from == null ? WriteMode.CREATE_NEW : WriteMode.REPLACE;
      if (from != null) {
        generator.restore(from.generator(), from.optimizer(), from.ema());
        if (negatives != null) {
          if (from.banks().size() != 1) {
            throw new IllegalArgumentException("the checkpoint holds " + from.banks().size()
                + " memory banks; this job keeps one negative bank");
          }
          negatives = MemoryBank.restore(from.banks().get(0));
        }
        for (String line : run.keptMetrics()) {
          double step = number(line, "step");
          double loss = number(line, "loss");
          if (Double.isFinite(loss)) {
            losses.add(new double[] {step, loss});
          }
          for (String m : t.evalMetrics()) {
            double v = number(line, m);
            if (Double.isFinite(v)) {
              curves.computeIfAbsent(m, k -> new ArrayList<>()).add(new double[] {step, v});
            }
          }
        }
      }
    }

    /** A number of one of our metrics lines, or NaN. */
    private static double number(String line, String key) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key
          + "\": ([-0-9.eE+]+)").matcher(line);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Override
    public Batch generate(long step) {
      long t0 = System.nanoTime();
      long seed = setup.job.seed();
      batch = generator.generate(setup.noise(step, t.batch(), "z"), t.batch());
      double[][] pos = positives == null ? null
          : positives.sampleAll(t.positivesPerStep(), seed, step, "positives");
      double[][] extra = new double[0][];
      if (negatives != null) {
        int n = (int) Math.min(t.negativesPerStep(), negatives.size());
        if (n > 0) {
          extra = negatives.sampleAll(n, seed, step, "negatives");
        }
        negatives.push(batch);
      }
      generateSeconds = (System.nanoTime() - t0) / 1e9;
      return new Batch(batch, pos, extra);
    }

    @Override
    public void update(long step, double[][] field, FieldInfo info) {
      long t0 = System.nanoTime();
      double cap = t.stepCap() > 0 ? t.stepCap() : Double.POSITIVE_INFINITY;
      Generator.Step s = generator.step(field, t.eta(), cap);
      double generatorSeconds = generateSeconds + (System.nanoTime() - t0) / 1e9;
      if (!Double.isFinite(s.loss())) {
        throw new IllegalStateException("the loss is " + s.loss() + " at step " + (step + 1)
            + "; lower driftsim.training.learning-rate or eta, or set a step-cap or clip");
      }
      Manifold m = setup.driftManifold;
      double vNorm = 0;
      for (int i = 0; i < batch.length; i++) {
        vNorm += m.norm(batch[i], field[i]);
      }
      vNorm /= batch.length;
      long done = step + 1;
      lastLoss = s.loss();
      boolean last = done == t.steps();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("step", done);
      line.put("loss", s.loss());
      line.put("v_norm_mean", vNorm);
      line.put("lr", schedule.value(step));
      line.put("grad_norm", s.gradNorm());
      line.put("step_seconds", generatorSeconds + info.driftSeconds());
      line.put("generator_seconds", generatorSeconds);
      line.put("drift_seconds", info.driftSeconds());
      line.put("attempts", info.attempts());
      boolean evaluate = t.evalEvery() > 0 && done % t.evalEvery() == 0;
      if (evaluate || (t.plotEvery() > 0 && done % t.plotEvery() == 0)) {
        double[][] samples = setup.sample(generator.emaState().weights(), t.evalSamples(),
            Rngs.key(setup.job.seed(), done, "eval"));
        if (evaluate) {
          double[][] reference = setup.reference("val", t.evalSamples());
          Map<String, Double> values = Evaluation.of(t.evalMetrics(), samples, reference,
              setup.dataManifold, setup.job.seed());
          for (var e : values.entrySet()) {
            line.put(e.getKey(), e.getValue());
            curves.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(new double[] {done, e.getValue()});
          }
        }
        if (t.plotEvery() > 0 && done % t.plotEvery() == 0) {
          plot("step-" + done, "step " + done + " (EMA)", samples);
        }
      }
      if (done % t.metricsEvery() == 0 || last || evaluate) {
        losses.add(new double[] {done, s.loss()});
        run.metrics(line);
      }
      if (last || (t.checkpointEvery() > 0 && done % t.checkpointEvery() == 0)) {
        checkpoint(done);
      }
      progress.step(done, String.format(Locale.ROOT, "loss %.4g, |V| %.3g", s.loss(), vNorm));
    }

    private void checkpoint(long done) {
      List<MemoryBank.State> banks = negatives == null ? List.of() : List.of(negatives.state());
      Checkpoint c = new Checkpoint(Checkpoint.FORMAT_VERSION, TrainCommand.version(), done,
          setup.settings.render(), generator.parameters(), generator.emaState(),
          generator.optimizerState(), setup.job.seed(), banks, null);
      run.submit("checkpoints/" + CheckpointStore.fileName(done), () -> checkpoints.write(c));
    }

    private void plot(String name, String title, double[][] samples) {
      Geometry g = setup.dataManifold.geometry();
      if (g == Geometry.SIMPLEX) {
        return; // no sample plot for the simplex yet
      }
      double[][] shown = java.util.Arrays.copyOf(samples, Math.min(samples.length, PLOT_POINTS));
      String header = title + " — " + t.data() + ", " + t.field();
      run.submit("plots/" + name + ".png", () -> ParticlePlot.of(g).withTitle(header)
          .withTarget(targetPlot)
          .write(run.root().resolve("plots").resolve(name + ".png"), shown,
              plots));
    }

    /**
     * After the last step (on the caller's thread): EMA samples to {@code samples/final.csv},
     * the final plot, the test-split metrics (a last metrics line), loss and metric curves.
     */
    Map<String, Double> finish() {
      long steps = t.steps();
      long seed = setup.job.seed();
      double[][] samples = setup.sample(generator.emaState().weights(), t.evalSamples(), seed);
      run.csv("samples/final.csv", samples);
      plot("final", "final (step " + steps + ", EMA)", samples);
      Map<String, Double> test = Evaluation.of(t.evalMetrics(), samples,
          setup.reference("test", t.evalSamples()), setup.dataManifold, seed);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("step", steps);
      line.put("final", true);
      line.put("split", "test");
      line.put("samples", samples.length);
      line.putAll(test);
      run.metrics(line);
      double[] x = new double[losses.size()];
      double[] y = new double[losses.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = losses.get(i)[0];
        y[i] = losses.get(i)[1];
      }
      run.submit("plots/loss.png", () -> LinePlot.create().withTitle("training loss — "
              + t.data() + ", " + t.field()).withLabels("step", "loss")
          .withYScale(LinePlot.Scale.LOG).withSeries("loss", x, y)
          .write(run.root().resolve("plots").resolve("loss.png"), plots));
      for (var e : curves.entrySet()) {
        List<double[]> points = e.getValue();
        double[] cx = new double[points.size()];
        double[] cy = new double[points.size()];
        for (int i = 0; i < cx.length; i++) {
          cx[i] = points.get(i)[0];
          cy[i] = points.get(i)[1];
        }
        String name = e.getKey();
        run.submit("plots/" + name + ".png", () -> LinePlot.create()
            .withTitle(name + " (validation) — " + t.data() + ", " + t.field())
            .withLabels("step", name).withSeries(name, cx, cy)
            .write(run.root().resolve("plots").resolve(name + ".png"), plots));
      }
      return test;
    }
  }

  /** The version written into checkpoints: the jar's, or {@code "dev"} outside a jar. */
  static String version() {
    String v = TrainCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
