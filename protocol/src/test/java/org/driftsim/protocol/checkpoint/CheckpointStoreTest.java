package org.driftsim.protocol.checkpoint;

import static org.driftsim.protocol.checkpoint.CheckpointSamples.assertCheckpointEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir
  Path dir;

  @Test
  void writesAndReadsTheNewest() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(CheckpointSamples.minimal(100));
    Path file = store.write(CheckpointSamples.full(120));
    assertEquals(dir.resolve("checkpoint-120.ckpt"), file);
    CheckpointStore.Loaded loaded = store.readLatestValid().orElseThrow();
    assertCheckpointEquals(CheckpointSamples.full(120), loaded.checkpoint());
    assertEquals(file, loaded.file());
    assertEquals(List.of(), loaded.problems());
    assertEquals(List.of("checkpoint-100.ckpt", "checkpoint-120.ckpt", "manifest.txt"),
        names());
    List<String> manifest = Files.readAllLines(dir.resolve("manifest.txt"));
    assertEquals("driftsim-checkpoint-manifest 1", manifest.get(0));
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(String.format("120 checkpoint-120.ckpt %d %08x", bytes.length,
        CheckpointCodec.crc32(bytes)), manifest.get(2).substring(0, manifest.get(2).lastIndexOf(' ')));
  }

  @Test
  void anEmptyDirectoryHasNone() {
    assertTrue(new CheckpointStore(dir.resolve("none"), 2).readLatestValid().isEmpty());
  }

  @Test
  void fallsBackWhenTheNewestIsCorrupted() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(CheckpointSamples.minimal(100));
    Path newest = store.write(CheckpointSamples.full(120));
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length - 3] ^= 1;
    Files.write(newest, bytes);
    CheckpointStore.Loaded loaded = store.readLatestValid().orElseThrow();
    assertEquals(100, loaded.checkpoint().step());
    assertEquals(1, loaded.problems().size());
    assertTrue(loaded.problems().get(0).startsWith("checkpoint-120.ckpt: checksum mismatch "
        + "(expected CRC32 "), loaded.problems().get(0));
    assertTrue(loaded.report().endsWith("; using checkpoint-100.ckpt"), loaded.report());
  }

  /**
   * Before a resume from step 100: the damaged newer checkpoint is renamed aside (kept), the
   * manifest lists only what is valid, and the resumed job can write step 120 again.
   */
  @Test
  void aDamagedNewerCheckpointIsSetAsideSoThatItsStepCanBeWrittenAgain() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(CheckpointSamples.minimal(100));
    Path newest = store.write(CheckpointSamples.full(120));
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length - 3] ^= 1;
    Files.write(newest, bytes);
    assertEquals(100, store.readLatestValid().orElseThrow().checkpoint().step());
    assertEquals(List.of(dir.resolve("checkpoint-120.ckpt.damaged")), store.setAsideAfter(100));
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("checkpoint-120.ckpt.damaged")));
    assertEquals(List.of(100L), store.manifest().stream().map(CheckpointStore.Entry::step)
        .toList());
    store.write(CheckpointSamples.full(120));
    CheckpointStore.Loaded loaded = store.readLatestValid().orElseThrow();
    assertCheckpointEquals(CheckpointSamples.full(120), loaded.checkpoint());
    assertEquals(List.of(), loaded.problems());
  }

  @Test
  void fallsBackWhenTheNewestIsTruncated() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(CheckpointSamples.minimal(100));
    Path newest = store.write(CheckpointSamples.full(120));
    byte[] bytes = Files.readAllBytes(newest);
    Files.write(newest, Arrays.copyOf(bytes, 30));
    CheckpointStore.Loaded loaded = store.readLatestValid().orElseThrow();
    assertEquals(100, loaded.checkpoint().step());
    assertEquals(List.of("checkpoint-120.ckpt: truncated (expected " + bytes.length
        + " bytes as in manifest.txt, found 30)"), loaded.problems());
  }

  @Test
  void withoutAManifestTheHeaderStillCatchesATruncatedFile() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(CheckpointSamples.minimal(100));
    Path newest = store.write(CheckpointSamples.full(120));
    Files.delete(dir.resolve("manifest.txt"));
    byte[] bytes = Files.readAllBytes(newest);
    Files.write(newest, Arrays.copyOf(bytes, bytes.length - 1));
    CheckpointStore.Loaded loaded = store.readLatestValid().orElseThrow();
    assertEquals(100, loaded.checkpoint().step());
    assertEquals(List.of("checkpoint " + newest + ": truncated (expected 24 + "
        + (bytes.length - 24) + " bytes, found " + (bytes.length - 1) + " bytes)"),
        loaded.problems());
  }

  @Test
  void noValidCheckpointIsAnErrorListingEachProblem() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    Path only = store.write(CheckpointSamples.minimal(100));
    Files.write(only, new byte[3]);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        store::readLatestValid);
    assertTrue(e.getMessage().startsWith("no valid checkpoint in " + dir
        + ": checkpoint-100.ckpt: truncated"), e.getMessage());
  }

  @Test
  void keepsTheLastK() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    for (long step : new long[] {10, 20, 30, 40}) {
      store.write(CheckpointSamples.minimal(step));
    }
    assertEquals(List.of("checkpoint-30.ckpt", "checkpoint-40.ckpt", "manifest.txt"), names());
    assertEquals(List.of(30L, 40L), store.manifest().stream().map(CheckpointStore.Entry::step)
        .toList());
    assertEquals(40, store.readLatestValid().orElseThrow().checkpoint().step());
  }

  @Test
  void refusesToOverwriteAStep() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    Path file = store.write(CheckpointSamples.minimal(10));
    byte[] before = Files.readAllBytes(file);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> store.write(CheckpointSamples.full(10)));
    assertEquals("checkpoint " + file + " already exists; refusing to overwrite step 10",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void aFailureWritingTheCheckpointLeavesThePreviousOneAndTheManifest() throws IOException {
    assertFailureLeavesPrevious(p -> p.getFileName().toString().equals("checkpoint-120.ckpt.tmp"));
  }

  @Test
  void aFailureWritingTheManifestLeavesThePreviousOneAndTheManifest() throws IOException {
    assertFailureLeavesPrevious(p -> p.getFileName().toString().equals("manifest.txt.tmp"));
  }

  private void assertFailureLeavesPrevious(Predicate<Path> failing) throws IOException {
    FailingOps ops = new FailingOps();
    CheckpointStore store = new CheckpointStore(dir, 1, new CheckpointCodec(), ops);
    Path previous = store.write(CheckpointSamples.full(100));
    byte[] previousBytes = Files.readAllBytes(previous);
    byte[] manifest = Files.readAllBytes(dir.resolve("manifest.txt"));
    ops.failing = failing;
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> store.write(CheckpointSamples.full(120)));
    assertTrue(e.getMessage().startsWith("writing checkpoint 120 to " + dir + " failed: disk full"),
        e.getMessage());
    assertArrayEquals(manifest, Files.readAllBytes(dir.resolve("manifest.txt")));
    assertArrayEquals(previousBytes, Files.readAllBytes(previous));
    assertFalse(names().stream().anyMatch(n -> n.endsWith(".tmp")), names().toString());
    assertEquals(List.of("checkpoint-100.ckpt", "manifest.txt"), names());
    // Keep K = 1, yet the previous checkpoint stays: the new one never became durable.
    CheckpointStore.Loaded loaded = new CheckpointStore(dir, 1).readLatestValid().orElseThrow();
    assertEquals(previous, loaded.file());
    assertEquals(List.of(), loaded.problems());
    assertCheckpointEquals(CheckpointSamples.full(100), loaded.checkpoint());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The real file system, except that writing a matching file fails half way through. */
  private static final class FailingOps implements CheckpointStore.FileOps {
    Predicate<Path> failing = p -> false;

    @Override
    public void writeAndForce(Path file, byte[] bytes) throws IOException {
      if (failing.test(file)) {
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        throw new IOException("disk full");
      }
      CheckpointStore.FileOps.system().writeAndForce(file, bytes);
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
      CheckpointStore.FileOps.system().moveAtomically(from, to);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
      CheckpointStore.FileOps.system().forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
      CheckpointStore.FileOps.system().deleteIfExists(file);
    }
  }
}
