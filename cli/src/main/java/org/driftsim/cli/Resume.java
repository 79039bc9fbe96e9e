package org.driftsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.driftsim.config.ConfigError;
import org.driftsim.config.Settings;
import org.driftsim.protocol.checkpoint.Checkpoint;
import org.driftsim.protocol.checkpoint.CheckpointStore;

/**
 * What {@code --resume DIR} starts from, for {@code train} and {@code simulate}: the newest
 * valid checkpoint of {@code DIR/checkpoints} (newer damaged ones reported), and the settings to
 * continue with — the checkpoint's own, or a config file's, with {@code --set} overrides —
 * refused when they change anything but the keys a resumed job may change.
 *
 * @param checkpoint the checkpoint to continue from
 * @param file its file
 * @param settings the settings of the resumed job
 */
record Resume(Checkpoint checkpoint, Path file, Settings settings) {

  /**
   * Opens a run directory to resume.
   *
   * @param kind "training" or "simulation", for messages
   * @param command "driftsim train" or "driftsim simulate", for messages
   * @param section the settings that may not change but for the free ones, e.g.
   *     {@code driftsim.training}
   * @param freeKeys the keys a resumed job may change, given the checkpoint's settings
   */
  static Resume open(Path dir, Path runDir, Path config, List<String> sets, String kind,
      String command, String section,
      java.util.function.Function<Settings, Set<String>> freeKeys, PrintWriter err) {
    if (runDir != null) {
      throw new IllegalArgumentException("--run-dir and --resume cannot be used together:"
          + " --resume continues in its own directory " + dir);
    }
    Path checkpoints = dir.resolve("checkpoints");
    if (!Files.isDirectory(checkpoints)) {
      throw new IllegalArgumentException("--resume " + dir + " is not a " + kind + " run"
          + " directory: expected " + checkpoints + " (written by " + command + ")");
    }
    CheckpointStore.Loaded loaded = new CheckpointStore(checkpoints, Integer.MAX_VALUE)
        .readLatestValid().orElseThrow(() -> new IllegalArgumentException("--resume " + dir
            + ": no checkpoint in " + checkpoints + " yet; start the run again without"
            + " --resume"));
    if (!loaded.problems().isEmpty()) {
      err.println(command + ": " + loaded.report());
    }
    Checkpoint c = loaded.checkpoint();
    String source = loaded.file().toString();
    Settings saved = Settings.fromText(c.config(), source, List.of());
    Set<String> free = freeKeys.apply(saved);
    Settings settings = config != null ? Settings.load(config, sets)
        : Settings.fromText(c.config(), source, sets);
    List<String> changed = new ArrayList<>(settings.differences(saved, section, free));
    changed.addAll(settings.differences(saved, "driftsim.job", Set.of("driftsim.job.name")));
    if (!changed.isEmpty()) {
      throw new ConfigError("--resume " + dir + ": the config changes the run checkpointed in "
          + source + ": " + String.join(", ", changed) + "; expected the checkpoint's values (a"
          + " resumed job may change only " + String.join(", ", new TreeSet<>(free))
          + " and driftsim.runtime)");
    }
    return new Resume(c, loaded.file(), settings);
  }

  /** Sets aside the checkpoints newer than this one (damaged ones), reporting each. */
  void setAsideNewer(String command, PrintWriter err) {
    for (Path aside : new CheckpointStore(file.getParent(), Integer.MAX_VALUE)
        .setAsideAfter(checkpoint.step())) {
      err.println(command + ": set aside " + aside);
    }
  }

  /** A new name for the resumed job's resolved config: config-resumed-at-<step>[-n].conf. */
  String configName(Path dir) {
    String name = "config-resumed-at-" + checkpoint.step() + ".conf";
    for (int i = 2; Files.exists(dir.resolve(name)); i++) {
      name = "config-resumed-at-" + checkpoint.step() + "-" + i + ".conf";
    }
    return name;
  }
}
