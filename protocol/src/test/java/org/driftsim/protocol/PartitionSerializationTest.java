package org.driftsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every wire message through Pekko's serialization, as a remote send would do it. */
class PartitionSerializationTest {
  private static ActorTestKit testKit;
  private static Serialization serialization;
  private static TestProbe<PartitionReply> probe;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("PartitionSerializationTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    probe = testKit.createTestProbe(PartitionReply.class);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Serializes with the serializer Pekko picks and deserializes through its id and manifest. */
  static Object roundTrip(Object message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertInstanceOf(DriftsimSerializer.class, serializer, message.getClass().getName());
    byte[] bytes = serializer.toBinary(message);
    String manifest = Serializers.manifestFor(serializer, message);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  /** The concrete records under a sealed interface, nested sealed interfaces included. */
  static List<Class<?>> leaves(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isSealed()) {
        out.addAll(leaves(c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  @Test
  void everyCommandAndReplyHasASampleAManifestAndRoundTrips() {
    Map<Class<?>, List<WireMessage>> samples = Samples.all(probe.ref());
    List<Class<?>> leaves = new ArrayList<>(leaves(PartitionCommand.class));
    leaves.addAll(leaves(PartitionReply.class));
    assertEquals(15, leaves.size(), "commands and replies: " + leaves);
    Set<Class<?>> kinds = new HashSet<>();
    for (WireCodec.Kind k : WireCodec.Kind.values()) {
      kinds.add(k.type);
    }
    for (Class<?> type : leaves) {
      assertTrue(samples.containsKey(type), "no sample of " + type.getName());
      assertTrue(kinds.contains(type), "no manifest for " + type.getName());
      for (WireMessage m : samples.get(type)) {
        Samples.assertWireEquals(m, roundTrip(m));
      }
    }
    assertEquals(Set.copyOf(leaves), samples.keySet(), "samples of unknown classes");
    assertEquals(Set.copyOf(leaves), kinds, "manifests of unknown classes");
  }

  @Test
  void manifestsAreShortUniqueAndFrozen() {
    StringBuilder all = new StringBuilder();
    Set<String> seen = new HashSet<>();
    for (WireCodec.Kind k : WireCodec.Kind.values()) {
      assertTrue(seen.add(k.manifest), "manifest used twice: " + k.manifest);
      all.append(k.type.getSimpleName()).append('=').append(k.manifest).append(' ');
    }
    // Changing one breaks every peer running the previous release: add, never rename.
    assertEquals("Query=Q1 LoadReferences=LR1 AppendReferences=AR1 GetParticles=GP1 "
        + "ApplyMoves=AM1 Release=RL1 Ping=PG1 PartialSumsReply=PS1 ScaleSumsReply=SS1 "
        + "RowSumsReply=RS1 DengSumsReply=DS1 QueryFailed=QF1 Particles=PT1 Ack=AK1 "
        + "Status=ST1 ", all.toString());
    assertEquals(7301, serialization.findSerializerFor(new PartitionCommand.Ping("j",
        probe.ref())).identifier());
  }

  @Test
  void replyToResolvesToTheSameActor() {
    PartitionCommand.Ping back = (PartitionCommand.Ping) roundTrip(
        new PartitionCommand.Ping("job-a", probe.ref()));
    back.replyTo().tell(new PartitionReply.Status("job-a", 0, 1, 2, -1));
    assertEquals(new PartitionReply.Status("job-a", 0, 1, 2, -1), probe.receiveMessage());
  }

  @Test
  void aRefOfAnotherSystemResolvesToDeadLetters() {
    // What golden files can hold: a path of a system named "golden" read in this one.
    DriftsimSerializer s = (DriftsimSerializer) serialization.serializerByIdentity()
        .apply(DriftsimSerializer.IDENTIFIER);
    byte[] bytes = org.driftsim.protocol.v1.PartitionProtos.Ping.newBuilder().setVersion(1)
        .setJob("job-a").setReplyTo("pekko://golden/user/probe").build().toByteArray();
    ActorRef<?> ref = ((PartitionCommand.Ping) s.fromBinary(bytes, "PG1")).replyTo();
    assertEquals("pekko://PartitionSerializationTest/deadLetters", ref.path().toString());
  }

  @Test
  void aLargeQueryBatchRoundTrips() {
    int n = 4096;
    int d = 512;
    double[][] points = Samples.points(new Random(1), n, d); // [N, D] 16 MiB
    PartitionCommand.Query query = new PartitionCommand.Query(
        new RequestId("big", 0, Round.PARTIALS, 0, 0),
        new FieldSpec(FieldType.DENG, List.of(KernelSpec.of(KernelFamily.LAPLACE, 0.2))),
        new ManifoldSpec(Geometry.EUCLIDEAN, d, 1), QueryBatch.of(points), null, null,
        probe.ref());
    Samples.assertWireEquals(query, roundTrip(query));
  }

  @Test
  void aMessageAboveTheConfiguredLimitIsRefusedWithItsSize() {
    ActorTestKit small = ActorTestKit.create("SmallLimit",
        ConfigFactory.parseString("driftsim.protocol.max-message-bytes = 1 KiB")
            .withFallback(ConfigFactory.load()));
    try {
      Serialization ser = SerializationExtension.get(Adapter.toClassic(small.system()));
      PartitionReply.Particles particles = new PartitionReply.Particles("job-a", 0, 0,
          new double[64][3], new long[64]); // 64·3·8 + 64·8 bytes of tensors
      Serializer s = ser.findSerializerFor(particles);
      assertEquals(1024, ((DriftsimSerializer) s).settings().maxMessageBytes());
      WireFormatException e = assertThrows(WireFormatException.class,
          () -> s.toBinary(particles));
      assertEquals("Particles: expected at most 1024 bytes (driftsim.protocol.max-message-bytes),"
          + " found 2084 bytes; send it in smaller chunks", e.getMessage());
      assertEquals(64 * 1024 * 1024,
          ((DriftsimSerializer) serialization.findSerializerFor(particles)).settings()
              .maxMessageBytes(), "the default");
    } finally {
      small.shutdownTestKit();
    }
  }

  @Test
  void aLimitOutsideItsRangeNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProtocolSettings.fromConfig(
            ConfigFactory.parseString("driftsim.protocol.max-message-bytes = 100")));
    assertEquals("driftsim.protocol.max-message-bytes must be in [1024, 2147483639] bytes,"
        + " got 100", e.getMessage());
  }

  @Test
  void javaSerializationIsOff() {
    assertEquals(false, testKit.system().settings().config()
        .getBoolean("pekko.actor.allow-java-serialization"));
  }
}
