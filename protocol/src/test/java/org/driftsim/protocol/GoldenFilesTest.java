package org.driftsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads every golden file back (written by {@link GoldenFiles}): what this release decodes from
 * bytes an earlier one wrote, and that it still writes the same bytes.
 */
class GoldenFilesTest {
  private static ActorTestKit testKit;
  private static ActorRef<PartitionReply> probe;
  private static DriftsimSerializer serializer;

  @BeforeAll
  static void start() {
    testKit = GoldenFiles.system();
    probe = GoldenFiles.probe(testKit);
    serializer = (DriftsimSerializer) SerializationExtension.get(Adapter.toClassic(
        testKit.system())).serializerByIdentity().apply(DriftsimSerializer.IDENTIFIER);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @ParameterizedTest
  @EnumSource(WireCodec.Kind.class)
  void decodesToTheGoldenSample(WireCodec.Kind kind) throws Exception {
    assertEquals(GoldenFiles.REPLY_TO, probe.path().toString());
    Map<Class<?>, WireMessage> golden = Samples.golden(probe);
    Object decoded = serializer.fromBinary(GoldenFiles.read(kind), kind.manifest);
    // replyTo is compared too: the stored path resolves to the live probe of this system.
    Samples.assertWireEquals(golden.get(kind.type), decoded);
    if (decoded instanceof PartitionCommand c) {
      ActorRef<?> replyTo = (ActorRef<?>) kind.type.getRecordComponents()[
          kind.type.getRecordComponents().length - 1].getAccessor().invoke(c);
      assertEquals(GoldenFiles.REPLY_TO, replyTo.path().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(WireCodec.Kind.class)
  void encodesToTheGoldenBytes(WireCodec.Kind kind) {
    WireMessage sample = Samples.golden(probe).get(kind.type);
    assertArrayEquals(GoldenFiles.read(kind),
        new WireCodec(GoldenFiles.PATH_ONLY).encode(sample).toByteArray(), kind.manifest);
  }
}
