package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Engines;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The coordinator against TestProbes standing in for partitions, with manual time: timeouts and
 * re-sends, stale and duplicate replies, arrival order.
 */
class CoordinatorProtocolTest {
  private static ActorTestKit testKit;
  private static ManualTime time;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(ManualTime.config());
    time = ManualTime.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Probes as bank partitions 0 … P−1. */
  private static final class ProbePartitions implements Partitions {
    final List<TestProbe<PartitionCommand>> probes = new ArrayList<>();

    ProbePartitions(int count) {
      for (int i = 0; i < count; i++) {
        probes.add(testKit.createTestProbe());
      }
    }

    @Override
    public void tell(Kind kind, int id, PartitionCommand message) {
      probes.get(id).getRef().tell(message);
    }
  }

  private record Problem(Manifold manifold, FieldSpec spec, QueryBatch queries,
      List<ReferenceSet> positives, List<ReferenceSet> negatives) {}

  private static Problem problem(int parts, long seed) {
    Random r = new Random(seed);
    Manifold m = new Euclidean(2);
    double[][] x = new double[20][2];
    for (double[] p : x) {
      p[0] = r.nextGaussian();
      p[1] = r.nextGaussian();
    }
    List<ReferenceSet> pos = new ArrayList<>();
    List<ReferenceSet> neg = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      double[][] a = new double[9][2];
      double[][] b = new double[7][2];
      for (double[] y : a) {
        y[0] = r.nextGaussian() + 1;
        y[1] = r.nextGaussian();
      }
      for (double[] y : b) {
        y[0] = r.nextGaussian();
        y[1] = r.nextGaussian() - 1;
      }
      pos.add(ReferenceSet.of(Side.POSITIVE, a));
      neg.add(ReferenceSet.of(Side.NEGATIVE, b));
    }
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("gaussian(tau=0.7)"),
        List.of(0.7));
    return new Problem(m, spec, QueryBatch.of(x), pos, neg);
  }

  /** A partition's state, computed with the float64 reference, to answer for a probe. */
  private static PartitionState<?> stateFor(Problem pr, int p) {
    PartitionState<?> s = new PartitionState<>(Engines.create("reference", 1), p);
    var ms = org.driftsim.protocol.ManifoldSpec.of(pr.manifold());
    s.load("job", ms, pr.positives().get(p));
    s.load("job", ms, pr.negatives().get(p));
    return s;
  }

  private static ActorRef<JobCoordinator.Command> coordinator(ProbePartitions partitions) {
    return testKit.spawn(JobCoordinator.create(partitions));
  }

  private static void ackLoads(ProbePartitions partitions, int rounds) {
    for (int round = 0; round < rounds; round++) {
      for (int p = 0; p < partitions.probes.size(); p++) {
        PartitionCommand m = partitions.probes.get(p).receiveMessage();
        if (m instanceof PartitionCommand.LoadReferences l) {
          l.replyTo().tell(new PartitionReply.Ack("job", p, PartitionReply.AckKind.LOADED, -1,
              l.references().size()));
        } else {
          throw new AssertionError("expected a load, got " + m);
        }
      }
    }
  }

  private static void ackReleases(ProbePartitions partitions) {
    for (int p = 0; p < partitions.probes.size(); p++) {
      PartitionCommand.Release m = partitions.probes.get(p)
          .expectMessageClass(PartitionCommand.Release.class);
      m.replyTo().tell(new PartitionReply.Ack("job", p, PartitionReply.AckKind.RELEASED, -1, 0));
    }
  }

  private static TestProbe<JobCoordinator.Outcome> compute(ProbePartitions partitions,
      Problem pr, long maxMessageBytes) {
    TestProbe<JobCoordinator.Outcome> client = testKit.createTestProbe();
    coordinator(partitions).tell(new JobCoordinator.ComputeField("job", pr.spec(), pr.manifold(),
        pr.queries(), pr.positives(), pr.negatives(),
        new SimulationJob.Runtime(TIMEOUT, 3, maxMessageBytes), client.getRef()));
    return client;
  }

  private static double[][] expected(Problem pr) {
    List<ReferenceSet> all = new ArrayList<>();
    for (int p = 0; p < pr.positives().size(); p++) {
      all.add(pr.positives().get(p));
      all.add(pr.negatives().get(p));
    }
    return DriftFields.computeSharded(pr.spec(), pr.manifold(), pr.queries(), all);
  }

  /**
   * Every {@link JobCoordinator.Command} subtype is handled: a busy coordinator answers each
   * public one (the job requests) with the reason it refuses it, and the private ones (the
   * results of its gatherer, field-evaluation and trainer children, through message adapters)
   * carry a job to its end. None of them crosses the wire (they hold listeners and manifolds; jobs are
   * submitted in the coordinator's JVM), so only the partitions' protocol needs serializers.
   */
  @Test
  void everyCoordinatorCommandIsHandled() {
    Set<Class<?>> permitted = Set.of(JobCoordinator.Command.class.getPermittedSubclasses());
    Map<Class<?>, Function<ActorRef<JobCoordinator.Outcome>, JobCoordinator.Command>> requests =
        new HashMap<>();
    Problem other = problem(1, 5);
    requests.put(JobCoordinator.ComputeField.class, to -> new JobCoordinator.ComputeField("b",
        other.spec(), other.manifold(), other.queries(), other.positives(), other.negatives(),
        new SimulationJob.Runtime(TIMEOUT, 3, 1 << 20), to));
    requests.put(JobCoordinator.RunSimulation.class, to -> new JobCoordinator.RunSimulation(
        new SimulationJob("c", other.manifold(), other.spec(), other.positives().get(0).points(),
            other.queries().points(), 2, 0.1, 0, 1, 1, Set.of(),
            new SimulationJob.Runtime(TIMEOUT, 3, 1 << 20)), new NoListener(), to));
    requests.put(JobCoordinator.RunTraining.class, to -> new JobCoordinator.RunTraining(
        new TrainingJob("d", other.manifold(), other.spec(), other.positives().get(0).points(),
            0, 1, 1, 1, new Trainer() {
              @Override
              public Batch generate(long step) {
                return new Batch(other.queries().points(), null, null);
              }

              @Override
              public void update(long step, double[][] field, FieldInfo info) {}
            }, new SimulationJob.Runtime(TIMEOUT, 3, 1 << 20)), to));
    Set<String> internal = new HashSet<>();
    for (Class<?> c : permitted) {
      if (Modifier.isPublic(c.getModifiers())) {
        assertTrue(requests.containsKey(c), "no sample of " + c.getName());
      } else {
        internal.add(c.getSimpleName());
      }
    }
    assertEquals(Set.of("GatherDone", "FieldDone", "TrainerDone"), internal,
        "the children's results (TrainerDone: TrainingJobTest)");

    Problem pr = problem(1, 4);
    ProbePartitions partitions = new ProbePartitions(1);
    TestProbe<JobCoordinator.Outcome> client = testKit.createTestProbe();
    ActorRef<JobCoordinator.Command> coordinator = coordinator(partitions);
    coordinator.tell(new JobCoordinator.ComputeField("job", pr.spec(), pr.manifold(),
        pr.queries(), pr.positives(), pr.negatives(),
        new SimulationJob.Runtime(TIMEOUT, 3, 1 << 20), client.getRef()));
    for (var request : requests.entrySet()) {
      TestProbe<JobCoordinator.Outcome> refused = testKit.createTestProbe();
      coordinator.tell(request.getValue().apply(refused.getRef()));
      assertEquals(new JobCoordinator.JobFailed("coordinator is running job job; one job at a"
          + " time"), refused.receiveMessage(), request.getKey().getSimpleName());
    }
    ackLoads(partitions, 2); // GatherDone
    PartitionCommand.Query q = partitions.probes.get(0)
        .expectMessageClass(PartitionCommand.Query.class);
    q.replyTo().tell(stateFor(pr, 0).answer(q)); // FieldDone
    ackReleases(partitions); // GatherDone
    double[][] v = assertInstanceOf(JobCoordinator.FieldComputed.class, client.receiveMessage())
        .field();
    double[][] want = expected(pr);
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], v[i], 1e-12);
    }
  }

  /** A listener that records nothing. */
  private static final class NoListener implements SimulationListener {
    @Override
    public void onSnapshot(long step, double[][] positions) {}

    @Override
    public void onStep(Step step) {}

    @Override
    public void onFinish(double[][] positions) {}
  }

  @Test
  void aPartitionThatNeverAnswersIsAskedAgainAndALateReplyToTheEarlierAttemptIsIgnored() {
    Problem pr = problem(2, 1);
    ProbePartitions partitions = new ProbePartitions(2);
    TestProbe<JobCoordinator.Outcome> client = compute(partitions, pr, 1 << 20);
    ackLoads(partitions, 2); // positives, then negatives
    PartitionState<?> s0 = stateFor(pr, 0);
    PartitionState<?> s1 = stateFor(pr, 1);
    PartitionCommand.Query q0 = partitions.probes.get(0)
        .expectMessageClass(PartitionCommand.Query.class);
    PartitionCommand.Query q1 = partitions.probes.get(1)
        .expectMessageClass(PartitionCommand.Query.class);
    assertEquals(0, q1.id().attempt());
    q0.replyTo().tell(s0.answer(q0));
    // Partition 1 is silent: after the timeout it is asked again, partition 0 is not.
    time.timePasses(TIMEOUT.plusMillis(1));
    PartitionCommand.Query again = partitions.probes.get(1)
        .expectMessageClass(PartitionCommand.Query.class);
    assertEquals(1, again.id().attempt());
    assertEquals(q1.id().nextAttempt(), again.id());
    partitions.probes.get(0).expectNoMessage(Duration.ofMillis(50));
    // Its late answer to attempt 0 is dropped: nothing completes.
    q1.replyTo().tell(s1.answer(q1));
    client.expectNoMessage(Duration.ofMillis(100));
    partitions.probes.get(1).expectNoMessage(Duration.ofMillis(10));
    // A duplicate of partition 0's reply changes nothing either.
    q0.replyTo().tell(s0.answer(q0));
    again.replyTo().tell(s1.answer(again));
    ackReleases(partitions);
    JobCoordinator.FieldComputed done = assertInstanceOf(JobCoordinator.FieldComputed.class,
        client.receiveMessage());
    assertEquals(2, done.attempts());
    double[][] want = expected(pr);
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], done.field()[i], 1e-12);
    }
  }

  @Test
  void aPartitionThatNeverAnswersFailsTheJobAfterTheLastAttempt() {
    Problem pr = problem(2, 2);
    ProbePartitions partitions = new ProbePartitions(2);
    TestProbe<JobCoordinator.Outcome> client = testKit.createTestProbe();
    coordinator(partitions).tell(new JobCoordinator.ComputeField("job", pr.spec(), pr.manifold(),
        pr.queries(), pr.positives(), pr.negatives(),
        new SimulationJob.Runtime(TIMEOUT, 3, 1 << 20, 1), client.getRef()));
    ackLoads(partitions, 2);
    PartitionState<?> s0 = stateFor(pr, 0);
    PartitionCommand.Query q0 = partitions.probes.get(0)
        .expectMessageClass(PartitionCommand.Query.class);
    q0.replyTo().tell(s0.answer(q0));
    for (int attempt = 0; attempt < 3; attempt++) {
      partitions.probes.get(1).expectMessageClass(PartitionCommand.Query.class);
      time.timePasses(TIMEOUT.plusMillis(1));
    }
    // The recovery asks both for their state; partition 0 answers, partition 1 stays silent.
    PartitionCommand.Ping ping = partitions.probes.get(0)
        .expectMessageClass(PartitionCommand.Ping.class);
    ping.replyTo().tell(new PartitionReply.Status("job", 0, s0.size(Side.POSITIVE),
        s0.size(Side.NEGATIVE), -1));
    for (int attempt = 0; attempt < 3; attempt++) {
      partitions.probes.get(1).expectMessageClass(PartitionCommand.Ping.class);
      time.timePasses(TIMEOUT.plusMillis(1));
    }
    JobCoordinator.JobFailed failed = assertInstanceOf(JobCoordinator.JobFailed.class,
        client.receiveMessage());
    assertEquals("job job: step 0, recovering partitions: bank partition 1 did not answer after"
        + " 3 attempts of 5000 ms each (after 1 recovery of the step)", failed.reason());
  }

  /** A point near {@code base}: exp_base of a random tangent vector of scale sigma. */
  private static double[] near(Manifold m, double[] base, double sigma, Random r) {
    double[] v = new double[base.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = sigma * r.nextGaussian();
    }
    double[] t = new double[v.length];
    m.projectTangent(base, v, t);
    double[] out = new double[v.length];
    m.exp(base, t, out);
    return out;
  }

  /**
   * Queries around a base point of {@code geometry}, positives and negatives around two other
   * points, split over {@code parts} partitions; a Gaussian kernel (every field has it).
   */
  private static Problem problemOn(String geometry, FieldType field, int parts, long seed) {
    Manifold m = org.driftsim.geometry.Geometry.parse("--geometry", geometry).manifold(3, 1);
    double[] origin = switch (m.geometry()) {
      case EUCLIDEAN -> new double[] {0, 0, 0};
      case SPHERE -> new double[] {0, 0, 1};
      case HYPERBOLOID -> new double[] {1, 0, 0};
      case SIMPLEX -> m.fromData(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    };
    Random r = new Random(seed);
    double[] centreP = near(m, origin, 0.4, r);
    double[] centreN = near(m, origin, 0.4, r);
    double[][] x = new double[20][];
    for (int i = 0; i < x.length; i++) {
      x[i] = near(m, origin, 0.3, r);
    }
    List<ReferenceSet> pos = new ArrayList<>();
    List<ReferenceSet> neg = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      double[][] a = new double[9][];
      double[][] b = new double[7][];
      for (int j = 0; j < a.length; j++) {
        a[j] = near(m, centreP, 0.2, r);
      }
      for (int j = 0; j < b.length; j++) {
        b[j] = near(m, centreN, 0.2, r);
      }
      pos.add(ReferenceSet.of(Side.POSITIVE, a));
      neg.add(ReferenceSet.of(Side.NEGATIVE, b));
    }
    FieldSpec spec = FieldSpec.of(field, KernelSpec.parse("gaussian(tau=0.3)"), List.of(0.3));
    return new Problem(m, spec, QueryBatch.of(x), pos, neg);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"euclidean, DENG", "euclidean, GRADIENT", "euclidean, SHARP", "euclidean, MMD",
      "sphere, DENG", "sphere, GRADIENT", "sphere, SHARP", "sphere, MMD",
      "hyperboloid, DENG", "hyperboloid, GRADIENT", "hyperboloid, SHARP", "hyperboloid, MMD",
      "simplex, DENG", "simplex, GRADIENT", "simplex, SHARP", "simplex, MMD"})
  void theFieldDoesNotDependOnTheOrderRepliesArriveIn(String geometry, FieldType field) {
    Problem pr = problemOn(geometry, field, 5, 3);
    double[][] first = null;
    for (long shuffle = 0; shuffle < 4; shuffle++) {
      ProbePartitions partitions = new ProbePartitions(5);
      // A small budget: several query blocks per partition, all answered in a random order.
      TestProbe<JobCoordinator.Outcome> client = compute(partitions, pr, 1500);
      ackLoads(partitions, 2);
      record Sent(int partition, PartitionCommand.Query query) {}
      List<Sent> sent = new ArrayList<>();
      for (int p = 0; p < partitions.probes.size(); p++) {
        TestProbe<PartitionCommand> probe = partitions.probes.get(p);
        sent.add(new Sent(p, probe.expectMessageClass(PartitionCommand.Query.class)));
        while (true) {
          try {
            sent.add(new Sent(p, probe.expectMessageClass(PartitionCommand.Query.class,
                Duration.ofMillis(100))));
          } catch (AssertionError none) {
            break; // this partition has all its blocks
          }
        }
      }
      assertTrue(sent.size() >= 10, "queries travel in several blocks: " + sent.size());
      Collections.shuffle(sent, new Random(shuffle));
      Map<Integer, PartitionState<?>> states = new HashMap<>();
      for (Sent x : sent) {
        x.query().replyTo().tell(states.computeIfAbsent(x.partition(), k -> stateFor(pr, k))
            .answer(x.query()));
      }
      ackReleases(partitions);
      double[][] v = assertInstanceOf(JobCoordinator.FieldComputed.class,
          client.receiveMessage()).field();
      if (first == null) {
        first = v;
        double[][] want = expected(pr);
        for (int i = 0; i < want.length; i++) {
          assertArrayEquals(want[i], v[i], 1e-12);
        }
      } else {
        for (int i = 0; i < v.length; i++) {
          assertArrayEquals(first[i], v[i], 0.0, "bit-identical whatever the order");
        }
      }
    }
  }
}
