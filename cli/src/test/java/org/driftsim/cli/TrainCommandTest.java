package org.driftsim.cli;

import static org.driftsim.cli.SimulateCommandTest.number;
import static org.driftsim.cli.SimulateCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.driftsim.cli.SimulateCommandTest.Result;
import org.driftsim.geometry.io.PointCsv;
import org.driftsim.protocol.checkpoint.Checkpoint;
import org.driftsim.protocol.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftsim train}, {@code sample} and {@code eval} end to end on the embedded node: a
 * short run learns (its SW2 to the test split falls well below the untrained generator's), the
 * run directory holds what the docs promise, {@code eval} and {@code sample} reproduce the run's
 * own final numbers, the loss does not depend on how the work is sharded, and bad input fails
 * with one message.
 */
class TrainCommandTest {
  private static final Path EXAMPLES = Path.of("..", "cluster-conf", "examples");
  private static final String SWISSROLL = EXAMPLES.resolve("train-swissroll.conf").toString();

  /** A small, fast variant of the swiss-roll example. */
  private static List<String> small(Path dir, int steps, String... more) {
    List<String> args = new ArrayList<>(List.of("train", SWISSROLL, "--run-dir", dir.toString(),
        "--set", "driftsim.training.steps=" + steps,
        "--set", "driftsim.training.width=48", "--set", "driftsim.training.depth=3",
        "--set", "driftsim.training.batch=256",
        "--set", "driftsim.training.train-samples=2000",
        "--set", "driftsim.training.eval-every=" + Math.max(1, steps / 2),
        "--set", "driftsim.training.plot-every=" + Math.max(1, steps / 2),
        "--set", "driftsim.training.checkpoint-every=" + Math.max(1, steps / 2),
        "--set", "driftsim.training.eval-samples=1000",
        "--set", "driftsim.training.metrics-every=1"));
    args.addAll(List.of(more));
    return args;
  }

  private static Result train(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  private static List<String> lines(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve("metrics.jsonl"));
  }

  @Test
  void aShortRunLearnsAndItsRunDirectoryIsComplete(@TempDir Path tmp) throws Exception {
    Path untrained = tmp.resolve("untrained");
    Result u = train(small(untrained, 1));
    assertEquals(0, u.code(), u.err());
    Path dir = tmp.resolve("run");
    Result r = train(small(dir, 400));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("plots in " + dir.resolve("plots")), r.out());

    List<String> lines = lines(dir);
    assertEquals(401, lines.size(), "one line per step and the final line");
    for (int i = 0; i < 400; i++) {
      String line = lines.get(i);
      assertEquals(i + 1, (int) number(line, "step"));
      for (String key : List.of("loss", "v_norm_mean", "lr", "grad_norm", "step_seconds",
          "generator_seconds", "drift_seconds")) {
        assertTrue(number(line, key) >= 0, key + " in " + line);
      }
      assertEquals(2e-3, number(line, "lr"), 1e-12);
    }
    assertTrue(lines.get(199).contains("\"sw2\""), "evaluation at step 200");
    String last = lines.get(400);
    assertTrue(last.contains("\"final\": true") && last.contains("\"split\": \"test\""), last);
    double trained = number(last, "sw2");
    double before = number(lines(untrained).get(1), "sw2");
    assertTrue(trained < before / 3, "SW2 after 400 steps " + trained + " vs untrained " + before);

    for (String f : List.of("config.conf", "samples/final.csv", "plots/final.png",
        "plots/step-200.png", "plots/loss.png", "plots/sw2.png", "plots/mmd.png",
        "checkpoints/checkpoint-200.ckpt", "checkpoints/checkpoint-400.ckpt",
        "checkpoints/manifest.txt")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    Checkpoint c = new CheckpointStore(dir.resolve("checkpoints"), 3).readLatestValid()
        .orElseThrow().checkpoint();
    assertEquals(400, c.step());
    assertEquals(c.generator().length, c.ema().average().length);

    // eval with the run's defaults reproduces the final metrics line exactly.
    Result e = run("eval", "--run", dir.toString());
    assertEquals(0, e.code(), e.err());
    assertEquals(trained, number(e.out(), "sw2"), 0.0, e.out());
    assertEquals(number(last, "mmd"), number(e.out(), "mmd"), 0.0, e.out());

    // sample: deterministic, and with the job's seed and N it is samples/final.csv.
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    assertEquals(0, run("sample", "--run", dir.toString(), "-n", "1000", "--out", a.toString())
        .code());
    assertEquals(0, run("sample", "--run", dir.toString(), "-n", "1000", "--out", b.toString())
        .code());
    double[][] final0 = PointCsv.read(dir.resolve("samples/final.csv")).rows();
    double[][] sa = PointCsv.read(a).rows();
    double[][] sb = PointCsv.read(b).rows();
    assertEquals(1000, sa.length);
    for (int i = 0; i < sa.length; i++) {
      assertArrayEquals(sa[i], sb[i]);
      assertArrayEquals(final0[i], sa[i]);
    }
    Result again = run("sample", "--run", dir.toString(), "-n", "10", "--out", a.toString());
    assertEquals(2, again.code());
    assertEquals("--out " + a + " already exists; expected a new file (samples are never"
        + " written over a file)", again.err().strip());
  }

  /** A checkpoint's state without its config text, as bytes: equal states, equal bytes. */
  private static byte[] state(Path dir, long step) throws Exception {
    Checkpoint c = new org.driftsim.protocol.checkpoint.CheckpointCodec().decode(
        Files.readAllBytes(dir.resolve("checkpoints").resolve(CheckpointStore.fileName(step))),
        "test");
    return new org.driftsim.protocol.checkpoint.CheckpointCodec().encode(new Checkpoint(
        c.formatVersion(), c.codeVersion(), c.step(), "", c.generator(), c.ema(), c.optimizer(),
        c.seed(), c.banks(), c.particles()));
  }

  /** A metrics line without its timings. */
  private static String untimed(String line) {
    return line.replaceAll("\"(step_seconds|generator_seconds|drift_seconds)\": [^,}]+,? ?", "");
  }

  /**
   * A run killed after step 24 (its directory as the kill leaves it: checkpoints 10 and 20,
   * metrics up to step 24 and a cut line) and resumed with {@code --resume} ends bit for bit as
   * the uninterrupted run: weights, EMA, optimizer state, negative bank, metrics, samples; also
   * when the newest checkpoint is damaged (it is reported, set aside, and step 10 used).
   */
  @Tag("faults")
  @Test
  void aKilledRunResumedEqualsTheUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    String[] extra = {"--set", "driftsim.training.checkpoint-every=10",
        "--set", "driftsim.training.negative-bank=600",
        "--set", "driftsim.training.negatives-per-step=64",
        "--set", "driftsim.training.positives-per-step=512"};
    Result a = train(small(whole, 30, extra));
    assertEquals(0, a.code(), a.err());
    List<String> want = lines(whole);
    for (boolean damaged : new boolean[] {false, true}) {
      Path killed = tmp.resolve("killed-" + damaged);
      Result k = train(small(killed, 30, extra));
      assertEquals(0, k.code(), k.err());
      // What a kill after step 24 leaves behind.
      Files.delete(killed.resolve("checkpoints/checkpoint-30.ckpt"));
      List<String> cut = new ArrayList<>(lines(killed).subList(0, 24));
      cut.add("{\"step\": 25, \"loss\": 0.12");
      Files.write(killed.resolve("metrics.jsonl"), cut);
      Files.delete(killed.resolve("samples/final.csv"));
      if (damaged) {
        Path newest = killed.resolve("checkpoints/checkpoint-20.ckpt");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(newest, bytes);
      }
      Result r = run("train", "--resume", killed.toString());
      assertEquals(0, r.code(), r.err());
      if (damaged) {
        assertTrue(r.err().contains("checkpoint-20.ckpt: checksum mismatch"), r.err());
        assertTrue(r.err().contains("using checkpoint-10.ckpt"), r.err());
        assertTrue(Files.exists(killed.resolve("checkpoints/checkpoint-20.ckpt.damaged")));
      }
      assertArrayEquals(state(whole, 30), state(killed, 30), "the final state");
      List<String> got = lines(killed);
      assertEquals(want.size(), got.size());
      for (int i = 0; i < want.size(); i++) {
        assertEquals(untimed(want.get(i)), untimed(got.get(i)), "metrics line " + (i + 1));
      }
      assertEquals(Files.readString(whole.resolve("samples/final.csv")),
          Files.readString(killed.resolve("samples/final.csv")));
      assertTrue(Files.exists(killed.resolve("metrics.jsonl.before-resume-"
          + (damaged ? 10 : 20))));
    }
  }

  @Test
  void aResumeThatChangesTheModelIsRefusedNamingTheKeys(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    assertEquals(0, train(small(dir, 4)).code());
    Path checkpoint = dir.resolve("checkpoints/checkpoint-4.ckpt");
    byte[] before = Files.readAllBytes(checkpoint);
    Result r = run("train", "--resume", dir.toString(), "--set", "driftsim.training.width=64",
        "--set", "driftsim.training.steps=8");
    assertEquals(2, r.code());
    assertTrue(r.err().strip().startsWith("--resume " + dir + ": the config changes the run"
        + " checkpointed in " + checkpoint + ": driftsim.training.width (64 here, 48 there);"), r.err());
    Result done = run("train", "--resume", dir.toString());
    assertEquals(2, done.code());
    assertEquals("--resume " + dir + ": " + checkpoint + " is at step 4, the last of"
        + " driftsim.training.steps = 4; nothing to resume (raise it, e.g. --set"
        + " driftsim.training.steps=8, to train further)", done.err().strip());
    assertArrayEquals(before, Files.readAllBytes(checkpoint));
    Result both = run("train", "--resume", dir.toString(), "--run-dir", tmp.toString());
    assertEquals(2, both.code());
    assertEquals("--run-dir and --resume cannot be used together: --resume continues in its own"
        + " directory " + dir, both.err().strip());
  }

  /** The same job on 1+1 and on 3+2 partitions: the same losses up to float32 summation order. */
  @Test
  void theLossDoesNotDependOnTheNumberOfPartitions(@TempDir Path tmp) throws Exception {
    Path one = tmp.resolve("one");
    Path many = tmp.resolve("many");
    Result a = train(small(one, 8, "--set", "driftsim.runtime.bank-partitions=1",
        "--set", "driftsim.runtime.particle-partitions=1"));
    assertEquals(0, a.code(), a.err());
    Result b = train(small(many, 8, "--set", "driftsim.runtime.bank-partitions=3",
        "--set", "driftsim.runtime.particle-partitions=2"));
    assertEquals(0, b.code(), b.err());
    for (int i = 0; i < 8; i++) {
      double la = number(lines(one).get(i), "loss");
      double lb = number(lines(many).get(i), "loss");
      assertEquals(la, lb, 1e-4 * la, "loss at step " + (i + 1));
    }
  }

  /** Memory banks: positives drawn per step and a bank of earlier samples as extra negatives. */
  @Test
  void memoryBanksFeedTheFieldAndTheNegativeBankIsCheckpointed(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("run");
    Result r = train(small(dir, 6, "--set", "driftsim.training.positives-per-step=512",
        "--set", "driftsim.training.negative-bank=600",
        "--set", "driftsim.training.negatives-per-step=128"));
    assertEquals(0, r.code(), r.err());
    for (String line : lines(dir).subList(0, 6)) {
      assertTrue(Double.isFinite(number(line, "loss")), line);
    }
    Checkpoint c = new CheckpointStore(dir.resolve("checkpoints"), 3).readLatestValid()
        .orElseThrow().checkpoint();
    assertEquals(1, c.banks().size());
    assertEquals(600, c.banks().get(0).counts()[0], "6 batches of 256, the newest 600 kept");
    assertEquals(6 * 256, c.banks().get(0).pushed()[0]);
  }

  /** The Euclidean variant on S² data: ambient drift, samples projected onto the sphere. */
  @Test
  void anAmbientDriftOnSphereDataGivesSamplesOnTheSphere(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    Result r = train(small(dir, 4, "--set", "driftsim.training.data-geometry=sphere",
        "--set", "driftsim.training.data=checkerboard",
        "--set", "driftsim.training.drift-geometry=euclidean",
        "--set", "driftsim.training.eval-metrics=[tile, sw2]"));
    assertEquals(0, r.code(), r.err());
    double[][] x = PointCsv.read(dir.resolve("samples/final.csv")).rows();
    for (double[] p : x) {
      assertEquals(3, p.length);
      assertEquals(1.0, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-12);
    }
    double tile = number(lines(dir).get(4), "tile");
    assertTrue(tile >= 0 && tile <= 1, "tile " + tile);
  }

  @Test
  void tileOnANonCheckerboardTargetIsRefused(@TempDir Path tmp) {
    Result r = train(small(tmp.resolve("run"), 2,
        "--set", "driftsim.training.eval-metrics=[tile]"));
    assertEquals(2, r.code());
    assertEquals("driftsim.training.eval-metrics may list tile only for the checkerboard target,"
        + " got data = swissroll (--set driftsim.training.eval-metrics=[tile])",
        r.err().strip());
    assertTrue(Files.notExists(tmp.resolve("run")));
  }

  @Test
  void anUnknownTrainingKeyIsNamed(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "driftsim.training {\n  lerning-rate = 1e-3\n}\n");
    Result r = run("train", conf.toString(), "--run-dir", tmp.resolve("run").toString());
    assertEquals(2, r.code());
    assertEquals("unknown config key driftsim.training.lerning-rate (" + conf + ":2); expected"
        + " only the keys of cluster-conf/src/main/resources/reference.conf", r.err().strip());
  }

  @Test
  void weightDecayWithAdamIsRefused(@TempDir Path tmp) {
    Result r = train(small(tmp.resolve("run"), 2, "--set", "driftsim.training.weight-decay=0.01"));
    assertEquals(2, r.code());
    assertEquals("driftsim.training.weight-decay must be 0 with optimizer adam (use adamw), got"
        + " 0.01 (--set driftsim.training.weight-decay=0.01)", r.err().strip());
  }

  @Test
  void evalAndSampleNameADirectoryThatIsNoRun(@TempDir Path tmp) {
    Result e = run("eval", "--run", tmp.toString());
    assertEquals(2, e.code());
    assertEquals("--run " + tmp + " is not a training run directory: expected "
        + tmp.resolve("checkpoints") + " (written by driftsim train)", e.err().strip());
    Result s = run("sample", "--run", tmp.toString(), "-n", "5", "--out",
        tmp.resolve("s.csv").toString());
    assertEquals(2, s.code());
    assertEquals(e.err(), s.err());
  }

  /** The acceptance example, shortened: the manifold gradient variant on the S² checkerboard. */
  @Test
  @Tag("long")
  void theCheckerboardOnTheSphereShortened(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    Result r = run("train", EXAMPLES.resolve("train-checkerboard-sphere.conf").toString(),
        "--run-dir", dir.toString(), "--set", "driftsim.training.steps=600",
        "--set", "driftsim.training.batch=1024", "--set", "driftsim.training.ema=0.99",
        "--set", "driftsim.training.eval-every=0", "--set", "driftsim.training.plot-every=0",
        "--set", "driftsim.training.checkpoint-every=0");
    assertEquals(0, r.code(), r.err());
    List<String> lines = lines(dir);
    double tile = number(lines.get(lines.size() - 1), "tile");
    assertTrue(tile >= 0.75, "tile accuracy " + tile);
  }
}
