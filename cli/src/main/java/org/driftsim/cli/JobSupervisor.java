package org.driftsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.config.Settings;
import org.driftsim.protocol.checkpoint.CheckpointStore;

/**
 * The job supervisor of a cluster: a cluster singleton on the coordinator nodes (started by
 * {@code driftsim node} when {@code driftsim.node.jobs-dir} is set) that runs the training jobs
 * {@code driftsim submit} puts into the shared jobs directory, one at a time, each in
 * {@code <jobs-dir>/<name>/} on its node's coordinator. A finished job gets {@code DONE}, a
 * failed one {@code FAILED} with the reason. When the node running the supervisor dies, the
 * singleton starts on another coordinator node, finds the job unfinished and resumes it from its
 * newest valid checkpoint (bit for bit the job it would have been); a job that died before its
 * first checkpoint starts again (its partial directory is kept as {@code <name>.aborted-<n>}).
 */
final class JobSupervisor {
  private JobSupervisor() {}

  /** Name of the singleton. */
  static final String NAME = "driftsim-job-supervisor";

  /** How often an idle supervisor looks for jobs. */
  static final Duration POLL = Duration.ofSeconds(2);

  sealed interface Command {}

  private enum Tick implements Command { INSTANCE }

  private record Ended(String job, String outcome, boolean ok) implements Command {}

  static Behavior<Command> create(DriftsimNode node, Path jobs) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "driftsim-job-supervisor");
        t.setDaemon(true);
        return t;
      });
      timers.startTimerWithFixedDelay(Tick.INSTANCE, POLL);
      ctx.getLog().info("job supervisor started on {}: jobs in {}",
          ctx.getSystem().address(), jobs);
      ActorRef<Command> self = ctx.getSelf();
      boolean[] busy = {false};
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, t -> {
            if (busy[0]) {
              return Behaviors.same();
            }
            String next = next(jobs);
            if (next != null) {
              busy[0] = true;
              ctx.getLog().info("job supervisor: running job {}", next);
              worker.execute(() -> self.tell(run(node, jobs, next)));
            }
            return Behaviors.same();
          })
          .onMessage(Ended.class, e -> {
            busy[0] = false;
            Path marker = jobs.resolve(e.job()).resolve(e.ok() ? "DONE" : "FAILED");
            Files.writeString(marker, e.outcome() + "\n", StandardCharsets.UTF_8);
            ctx.getLog().info("job supervisor: job {} {}: {}", e.job(),
                e.ok() ? "finished" : "failed", e.outcome());
            return Behaviors.same();
          })
          .onSignal(PostStop.class, s -> {
            worker.shutdownNow();
            return Behaviors.same();
          })
          .build();
    }));
  }

  /** The first submitted job (by name) without DONE or FAILED, or null. */
  static String next(Path jobs) throws IOException {
    List<String> names = new ArrayList<>();
    try (var files = Files.newDirectoryStream(jobs, "*.conf")) {
      for (Path f : files) {
        names.add(f.getFileName().toString().replaceFirst("\\.conf$", ""));
      }
    }
    names.sort(null);
    for (String n : names) {
      Path dir = jobs.resolve(n);
      if (!Files.exists(dir.resolve("DONE")) && !Files.exists(dir.resolve("FAILED"))) {
        return n;
      }
    }
    return null;
  }

  /** Runs or resumes one job to its end; never throws. */
  private static Ended run(DriftsimNode node, Path jobs, String name) {
    Path conf = jobs.resolve(name + ".conf");
    Path dir = jobs.resolve(name);
    StringWriter log = new StringWriter();
    PrintWriter err = new PrintWriter(log, true);
    try {
      Path checkpoints = dir.resolve("checkpoints");
      String line;
      if (Files.isDirectory(checkpoints)
          && new CheckpointStore(checkpoints, Integer.MAX_VALUE).readLatestValid().isPresent()) {
        Resume r = TrainCommand.openResume(dir, null, conf, List.of(), "driftsim job supervisor",
            err);
        TrainingSetup setup = TrainingSetup.of(r.settings());
        try (RunDirectory run = RunDirectory.resume(dir, TrainCommand.LAYOUT,
            r.checkpoint().step())) {
          run.writeText(r.configName(dir), "# resumed by the job supervisor on "
              + node.system().address() + "\n" + r.settings().render());
          line = TrainCommand.run(node, setup, run, r.checkpoint(), err);
        }
      } else {
        if (Files.exists(dir)) { // died before its first checkpoint: start again
          Path aside = jobs.resolve(name + ".aborted-1");
          for (int i = 2; Files.exists(aside); i++) {
            aside = jobs.resolve(name + ".aborted-" + i);
          }
          Files.move(dir, aside);
        }
        Settings settings = Settings.load(conf, List.of());
        TrainingSetup setup = TrainingSetup.of(settings);
        try (RunDirectory run = RunDirectory.create(dir, TrainCommand.LAYOUT)) {
          run.writeText("config.conf", "# driftsim submit, run by the job supervisor on "
              + node.system().address() + "\n" + settings.render());
          line = TrainCommand.run(node, setup, run, null, err);
        }
      }
      return new Ended(name, line, true);
    } catch (Exception | Error e) {
      return new Ended(name, String.valueOf(e.getMessage() == null ? e : e.getMessage())
          + (log.toString().isBlank() ? "" : "\n" + log), false);
    }
  }
}
