package org.driftsim.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.driftsim.config.Settings;
import org.driftsim.protocol.checkpoint.CheckpointStore;

/**
 * A finished (or interrupted) training run, opened for {@code sample} and {@code eval}: the
 * newest valid checkpoint of {@code DIR/checkpoints} and the settings it was written with.
 */
final class TrainedRun {
  final Path dir;
  final CheckpointStore.Loaded loaded;
  final TrainingSetup setup;

  private TrainedRun(Path dir, CheckpointStore.Loaded loaded, TrainingSetup setup) {
    this.dir = dir;
    this.loaded = loaded;
    this.setup = setup;
  }

  /**
   * Opens a run directory.
   *
   * @throws IllegalArgumentException naming the directory and what is missing
   */
  static TrainedRun open(Path dir, java.io.PrintWriter err) {
    Path checkpoints = dir.resolve("checkpoints");
    if (!Files.isDirectory(checkpoints)) {
      throw new IllegalArgumentException("--run " + dir + " is not a training run directory:"
          + " expected " + checkpoints + " (written by driftsim train)");
    }
    Optional<CheckpointStore.Loaded> latest =
        new CheckpointStore(checkpoints, Integer.MAX_VALUE).readLatestValid();
    if (latest.isEmpty()) {
      throw new IllegalArgumentException("--run " + dir + ": no checkpoint in " + checkpoints
          + "; expected a checkpoint-<step>.ckpt written by driftsim train");
    }
    CheckpointStore.Loaded loaded = latest.get();
    if (!loaded.problems().isEmpty()) {
      err.println("driftsim: " + loaded.report());
    }
    String source = loaded.file().toString();
    Settings settings;
    try {
      settings = Settings.of(ConfigFactory.parseString(loaded.checkpoint().config(),
          com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription(source)),
          source);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(source + ": its configuration cannot be read: "
          + e.getMessage());
    }
    return new TrainedRun(dir, loaded, TrainingSetup.of(settings));
  }

  /** The checkpoint's step. */
  long step() {
    return loaded.checkpoint().step();
  }

  /** The EMA weights ({@code ema}) or the raw ones ({@code raw}). */
  float[] weights(String which) {
    return switch (which) {
      case "ema" -> {
        if (loaded.checkpoint().ema() == null) {
          throw new IllegalArgumentException("--weights ema: " + loaded.file()
              + " holds no EMA weights; use --weights raw");
        }
        yield loaded.checkpoint().ema().weights();
      }
      case "raw" -> loaded.checkpoint().generator();
      default -> throw new IllegalArgumentException("--weights must be ema or raw, got " + which);
    };
  }
}
