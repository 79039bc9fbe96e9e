package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
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
import org.driftsim.protocol.ManifoldSpec;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field evaluation alone, with TestProbes as partitions answering from reference-engine
 * states in a shuffled order: rounds and query blocks merge into the field of the unsplit sets.
 */
class FieldEvaluationTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static double[][] gaussian(Random r, int n, double shift) {
    double[][] p = new double[n][3];
    for (double[] row : p) {
      for (int k = 0; k < 3; k++) {
        row[k] = shift + r.nextGaussian();
      }
    }
    return p;
  }

  /**
   * {@code deng_coded} (three rounds; given 12-row blocks it still sends all queries in one
   * block, since its column softmax is over all of them) and the gradient field (one round, in
   * three blocks of 12, 12 and 6 queries).
   */
  @ParameterizedTest
  @ValueSource(strings = {"deng_coded", "gradient"})
  void roundsAndBlocksThroughProbesGiveTheFieldOfTheUnsplitSets(String field) {
    Manifold m = new Euclidean(3);
    Random r = new Random(9);
    QueryBatch queries = QueryBatch.of(gaussian(r, 30, 0));
    int parts = 3;
    List<ReferenceSet> shards = new ArrayList<>();
    Map<Integer, PartitionState<?>> states = new HashMap<>();
    List<FieldEvaluation.Target> targets = new ArrayList<>();
    List<TestProbe<PartitionCommand>> probes = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, gaussian(r, 11, 1));
      ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE, gaussian(r, 8, -1));
      shards.add(pos);
      shards.add(neg);
      PartitionState<?> s = new PartitionState<>(Engines.create("reference", 1), p);
      s.load("job", ManifoldSpec.of(m), pos);
      s.load("job", ManifoldSpec.of(m), neg);
      states.put(p, s);
      targets.add(new FieldEvaluation.Target(Partitions.Kind.BANK, p));
      probes.add(testKit.createTestProbe());
    }
    FieldSpec spec = field.equals("deng_coded") ? FieldSpec.dengCoded(List.of(0.02, 0.05, 0.2))
        : FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=0.7)"), List.of(0.7));
    TestProbe<FieldEvaluation.Result> parent = testKit.createTestProbe();
    Partitions partitions = (kind, id, message) -> probes.get(id).getRef().tell(message);
    // 12 query rows per block: three blocks per partition and round.
    testKit.spawn(FieldEvaluation.create(5, new FieldEvaluation.Job("job", 0, spec, m, queries,
        targets, 12, Duration.ofSeconds(30), 2), partitions, parent.getRef()));

    Set<Object> rounds = new java.util.HashSet<>();
    Set<Integer> chunks = new java.util.HashSet<>();
    FieldEvaluation.Result result = null;
    Random shuffle = new Random(1);
    while (result == null) {
      record Sent(int partition, PartitionCommand.Query query) {}
      List<Sent> sent = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        while (true) {
          try {
            sent.add(new Sent(p, probes.get(p).expectMessageClass(PartitionCommand.Query.class,
                Duration.ofMillis(300))));
          } catch (AssertionError none) {
            break;
          }
        }
      }
      if (sent.isEmpty()) {
        result = parent.receiveMessage(Duration.ofSeconds(10));
        break;
      }
      Collections.shuffle(sent, shuffle);
      for (Sent s : sent) {
        rounds.add(s.query().id().round());
        chunks.add(s.query().id().chunk());
        PartitionReply reply = states.get(s.partition()).answer(s.query());
        s.query().replyTo().tell(reply);
      }
    }
    FieldEvaluation.Done done = assertInstanceOf(FieldEvaluation.Done.class, result);
    assertEquals(5, done.tag());
    boolean coded = field.equals("deng_coded");
    assertEquals(coded ? 3 : 1, rounds.size(), "rounds: " + rounds);
    assertEquals(coded ? 1 : 3, chunks.size(), "query blocks: " + chunks);
    double[][] want = DriftFields.computeSharded(spec, m, queries, shards);
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], done.field()[i], 1e-12 * (1 + Math.abs(want[i][0])),
          "query " + i);
    }
  }
}
