package org.driftsim.protocol.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The golden checkpoint {@code src/test/resources/golden/checkpoint-v1.ckpt}:
 * {@link CheckpointSamples#golden()} in format version 1. {@link CheckpointGoldenFilesTest} reads
 * it back. Written only on request, once per format version (an existing file is never
 * rewritten; a new format version gets a new file):
 * <pre>
 * mvn -B -pl protocol test -Dtest=CheckpointGoldenFiles -Ddriftsim.golden.write=true
 * </pre>
 */
class CheckpointGoldenFiles {
  static final String FILE = "checkpoint-v" + Checkpoint.FORMAT_VERSION + ".ckpt";

  static byte[] read() {
    try (InputStream in = CheckpointGoldenFiles.class.getResourceAsStream("/golden/" + FILE)) {
      if (in == null) {
        throw new IllegalStateException("no golden file " + FILE
            + "; write it as the class comment of CheckpointGoldenFiles says");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "driftsim.golden.write", matches = "true")
  void write() throws IOException {
    Path dir = Path.of("src/test/resources/golden");
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      return; // never rewritten: earlier releases wrote these bytes
    }
    Files.write(file, new CheckpointCodec().encode(CheckpointSamples.golden()));
    System.out.println("wrote " + file.toAbsolutePath());
  }
}
