package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.driftsim.protocol.checkpoint.Checkpoint;
import org.driftsim.protocol.checkpoint.CheckpointCodec;
import org.driftsim.protocol.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job killed with SIGKILL ({@code kill -9}) at a random moment after its second
 * checkpoint, then resumed with {@code driftsim train --resume}: the final weights, EMA,
 * optimizer state and negative bank equal those of an uninterrupted run bit for bit, and every
 * step appears once in {@code metrics.jsonl} (none lost, none twice). Also with the newest
 * checkpoint corrupted before the resume. Runs {@code bin/driftsim} on the packaged jar.
 */
@Tag("faults")
class JobKillIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final int STEPS = 200;

  private static List<String> command(Path dir) {
    return List.of("bash", ROOT.resolve("bin/driftsim").toString(), "train",
        ROOT.resolve("cluster-conf/examples/train-swissroll.conf").toString(),
        "--run-dir", dir.toString(),
        "--set", "driftsim.training.steps=" + STEPS,
        "--set", "driftsim.training.width=32", "--set", "driftsim.training.depth=2",
        "--set", "driftsim.training.batch=256", "--set", "driftsim.training.train-samples=2000",
        "--set", "driftsim.training.eval-every=60", "--set", "driftsim.training.plot-every=0",
        "--set", "driftsim.training.eval-samples=500",
        "--set", "driftsim.training.checkpoint-every=10",
        "--set", "driftsim.training.checkpoint-keep=20",
        "--set", "driftsim.training.metrics-every=1",
        "--set", "driftsim.training.negative-bank=512",
        "--set", "driftsim.training.negatives-per-step=64");
  }

  private static Process start(List<String> command, Path log) throws Exception {
    return new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void finish(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(4, TimeUnit.MINUTES), "timed out");
    assertEquals(0, p.exitValue(), () -> read(log));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (Exception e) {
      return "(" + e + ")";
    }
  }

  /** The checkpoint's state without its config and code version, as bytes. */
  static byte[] state(Path dir, long step) throws Exception {
    CheckpointCodec codec = new CheckpointCodec();
    Checkpoint c = codec.decode(Files.readAllBytes(
        dir.resolve("checkpoints").resolve(CheckpointStore.fileName(step))), "test");
    return codec.encode(new Checkpoint(c.formatVersion(), "-", c.step(), "", c.generator(),
        c.ema(), c.optimizer(), c.seed(), c.banks(), c.particles()));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aJobKilledAtARandomStepAndResumedEqualsTheUninterruptedJob(@TempDir Path tmp)
      throws Exception {
    Path whole = tmp.resolve("whole");
    finish(start(command(whole), tmp.resolve("whole.log")), tmp.resolve("whole.log"));
    Random random = new Random();
    for (boolean corrupt : new boolean[] {false, true}) {
      Path killed = tmp.resolve("killed-" + corrupt);
      Path log = tmp.resolve("killed-" + corrupt + ".log");
      Process p = start(command(killed), log);
      Path second = killed.resolve("checkpoints").resolve(CheckpointStore.fileName(20));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.exists(second)) {
        assertTrue(p.isAlive(), () -> "the job ended before its second checkpoint\n" + read(log));
        assertTrue(System.nanoTime() < deadline, "no second checkpoint in 3 minutes");
        Thread.sleep(20);
      }
      Thread.sleep(random.nextInt(400));
      List<ProcessHandle> children = p.descendants().toList();
      children.forEach(ProcessHandle::destroyForcibly); // SIGKILL to the JVM under bin/driftsim
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      List<String> lines = Files.readAllLines(killed.resolve("metrics.jsonl"));
      assertTrue(lines.size() < STEPS, "killed before the end: " + lines.size() + " lines");
      if (corrupt) {
        List<Path> ckpts = new ArrayList<>();
        try (var s = Files.newDirectoryStream(killed.resolve("checkpoints"), "*.ckpt")) {
          s.forEach(ckpts::add);
        }
        ckpts.sort((a, b) -> Long.compare(step(b), step(a)));
        byte[] bytes = Files.readAllBytes(ckpts.get(0));
        bytes[bytes.length - 5] ^= 0x33;
        Files.write(ckpts.get(0), bytes);
      }
      List<String> resume = List.of("bash", ROOT.resolve("bin/driftsim").toString(), "train",
          "--resume", killed.toString());
      Path resumeLog = tmp.resolve("resume-" + corrupt + ".log");
      finish(start(resume, resumeLog), resumeLog);
      assertArrayEquals(state(whole, STEPS), state(killed, STEPS),
          "final state after a kill at metrics line " + lines.size() + "\n" + read(resumeLog));
      List<String> got = Files.readAllLines(killed.resolve("metrics.jsonl"));
      assertEquals(STEPS + 1, got.size(), "each step once and the final line");
      for (int i = 0; i < STEPS; i++) {
        assertEquals(i + 1, (int) SimulateCommandTest.number(got.get(i), "step"));
      }
      assertEquals(Files.readString(whole.resolve("samples/final.csv")),
          Files.readString(killed.resolve("samples/final.csv")));
    }
  }

  private static long step(Path checkpoint) {
    String n = checkpoint.getFileName().toString();
    return Long.parseLong(n.substring("checkpoint-".length(), n.length() - ".ckpt".length()));
  }
}
