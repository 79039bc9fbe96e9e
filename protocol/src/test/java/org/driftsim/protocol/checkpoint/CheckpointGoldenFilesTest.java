package org.driftsim.protocol.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Reads the golden checkpoint back (written by {@link CheckpointGoldenFiles}): what this release
 * decodes from bytes an earlier one wrote, and that it still writes the same bytes.
 */
class CheckpointGoldenFilesTest {
  private final CheckpointCodec codec = new CheckpointCodec();

  @Test
  void decodesToTheGoldenSample() {
    Checkpoint decoded = codec.decode(CheckpointGoldenFiles.read(), CheckpointGoldenFiles.FILE);
    CheckpointSamples.assertCheckpointEquals(CheckpointSamples.golden(), decoded);
  }

  @Test
  void reencodesToTheGoldenBytes() {
    byte[] golden = CheckpointGoldenFiles.read();
    assertArrayEquals(golden, codec.encode(codec.decode(golden, CheckpointGoldenFiles.FILE)));
    assertArrayEquals(golden, codec.encode(CheckpointSamples.golden()));
  }
}
