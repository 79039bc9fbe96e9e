package org.driftsim.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.driftsim.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftsim submit CONFIG.conf --jobs DIR}: hands a training job to a cluster's job
 * supervisor (see {@link JobSupervisor}), which runs it in {@code DIR/<job name>/} and resumes it
 * on another coordinator node if its node dies.
 */
@Command(
    name = "submit",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Submits a training job to a cluster whose coordinator nodes share the jobs"
        + " directory (driftsim.node.jobs-dir): the job supervisor runs it in DIR/<name>/ and"
        + " resumes it from its newest checkpoint on another node if its node dies.")
final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG.conf", description = "The training job config.")
  Path config;

  @Option(names = "--jobs", required = true, paramLabel = "DIR",
      description = "The shared jobs directory (the nodes' driftsim.node.jobs-dir).")
  Path jobs;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Overrides one setting (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(jobs)) {
      throw new IllegalArgumentException("--jobs " + jobs + " is not a directory; expected the"
          + " cluster's shared jobs directory (driftsim.node.jobs-dir)");
    }
    Settings settings = Settings.load(config, sets);
    TrainingSetup.of(settings); // every setting and the data are checked before submitting
    String name = settings.job().name();
    Path target = jobs.resolve(name + ".conf");
    if (Files.exists(target) || Files.exists(jobs.resolve(name))) {
      throw new IllegalArgumentException("--jobs " + jobs + " already holds a job named " + name
          + "; expected a new driftsim.job.name (a job is never replaced)");
    }
    Path tmp = jobs.resolve("." + name + ".conf.tmp");
    Files.writeString(tmp, "# driftsim submit " + config + "\n" + settings.render(),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    spec.commandLine().getOut().println("driftsim submit: job " + name + " submitted to "
        + jobs + "; it runs in " + jobs.resolve(name) + " (DONE or FAILED there when it ends)");
    return 0;
  }
}
