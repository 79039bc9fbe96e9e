package org.driftsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.driftsim.protocol.v1.PartitionProtos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wire kinds of the bad-input catalogue that {@link WireValidationTest} (garbage for Ping,
 * truncated Query, tensor lengths) and {@link PartitionSerializationTest} (a message above the
 * limit on sending) leave out: garbage for every manifest, protobuf length fields that do not
 * match the bytes, and a received message larger than {@code max-message-bytes} (which is not
 * refused: a defect, recorded below).
 */
class WireBadInputTest {
  private static ActorTestKit testKit;
  private static DriftsimSerializer serializer;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("WireBadInputTest",
        ConfigFactory.parseString("driftsim.protocol.max-message-bytes = 1 KiB")
            .withFallback(ConfigFactory.load()));
    serializer = (DriftsimSerializer) SerializationExtension.get(Adapter.toClassic(
        testKit.system())).serializerByIdentity().apply(DriftsimSerializer.IDENTIFIER);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static String rejected(String manifest, byte[] bytes) {
    return assertThrows(WireFormatException.class,
        () -> serializer.fromBinary(bytes, manifest)).getMessage();
  }

  @ParameterizedTest
  @EnumSource(WireCodec.Kind.class)
  void garbageBytesAreRefusedNamingTheMessageAndManifest(WireCodec.Kind kind) {
    assertEquals(kind.type.getSimpleName() + " (manifest " + kind.manifest + "): expected a"
        + " protobuf message, found bytes that do not parse: Protocol message tag had invalid"
        + " wire type.", rejected(kind.manifest, new byte[] {0x0F, 0x0F, 0x0F}));
  }

  @Test
  void aLengthFieldLongerThanTheBytesIsRefused() {
    // version = 1, then job (field 2, length-delimited) claiming 100 bytes of which 3 follow.
    byte[] bytes = {0x08, 0x01, 0x12, 100, 'j', 'o', 'b'};
    assertEquals("Ping (manifest PG1): expected a protobuf message, found bytes that do not"
        + " parse: While parsing a protocol message, the input ended unexpectedly in the middle"
        + " of a field.  This could mean either that the input has been truncated or that an"
        + " embedded message misreported its own length.", rejected("PG1", bytes));
  }

  @Test
  void aNegativeLengthFieldIsRefused() {
    byte[] bytes = {0x08, 0x01, 0x12, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    assertEquals("Ping (manifest PG1): expected a protobuf message, found bytes that do not"
        + " parse: CodedInputStream encountered an embedded string or message which claimed to"
        + " have negative size.", rejected("PG1", bytes));
  }

  /**
   * A received message above {@code max-message-bytes} (here 2 KB against 1 KiB) is refused
   * before it is parsed, as sending refuses it (Artery's {@code maximum-frame-size} drops larger
   * frames before they reach the serializer).
   */
  @Test
  void aReceivedMessageAboveTheLimitIsRefused() {
    String replyTo = ActorRefResolver.get(testKit.system())
        .toSerializationFormat(testKit.createTestProbe(PartitionReply.class).ref());
    byte[] bytes = PartitionProtos.Ping.newBuilder().setVersion(1).setJob("a".repeat(2000))
        .setReplyTo(replyTo).build().toByteArray();
    assertTrue(bytes.length > serializer.settings().maxMessageBytes(), bytes.length + " bytes");
    assertEquals("Ping: expected at most 1024 bytes (driftsim.protocol.max-message-bytes),"
        + " found " + bytes.length + " bytes", rejected("PG1", bytes));
  }
}
