package org.driftsim.cli;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.actors.JobCoordinator;
import org.driftsim.actors.SimulationJob;
import org.driftsim.actors.SimulationListener;
import org.driftsim.config.ConfigError;
import org.driftsim.gpu.optim.Optimizer;
import org.driftsim.protocol.checkpoint.Checkpoint;
import org.driftsim.protocol.checkpoint.CheckpointStore;
import org.driftsim.config.JobSettings;
import org.driftsim.config.RuntimeSettings;
import org.driftsim.config.Settings;
import org.driftsim.config.SimulationSettings;
import org.driftsim.datasets.Distribution;
import org.driftsim.datasets.Rngs;
import org.driftsim.datasets.Targets;
import org.driftsim.metrics.SlicedWasserstein;
import org.driftsim.metrics.plot.ParticlePlot;
import org.driftsim.metrics.plot.WriteMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftsim simulate CONFIG.conf}: particles moved by the drift field towards a synthetic
 * target, on the embedded one-node cluster, writing a run directory.
 */
@Command(
    name = "simulate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Runs a particle simulation (drift dynamics without a generator) on the embedded "
            + "one-node cluster: x <- exp_x(eta V(x)) for every particle, every step.",
        "Writes a run directory: config.conf, metrics.jsonl, particles/step-<step>.csv, "
            + "particles/final.csv and plots/*.png."})
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.conf",
      description = "The job config (HOCON), e.g. cluster-conf/examples/simulate-swissroll.conf;"
          + " with --resume optional (the checkpoint's config is used).")
  Path config;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continues the simulation in DIR from its newest valid checkpoint; the"
          + " result is bit for bit the uninterrupted run's.")
  Path resume;

  /** Settings a resumed simulation may change (outputs only; steps to run further). */
  static final Set<String> FREE_ON_RESUME = Set.of("driftsim.simulation.steps",
      "driftsim.simulation.snapshot-steps", "driftsim.simulation.plot-steps",
      "driftsim.simulation.metrics-every", "driftsim.simulation.sw2-every",
      "driftsim.simulation.sw2-samples", "driftsim.simulation.sw2-directions",
      "driftsim.simulation.checkpoint-every", "driftsim.simulation.checkpoint-keep");

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "The run directory (default runs/<config name>-<timestamp>); must not exist"
          + " or be empty.")
  Path runDir;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Overrides one setting, e.g. --set driftsim.simulation.steps=50 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Checkpoint from = null;
    Settings settings;
    Resume r = null;
    if (resume != null) {
      r = Resume.open(resume, runDir, config, sets, "simulation", "driftsim simulate",
          "driftsim.simulation", saved -> FREE_ON_RESUME, spec.commandLine().getErr());
      from = r.checkpoint();
      settings = r.settings();
      String source = r.file().toString();
      if (from.particles() == null) {
        throw new IllegalArgumentException("--resume " + resume + ": " + source + " holds no"
            + " particles; expected a checkpoint written by driftsim simulate");
      }
      if (from.step() >= settings.simulation().steps()) {
        throw new ConfigError("--resume " + resume + ": " + source + " is at step "
            + from.step() + ", the last of driftsim.simulation.steps = "
            + settings.simulation().steps() + "; nothing to resume (raise it to simulate"
            + " further)");
      }
      r.setAsideNewer("driftsim simulate", spec.commandLine().getErr());
    } else {
      if (config == null) {
        throw new IllegalArgumentException("CONFIG.conf is required (or --resume DIR to"
            + " continue a run)");
      }
      settings = Settings.load(config, sets);
    }
    JobSettings job = settings.job();
    SimulationSettings sim = settings.simulation();
    RuntimeSettings runtime = settings.runtime();
    Distribution target = distribution(settings, "target", sim.target(), sim);
    Distribution initial = distribution(settings, "initial", sim.initial(), sim);
    if (runtime.particlePartitions() > sim.particles()
        || runtime.bankPartitions() > sim.positives()) {
      throw new ConfigError("driftsim.runtime.particle-partitions and bank-partitions must not"
          + " exceed driftsim.simulation.particles and positives, got "
          + runtime.particlePartitions() + " > " + sim.particles() + " or "
          + runtime.bankPartitions() + " > " + sim.positives());
    }
    Path dir = resume != null ? resume : runDir != null ? runDir : RunDirectory.defaultFor(config);
    PrintWriter out = spec.commandLine().getOut();

    double[][] positives = target.sample(sim.positives(), Rngs.stream(job.seed(), 0, "positives"));
    double[][] particles = from != null ? from.particles()
        : initial.sample(sim.particles(), Rngs.stream(job.seed(), 0, "particles"));
    if (particles.length != sim.particles()) {
      throw new IllegalArgumentException("--resume " + resume + ": the checkpoint holds "
          + particles.length + " particles, expected driftsim.simulation.particles = "
          + sim.particles());
    }
    long first = from == null ? 0 : from.step();
    Set<Long> snapshots = new HashSet<>(sim.snapshotSteps());
    snapshots.addAll(sim.plotSteps());
    for (long s = 0; sim.sw2Every() > 0 && s <= sim.steps(); s += sim.sw2Every()) {
      snapshots.add(s);
    }
    for (long s = sim.checkpointEvery(); sim.checkpointEvery() > 0 && s < sim.steps();
        s += sim.checkpointEvery()) {
      snapshots.add(s);
    }
    SimulationJob simulation = new SimulationJob(job.name(), sim.manifold(), sim.field(),
        positives, particles, first, sim.steps(), sim.eta(), sim.stepCap(),
        runtime.bankPartitions(), runtime.particlePartitions(), snapshots,
        SimulationJob.Runtime.of(runtime));

    try (RunDirectory run = from == null ? RunDirectory.create(dir, LAYOUT)
        : RunDirectory.resume(dir, LAYOUT, first - 1)) {
      if (from == null) {
        run.writeText("config.conf", "# driftsim simulate " + config + "\n" + settings.render());
      } else {
        run.writeText(r.configName(dir), "# driftsim simulate --resume " + dir + "\n" + settings.render());
      }
      Listener listener = new Listener(run, settings, sim, job.seed(), target, first,
          from == null ? WriteMode.CREATE_NEW : WriteMode.REPLACE);
      JobCoordinator.Outcome outcome;
      try (DriftsimNode node = DriftsimNode.start(settings, ConfigFactory.empty())) {
        node.awaitUp(Duration.ofSeconds(60));
        outcome = node.ask(replyTo -> new JobCoordinator.RunSimulation(simulation, listener,
            replyTo), DriftsimNode.LONGEST_ASK);
      } finally {
        listener.progress.close();
      }
      if (outcome instanceof JobCoordinator.JobFailed failed) {
        throw new IllegalStateException(failed.reason());
      }
      run.close();
      out.printf("driftsim simulate: %d steps of %d particles (%s, %s on %s); final SW2 %.4g "
              + "(two target samples: %.4g); run directory %s%n", sim.steps(), sim.particles(),
          sim.target(), sim.field(), sim.manifold(), listener.finalSw2, listener.baselineSw2,
          dir);
    }
    return 0;
  }

  private static Distribution distribution(Settings settings, String key, String text,
      SimulationSettings sim) {
    try {
      return Targets.parse(text, sim.geometry());
    } catch (IllegalArgumentException e) {
      throw new ConfigError("driftsim.simulation." + key + ": " + e.getMessage());
    }
  }

  /** Subdirectories of a simulation run. */
  static final List<String> LAYOUT = List.of("particles", "plots", "checkpoints");

  /** Writes snapshots, plots and metrics; shows progress. Called on the coordinator's thread. */
  private static final class Listener implements SimulationListener {
    private final RunDirectory run;
    private final Settings settings;
    private final CheckpointStore checkpoints;
    private final WriteMode plots;
    private final SimulationSettings sim;
    private final long seed;
    private final Distribution target;
    private final double[][] targetPlot;
    private final SlicedWasserstein sw2;
    private final Map<Long, Double> sw2ByStep = new ConcurrentHashMap<>();
    private final Progress progress;
    volatile double finalSw2 = Double.NaN;
    volatile double baselineSw2 = Double.NaN;

    Listener(RunDirectory run, Settings settings, SimulationSettings sim, long seed,
        Distribution target, long first, WriteMode plots) {
      this.run = run;
      this.settings = settings;
      this.plots = plots;
      this.checkpoints = new CheckpointStore(run.root().resolve("checkpoints"),
          sim.checkpointKeep());
      this.sim = sim;
      this.seed = seed;
      this.target = target;
      this.targetPlot = target.sample(Math.min(2000, sim.sw2Samples()),
          Rngs.stream(seed, 0, "plot-target"));
      this.sw2 = new SlicedWasserstein(sim.sw2Directions(), seed);
      this.progress = new Progress("simulate", sim.steps());
      this.first = first;
    }

    /** SW2 to fresh target samples (fixed seed per step). */
    private double sw2To(long step, double[][] points) {
      double[][] fresh = target.sample(sim.sw2Samples(), Rngs.stream(seed, step, "sw2-target"));
      return sw2.distance(points, fresh);
    }

    private final long first;

    /** The particles at the start of {@code step}, written off the coordinator's thread. */
    private void checkpoint(long step, double[][] positions) {
      Checkpoint c = new Checkpoint(Checkpoint.FORMAT_VERSION, TrainCommand.version(), step,
          settings.render(), new float[0], null, new Optimizer.Stateless(), settings.job().seed(),
          List.of(), positions);
      run.submit("checkpoints/" + CheckpointStore.fileName(step), () -> checkpoints.write(c));
    }

    @Override
    public void onSnapshot(long step, double[][] positions) {
      if (sim.checkpointEvery() > 0 && step % sim.checkpointEvery() == 0 && step > first
          && step < sim.steps()) {
        checkpoint(step, positions);
      }
      if (sim.snapshotSteps().contains(step)) {
        run.particles("step-" + step, positions);
      }
      if (sim.plotSteps().contains(step)) {
        plot("step-" + step, "step " + step, positions);
      }
      if (sim.sw2Every() > 0 && step % sim.sw2Every() == 0) {
        run.submit("SW2 at step " + step, () -> sw2ByStep.put(step, sw2To(step, positions)));
      }
    }

    private void plot(String name, String title, double[][] positions) {
      run.submit("plots/" + name + ".png", () -> ParticlePlot.of(sim.geometry())
          .withTitle(title + " — " + sim.target() + ", " + sim.field())
          .withTarget(targetPlot)
          .write(run.root().resolve("plots").resolve(name + ".png"), positions,
              plots));
    }

    @Override
    public void onStep(Step s) {
      progress.step(s.step() + 1,
          String.format(java.util.Locale.ROOT, "|V| %.4g", s.vNormMean()));
      if (s.step() % sim.metricsEvery() == 0 || s.step() == sim.steps() - 1) {
        run.submit("metrics.jsonl", () -> {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("step", s.step());
          line.put("v_norm_mean", s.vNormMean());
          line.put("step_seconds", s.stepSeconds());
          line.put("partitions", s.partitions());
          line.put("attempts", s.attempts());
          Double d = sw2ByStep.remove(s.step());
          if (d != null) {
            line.put("sw2", d);
          }
          run.metrics(line);
        });
      }
    }

    @Override
    public void onFinish(double[][] positions) {
      long steps = sim.steps();
      checkpoint(steps, positions);
      run.particles("final", positions);
      if (sim.snapshotSteps().contains(steps)) {
        run.particles("step-" + steps, positions);
      }
      plot("final", "final (step " + steps + ")", positions);
      run.submit("the final SW2", () -> {
        finalSw2 = sw2To(steps, positions);
        baselineSw2 = sw2.distance(
            target.sample(sim.sw2Samples(), Rngs.stream(seed, steps, "sw2-baseline-a")),
            target.sample(sim.sw2Samples(), Rngs.stream(seed, steps, "sw2-baseline-b")));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", steps);
        line.put("final", true);
        line.put("sw2", finalSw2);
        line.put("sw2_target_vs_target", baselineSw2);
        run.metrics(line);
      });
    }
  }
}
