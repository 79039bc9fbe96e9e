package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinator failover: three {@code driftsim node} JVMs (two coordinator nodes sharing a jobs
 * directory, one partitions-only node) run a job handed in with {@code driftsim submit}. The
 * node running the job supervisor (the cluster singleton, on the oldest coordinator node) is
 * killed with SIGKILL after the job's second checkpoint; the split-brain resolver downs it, the
 * singleton starts on the other coordinator node and resumes the job from its newest valid
 * checkpoint. The job ends ({@code DONE}) with every step once and the final state of an
 * uninterrupted run of the same job bit for bit.
 */
@Tag("long")
@Tag("faults")
class CoordinatorFailoverIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final int STEPS = 150;

  private record Node(Process process, Path out, int port) {}

  private static Node start(Path dir, String name, int port, int seed, String roles, Path jobs)
      throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(conf, "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
        + "pekko.remote.artery.canonical.port = " + port + "\n"
        + "pekko.cluster.seed-nodes = [\"pekko://driftsim@127.0.0.1:" + seed + "\"]\n"
        + "driftsim.node.roles = " + roles + "\n"
        + "driftsim.node.jobs-dir = \"" + jobs + "\"\n");
    Path out = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("bin/driftsim").toString(),
        "node", "--config", conf.toString()).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("JAVA_OPTS", "-Xmx1g");
    return new Node(pb.start(), out, port);
  }

  private static void awaitUp(Node n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.readString(n.out()).contains("driftsim node: up at")) {
      assertTrue(n.process().isAlive(), () -> "node exited\n" + read(n.out()));
      assertTrue(System.nanoTime() < deadline, () -> "node not up\n" + read(n.out()));
      Thread.sleep(100);
    }
  }

  private static void kill(Node n) {
    n.process().descendants().forEach(ProcessHandle::destroyForcibly);
    n.process().destroyForcibly();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (Exception e) {
      return "(" + e + ")";
    }
  }

  private static List<String> job(Path jobsOrRunDir, boolean submit) {
    List<String> a = new ArrayList<>(submit
        ? List.of("submit", ROOT.resolve("cluster-conf/examples/train-swissroll.conf").toString(),
            "--jobs", jobsOrRunDir.toString())
        : List.of("train", ROOT.resolve("cluster-conf/examples/train-swissroll.conf").toString(),
            "--run-dir", jobsOrRunDir.toString()));
    a.addAll(List.of("--set", "driftsim.job.name=failover",
        "--set", "driftsim.training.steps=" + STEPS,
        "--set", "driftsim.training.width=32", "--set", "driftsim.training.depth=2",
        "--set", "driftsim.training.batch=256", "--set", "driftsim.training.train-samples=2000",
        "--set", "driftsim.training.eval-every=0", "--set", "driftsim.training.plot-every=0",
        "--set", "driftsim.training.eval-samples=500",
        "--set", "driftsim.training.checkpoint-every=10",
        "--set", "driftsim.training.metrics-every=1",
        "--set", "driftsim.runtime.request-timeout=2s",
        "--set", "driftsim.runtime.max-attempts=2",
        "--set", "driftsim.runtime.max-recoveries=30"));
    return a;
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void aJobSurvivesTheDeathOfItsCoordinatorNode(@TempDir Path tmp) throws Exception {
    Path jobs = Files.createDirectories(tmp.resolve("jobs"));
    int seed = TwoNodeClusterIT.freePort();
    List<Node> nodes = new ArrayList<>();
    Thread killer = new Thread(() -> nodes.forEach(CoordinatorFailoverIT::kill));
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      nodes.add(start(tmp, "a", seed, seed, "[coordinator, partitions]", jobs));
      awaitUp(nodes.get(0));
      nodes.add(start(tmp, "b", TwoNodeClusterIT.freePort(), seed,
          "[coordinator, partitions]", jobs));
      nodes.add(start(tmp, "c", TwoNodeClusterIT.freePort(), seed, "[partitions]", jobs));
      awaitUp(nodes.get(1));
      awaitUp(nodes.get(2));

      SimulateCommandTest.Result submitted = SimulateCommandTest.run(
          job(jobs, true).toArray(String[]::new));
      assertEquals(0, submitted.code(), submitted.err());
      Path run = jobs.resolve("failover");
      Path second = run.resolve("checkpoints/checkpoint-20.ckpt");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!Files.exists(second)) {
        assertTrue(System.nanoTime() < deadline, () -> "no second checkpoint\n"
            + read(nodes.get(0).out()));
        Thread.sleep(50);
      }
      kill(nodes.get(0)); // the oldest coordinator node: it runs the supervisor and the job
      assertTrue(nodes.get(0).process().waitFor(30, TimeUnit.SECONDS));
      deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
      while (!Files.exists(run.resolve("DONE"))) {
        assertTrue(!Files.exists(run.resolve("FAILED")), () -> read(run.resolve("FAILED")));
        assertTrue(System.nanoTime() < deadline, () -> "the job did not end\n"
            + read(nodes.get(1).out()));
        Thread.sleep(200);
      }
      assertTrue(read(nodes.get(1).out()).contains("running job failover"),
          () -> "node b took the job over\n" + read(nodes.get(1).out()));

      Path whole = tmp.resolve("whole");
      SimulateCommandTest.Result r = SimulateCommandTest.run(
          job(whole, false).toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      assertArrayEquals(JobKillIT.state(whole, STEPS), JobKillIT.state(run, STEPS),
          "the final state");
      List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
      assertEquals(STEPS + 1, lines.size(), "each step once and the final line");
      for (int i = 0; i < STEPS; i++) {
        assertEquals(i + 1, (int) SimulateCommandTest.number(lines.get(i), "step"));
      }
    } finally {
      nodes.forEach(CoordinatorFailoverIT::kill);
      Runtime.getRuntime().removeShutdownHook(killer);
    }
  }
}
