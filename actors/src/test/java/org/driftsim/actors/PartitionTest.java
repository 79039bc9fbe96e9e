package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.protocol.DriftsimSerializer;
import org.driftsim.protocol.ManifoldSpec;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;
import org.driftsim.protocol.RequestId;
import org.driftsim.protocol.Round;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The partitions' behaviour: every command answered, moves applied once, bad queries named. */
class PartitionTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Manifold SPHERE = new Sphere(2);
  private static final ManifoldSpec SPEC = ManifoldSpec.of(SPHERE);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static ActorRef<PartitionCommand> particlePartition(int id) {
    return KIT.spawn(ParticlePartition.create(new PartitionSettings("reference", 1), id,
        new DeviceBinding(1)));
  }

  private static double[][] points() {
    return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6, 0.8, 0}};
  }

  private static ReferenceSet particles() {
    return new ReferenceSet(Side.NEGATIVE, points(), new double[] {1, 1, 1, 1},
        new long[] {10, 11, 12, 13});
  }

  /** One sample of every command, built for a reply probe. */
  private static final Map<Class<?>, Function<ActorRef<PartitionReply>, PartitionCommand>>
      SAMPLES = Map.of(
          PartitionCommand.LoadReferences.class,
          to -> new PartitionCommand.LoadReferences("job", SPEC, particles(), to),
          PartitionCommand.AppendReferences.class,
          to -> new PartitionCommand.AppendReferences("job",
              ReferenceSet.of(Side.POSITIVE, points()), 6, to),
          PartitionCommand.Query.class,
          to -> new PartitionCommand.Query(new RequestId("job", 0, Round.PARTIALS, 0, 0),
              FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=0.5)"),
                  List.of(0.5)), SPEC, QueryBatch.of(points()), null, null, to),
          PartitionCommand.GetParticles.class,
          to -> new PartitionCommand.GetParticles("job", 0, to),
          PartitionCommand.ApplyMoves.class,
          to -> new PartitionCommand.ApplyMoves("job", 0, new long[] {10, 11, 12, 13},
              new double[4][3], 0.1, Double.POSITIVE_INFINITY, to),
          PartitionCommand.Ping.class, to -> new PartitionCommand.Ping("job", to),
          PartitionCommand.Release.class, to -> new PartitionCommand.Release("job", to));

  /** Serializes with the serializer Pekko picks and deserializes, as a remote send does. */
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T message) {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
    Serializer serializer = serialization.findSerializerFor(message);
    assertInstanceOf(DriftsimSerializer.class, serializer, message.getClass().getName());
    byte[] bytes = serializer.toBinary(message);
    return (T) serialization.deserialize(bytes, serializer.identifier(),
        Serializers.manifestFor(serializer, message)).get();
  }

  /**
   * Both partition kinds get every {@link PartitionCommand} subtype (the sealed interface's
   * permitted subclasses) through the wire format, and answer each with a reply that crosses
   * the wire too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bank", "particle"})
  void everyCommandIsSerializableAndAnswered(String kind) {
    ActorRef<PartitionCommand> partition = kind.equals("bank")
        ? KIT.spawn(BankPartition.create(new PartitionSettings("reference", 1), 3,
            new DeviceBinding(1)))
        : particlePartition(3);
    TestProbe<PartitionReply> probe = KIT.createTestProbe();
    // Load first; then every other command in a fixed order, release last.
    List<Class<?>> order = List.of(PartitionCommand.LoadReferences.class,
        PartitionCommand.AppendReferences.class, PartitionCommand.Query.class,
        PartitionCommand.GetParticles.class, PartitionCommand.ApplyMoves.class,
        PartitionCommand.Ping.class, PartitionCommand.Release.class);
    assertEquals(Arrays.stream(PartitionCommand.class.getPermittedSubclasses())
        .collect(java.util.stream.Collectors.toSet()), new java.util.HashSet<>(order),
        "every command subtype is exercised");
    for (Class<?> c : order) {
      PartitionCommand sent = roundTrip(SAMPLES.get(c).apply(probe.getRef()));
      assertEquals(c, sent.getClass());
      partition.tell(sent);
      PartitionReply reply = probe.receiveMessage(Duration.ofSeconds(10));
      assertEquals(3, reply.partition(), c.getSimpleName());
      assertTrue(!(reply instanceof PartitionReply.QueryFailed), reply.toString());
      assertEquals(reply.getClass(), roundTrip(reply).getClass(), c.getSimpleName());
    }
  }

  @Test
  void aQueryIsAnsweredWithThePartialSumsOfBothSides() {
    ActorRef<PartitionCommand> partition = particlePartition(0);
    TestProbe<PartitionReply> probe = KIT.createTestProbe();
    ReferenceSet positives = ReferenceSet.of(Side.POSITIVE, new double[][] {{0, 0.6, 0.8}});
    partition.tell(new PartitionCommand.LoadReferences("job", SPEC, particles(), probe.getRef()));
    probe.expectMessageClass(PartitionReply.Ack.class);
    partition.tell(new PartitionCommand.LoadReferences("job", SPEC, positives, probe.getRef()));
    probe.expectMessageClass(PartitionReply.Ack.class);
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=0.5)"),
        List.of(0.5));
    QueryBatch q = new QueryBatch(points(), new long[] {10, 11, 99, 98});
    partition.tell(new PartitionCommand.Query(new RequestId("job", 4, Round.PARTIALS, 0, 0),
        spec, SPEC, q, null, null, probe.getRef()));
    var reply = assertInstanceOf(PartitionReply.PartialSumsReply.class, probe.receiveMessage());
    double[][] v = org.driftsim.geometry.field.FieldReduction.of(spec, SPHERE)
        .finish(reply.partials());
    double[][] want = DriftFields.compute(spec, SPHERE, q, positives, particles());
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], v[i], 1e-12);
    }
  }

  @Test
  void movesAreAppliedOncePerStepAndCapped() {
    ActorRef<PartitionCommand> partition = particlePartition(1);
    TestProbe<PartitionReply> probe = KIT.createTestProbe();
    partition.tell(new PartitionCommand.LoadReferences("job", SPEC, particles(), probe.getRef()));
    probe.expectMessageClass(PartitionReply.Ack.class);
    double[][] drift = new double[4][3];
    drift[0] = new double[] {0, 10, 0}; // tangent at (1,0,0); η·|V| = 1 is capped to 0.25
    long[] ids = {10, 11, 12, 13};
    for (int repeat = 0; repeat < 2; repeat++) { // the repeat is acknowledged, not applied
      partition.tell(new PartitionCommand.ApplyMoves("job", 7, ids, drift, 0.1, 0.25,
          probe.getRef()));
      var ack = assertInstanceOf(PartitionReply.Ack.class, probe.receiveMessage());
      assertEquals(PartitionReply.AckKind.MOVED, ack.kind());
      assertEquals(7, ack.step());
    }
    partition.tell(new PartitionCommand.GetParticles("job", 8, probe.getRef()));
    var got = assertInstanceOf(PartitionReply.Particles.class, probe.receiveMessage());
    assertArrayEquals(new double[] {Math.cos(0.25), Math.sin(0.25), 0}, got.points()[0], 1e-12);
    assertArrayEquals(new double[] {0, 1, 0}, got.points()[1], 0);
    assertArrayEquals(ids, got.ids());
    partition.tell(new PartitionCommand.Ping("job", probe.getRef()));
    assertEquals(new PartitionReply.Status("job", 1, 0, 4, 7), probe.receiveMessage());
  }

  @Test
  void aQueryBeforeAnyLoadIsAnsweredWithTheReason() {
    ActorRef<PartitionCommand> partition = particlePartition(5);
    TestProbe<PartitionReply> probe = KIT.createTestProbe();
    partition.tell(SAMPLES.get(PartitionCommand.Query.class).apply(probe.getRef()));
    var failed = assertInstanceOf(PartitionReply.QueryFailed.class, probe.receiveMessage());
    assertEquals("particle partition 5: partition 5 cannot answer queries: it holds no"
        + " references yet (send LoadReferences first)", failed.message());
  }
}
