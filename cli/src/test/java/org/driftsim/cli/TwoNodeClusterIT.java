package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.actors.JobCoordinator;
import org.driftsim.actors.SimulationJob;
import org.driftsim.actors.SimulationListener;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code driftsim node} processes (the packaged jar through {@code bin/driftsim}, each a JVM
 * of its own, on 127.0.0.1 and free ports, started from the example node configs) host the
 * partitions of a simulation:
 *
 * <ul>
 *   <li>a coordinator-only node in the test JVM runs a short job across them; it finishes with
 *       every step, both node processes host partitions, and the particles equal a single-node
 *       run of the same job in this JVM bit for bit;
 *   <li>{@code driftsim simulate cluster-conf/examples/simulate-on-cluster.conf} — the README's
 *       cluster example, a third process — runs on the same two nodes.
 * </ul>
 *
 * <p>The partitions compute with the float32 {@code nd4j} engine, whose bits do not depend on
 * how warm each JVM is (gpu's {@code TierIndependenceTest}), so the two node JVMs and the
 * single-node run in this JVM must agree exactly.
 *
 * <p>Every process is bounded in time and killed in {@link #stopNodes()} and by a shutdown hook.
 */
@Tag("long")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path EXAMPLES = ROOT.resolve("cluster-conf/examples");
  private static final Duration START = Duration.ofSeconds(120);
  private static final String ENGINE = "nd4j";

  @TempDir static Path dir;

  private static final List<NodeProcess> NODES = new ArrayList<>();
  private static int seedPort;
  private static Thread killer;

  /** A {@code driftsim node} process with its output in files. */
  private record NodeProcess(String name, Process process, Path out, Path err, int port) {
    String log() throws IOException {
      return name + " stdout:\n" + Files.readString(out) + name + " stderr:\n"
          + Files.readString(err);
    }

    /** SIGTERM (the node leaves the cluster), then SIGKILL; the launcher's children too. */
    void kill() throws InterruptedException {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** HOCON that moves a config to {@code port} and the seed node to {@link #seedPort}. */
  static String ports(int port) {
    return "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
        + "pekko.remote.artery.canonical.port = " + port + "\n"
        + "pekko.cluster.seed-nodes = [\"pekko://driftsim@127.0.0.1:" + seedPort + "\"]\n";
  }

  /** Starts {@code bin/driftsim node} on an example config moved to a free port. */
  static NodeProcess startNode(String example) throws IOException {
    int port = example.equals("node-seed.conf") ? seedPort : freePort();
    Path conf = dir.resolve(example);
    Files.writeString(conf, "include file(\"" + EXAMPLES.resolve(example) + "\")\n" + ports(port)
        + "driftsim.runtime.engine = \"" + ENGINE + "\"\n");
    Path out = dir.resolve(example + ".out");
    Path err = dir.resolve(example + ".err");
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("bin/driftsim").toString(),
        "node", "--config", conf.toString())
        .directory(ROOT.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("JAVA_OPTS", "-Xmx1g");
    NodeProcess node = new NodeProcess(example, pb.start(), out, err, port);
    NODES.add(node);
    return node;
  }

  /** Waits for the node's "up at" line; fails with its output if it exits or takes too long. */
  static void awaitUp(NodeProcess node) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    String up = "driftsim node: up at pekko://driftsim@127.0.0.1:" + node.port();
    while (!Files.readString(node.out()).contains(up)) {
      assertTrue(node.process().isAlive(), () -> "node exited early\n" + log(node));
      assertTrue(System.nanoTime() < deadline,
          () -> "node not up after " + START.toSeconds() + " s\n" + log(node));
      Thread.sleep(100);
    }
  }

  private static String log(NodeProcess node) {
    try {
      return node.log();
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  static void startNodes() throws Exception {
    killer = new Thread(() -> NODES.forEach(n -> n.process().destroyForcibly()),
        "kill-driftsim-nodes");
    Runtime.getRuntime().addShutdownHook(killer);
    seedPort = freePort();
    try {
      awaitUp(startNode("node-seed.conf"));
      awaitUp(startNode("node-worker.conf"));
    } catch (Throwable t) {
      stopNodes();
      throw t;
    }
  }

  @AfterAll
  static void stopNodes() throws InterruptedException {
    for (int i = NODES.size() - 1; i >= 0; i--) {
      NODES.get(i).kill();
    }
    for (NodeProcess n : NODES) {
      assertTrue(!n.process().isAlive(), n.name() + " was killed");
    }
    NODES.clear();
    if (killer != null) {
      Runtime.getRuntime().removeShutdownHook(killer);
      killer = null;
    }
  }

  /** Records the steps and the final particles. */
  static class Recorder implements SimulationListener {
    final List<Step> steps = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(long step, double[][] positions) {}

    @Override
    public void onStep(Step step) {
      steps.add(step);
    }

    @Override
    public void onFinish(double[][] positions) {}
  }

  /** 300 particles drifting towards 400 positives in R³, 4 bank and 4 particle partitions. */
  static SimulationJob job(int steps) {
    Random r = new Random(23);
    int d = 3;
    double[][] positives = new double[400][d];
    double[][] particles = new double[300][d];
    for (double[] p : positives) {
      for (int k = 0; k < d; k++) {
        p[k] = 1 + r.nextGaussian() * 0.5;
      }
    }
    for (double[] p : particles) {
      for (int k = 0; k < d; k++) {
        p[k] = r.nextGaussian() * 0.5;
      }
    }
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=1.5)"),
        List.of(1.5));
    return new SimulationJob("two-jvms", new Euclidean(d), spec, positives, particles, steps,
        0.5, 0, 4, 4, Set.of(), new SimulationJob.Runtime(Duration.ofSeconds(60), 2, 4L << 20));
  }

  /** The job on a one-node cluster in this JVM: its final particles. */
  static double[][] singleNode(SimulationJob job) throws Exception {
    try (DriftsimNode node = DriftsimNode.start(settings("[coordinator, partitions]"),
        ConfigFactory.empty())) {
      node.awaitUp(START);
      JobCoordinator.Outcome out = node.ask(
          to -> new JobCoordinator.RunSimulation(job, new Recorder(), to), Duration.ofMinutes(3));
      return assertInstanceOf(JobCoordinator.SimulationFinished.class, out, out::toString)
          .particles();
    }
  }

  static Settings settings(String roles) {
    return Settings.of(ConfigFactory.parseString("driftsim.node.roles = " + roles + "\n"
        + "driftsim.runtime.engine = \"" + ENGINE + "\""), "test");
  }

  @Test
  @Order(1)
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSimulationAcrossTwoNodeJvmsEqualsTheSingleNodeRun() throws Exception {
    SimulationJob job = job(4);
    double[][] cluster;
    Map<Integer, Integer> hosted = new HashMap<>();
    int port = freePort();
    try (DriftsimNode coordinator = DriftsimNode.start(settings("[coordinator]"),
        ConfigFactory.parseString(ports(port)))) {
      coordinator.awaitMembers(3, START);
      coordinator.awaitPartitionHosts(2, START);
      Recorder rec = new Recorder();
      JobCoordinator.Outcome out = coordinator.ask(
          to -> new JobCoordinator.RunSimulation(job, rec, to), Duration.ofMinutes(3));
      JobCoordinator.SimulationFinished done = assertInstanceOf(
          JobCoordinator.SimulationFinished.class, out, out::toString);
      cluster = done.particles();
      assertEquals(job.steps(), done.steps());
      assertEquals(job.steps(), rec.steps.size());
      for (int s = 0; s < job.steps(); s++) {
        assertEquals(s, rec.steps.get(s).step());
        assertEquals(8, rec.steps.get(s).partitions());
      }
      coordinator.partitionsByHost(Duration.ofSeconds(10)).forEach(
          (address, n) -> hosted.merge(address.getPort().orElseThrow(), n, Integer::sum));
    }
    // Both node processes host partitions, the coordinator's JVM none.
    assertEquals(8, hosted.values().stream().mapToInt(Integer::intValue).sum(), hosted::toString);
    for (NodeProcess n : NODES) {
      assertTrue(hosted.getOrDefault(n.port(), 0) >= 1, n.name() + " hosts partitions: "
          + hosted);
    }
    assertEquals(0, hosted.getOrDefault(port, 0), hosted::toString);

    double[][] single = singleNode(job);
    assertEquals(single.length, cluster.length);
    double moved = 0;
    for (int i = 0; i < single.length; i++) {
      assertArrayEquals(single[i], cluster[i], 0.0, "particle " + i);
      for (int k = 0; k < single[i].length; k++) {
        moved += Math.abs(single[i][k] - job.particles()[i][k]);
      }
    }
    assertTrue(moved > 1e-3 * single.length, "the particles moved: " + moved);
  }

  @Test
  @Order(2)
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theReadmeClusterExampleRunsOnTheTwoNodes() throws Exception {
    Path run = dir.resolve("run");
    Path out = dir.resolve("simulate.out");
    Path err = dir.resolve("simulate.err");
    int steps = 20;
    Process p = new ProcessBuilder("bash", ROOT.resolve("bin/driftsim").toString(), "simulate",
        EXAMPLES.resolve("simulate-on-cluster.conf").toString(), "--run-dir", run.toString(),
        "--set", "pekko.remote.artery.canonical.port=" + freePort(),
        "--set", "pekko.cluster.seed-nodes=[\"pekko://driftsim@127.0.0.1:" + seedPort + "\"]",
        "--set", "driftsim.simulation.steps=" + steps,
        "--set", "driftsim.simulation.snapshot-steps=[0]",
        "--set", "driftsim.simulation.plot-steps=[0]",
        "--set", "driftsim.simulation.sw2-every=0")
        .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    try {
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), () -> "driftsim simulate finished\n"
          + read(err));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), () -> read(err));
    assertTrue(read(out).startsWith("driftsim simulate: " + steps + " steps of 2000 particles"),
        () -> read(out));
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(steps + 1, lines.size());
    Matcher m = Pattern.compile("\"partitions\": (\\d+)").matcher(lines.get(0));
    assertTrue(m.find(), lines.get(0));
    assertEquals(8, Integer.parseInt(m.group(1)), "4 bank + 4 particle partitions");
    assertEquals(2000, Files.readAllLines(run.resolve("particles/final.csv")).size());
  }

  /**
   * Node loss (last: it kills a node): the worker JVM is killed with SIGKILL at step 4 of a
   * 14-step simulation coordinated from this JVM. The split-brain resolver downs it (keep-majority:
   * the seed node and the coordinator remain), Cluster Sharding moves its partitions to the seed
   * node, where they start empty; the coordinator's recovery reloads them and the job finishes
   * every step once, with the particles of the single-node run bit for bit.
   */
  @Tag("faults")
  @Test
  @Order(3)
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aWorkerKilledMidJobIsReplacedAndTheJobEndsAsTheSingleNodeRun() throws Exception {
    SimulationJob base = job(14);
    SimulationJob job = new SimulationJob(base.job(), base.manifold(), base.spec(),
        base.positives(), base.particles(), base.steps(), base.eta(), base.stepCap(), 4, 4,
        Set.of(), new SimulationJob.Runtime(Duration.ofSeconds(2), 2, 4L << 20, 30));
    NodeProcess worker = NODES.stream().filter(n -> n.name().equals("node-worker.conf"))
        .findFirst().orElseThrow();
    double[][] cluster;
    Recorder rec = new Recorder() {
      @Override
      public void onStep(Step step) {
        super.onStep(step);
        if (step.step() == 3) {
          worker.process().descendants().forEach(ProcessHandle::destroyForcibly);
          worker.process().destroyForcibly();
        }
      }
    };
    try (DriftsimNode coordinator = DriftsimNode.start(settings("[coordinator]"),
        ConfigFactory.parseString(ports(freePort())))) {
      coordinator.awaitMembers(3, START);
      coordinator.awaitPartitionHosts(2, START);
      JobCoordinator.Outcome out = coordinator.ask(
          to -> new JobCoordinator.RunSimulation(job, rec, to), Duration.ofMinutes(5));
      cluster = assertInstanceOf(JobCoordinator.SimulationFinished.class, out, out::toString)
          .particles();
    }
    assertTrue(!worker.process().isAlive(), "the worker was killed");
    assertEquals(job.steps(), rec.steps.size(), "steps recorded");
    for (int s = 0; s < job.steps(); s++) {
      assertEquals(s, rec.steps.get(s).step(), "each step once, in order");
    }
    assertTrue(rec.steps.get(4).attempts() >= 2, "step 4 was recovered: "
        + rec.steps.get(4));
    double[][] single = singleNode(job);
    for (int i = 0; i < single.length; i++) {
      assertArrayEquals(single[i], cluster[i], 0.0, "particle " + i);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
