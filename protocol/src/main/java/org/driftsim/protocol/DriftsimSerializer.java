package org.driftsim.protocol;

import com.google.protobuf.MessageLite;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The Pekko serializer of every {@link WireMessage}: protobuf messages of package
 * {@code driftsim.v1} ({@code src/main/proto}), one short frozen manifest per record, and
 * validation of every field before a decoded message reaches an actor.
 *
 * <p>The module's {@code reference.conf} binds it to {@link WireMessage} and turns Java
 * serialization off, so nothing else needs configuring. Manifests (never change one; a new
 * format gets a new manifest): {@code Q1} Query, {@code LR1} LoadReferences, {@code AR1}
 * AppendReferences, {@code GP1} GetParticles, {@code AM1} ApplyMoves, {@code RL1} Release,
 * {@code PG1} Ping, {@code PS1} PartialSumsReply, {@code SS1} ScaleSumsReply, {@code RS1}
 * RowSumsReply, {@code DS1} DengSumsReply, {@code QF1} QueryFailed, {@code PT1} Particles,
 * {@code AK1} Ack, {@code ST1} Status.
 *
 * <p>{@link #toBinary} refuses a message larger than {@code driftsim.protocol.max-message-bytes}
 * ({@link ProtocolSettings}); {@link #fromBinary} throws {@link WireFormatException} for bytes
 * that are not a valid message, and {@link IllegalArgumentException} for an unknown manifest.
 * Pekko logs either and drops the message. ActorRefs travel in the string form of
 * {@link ActorRefResolver}.
 */
public final class DriftsimSerializer extends SerializerWithStringManifest {
  /** The serializer's identifier; frozen (it is written into every remote envelope). */
  public static final int IDENTIFIER = 7301;

  private final ExtendedActorSystem system;
  private final ProtocolSettings settings;
  private final WireCodec codec;
  private volatile ActorRefResolver resolver; // lazily: the typed system may not be up yet

  /** Created by Pekko's serialization extension. */
  public DriftsimSerializer(ExtendedActorSystem system) {
    this.system = system;
    this.settings = ProtocolSettings.fromConfig(system.settings().config());
    this.codec = new WireCodec(new WireCodec.Refs() {
      @Override
      public String toWire(ActorRef<?> ref) {
        return resolver().toSerializationFormat(ref);
      }

      @Override
      public <T> ActorRef<T> fromWire(String serialized) {
        return resolver().resolveActorRef(serialized);
      }
    });
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  /** The settings this serializer runs with. */
  public ProtocolSettings settings() {
    return settings;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object message) {
    return kindOf(message).manifest;
  }

  @Override
  public byte[] toBinary(Object message) {
    WireCodec.Kind kind = kindOf(message);
    MessageLite proto = codec.encode((WireMessage) message);
    int size = proto.getSerializedSize();
    if (size > settings.maxMessageBytes()) {
      throw new WireFormatException(kind.type.getSimpleName() + ": expected at most "
          + settings.maxMessageBytes() + " bytes (" + ProtocolSettings.MAX_MESSAGE_BYTES
          + "), found " + size + " bytes; send it in smaller chunks");
    }
    return proto.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    WireCodec.Kind kind = WireCodec.Kind.ofManifest(manifest);
    if (kind == null) {
      throw new IllegalArgumentException("unknown manifest '" + manifest + "' for "
          + getClass().getSimpleName() + " (id " + IDENTIFIER + "): expected one of "
          + WireCodec.Kind.manifests());
    }
    if (bytes.length > settings.maxMessageBytes()) {
      throw new WireFormatException(kind.type.getSimpleName() + ": expected at most "
          + settings.maxMessageBytes() + " bytes (" + ProtocolSettings.MAX_MESSAGE_BYTES
          + "), found " + bytes.length + " bytes");
    }
    return codec.decode(kind, bytes);
  }

  private static WireCodec.Kind kindOf(Object message) {
    WireCodec.Kind kind = WireCodec.Kind.of(message);
    if (kind == null) {
      throw new IllegalArgumentException("cannot serialize " + message.getClass().getName()
          + " with " + DriftsimSerializer.class.getSimpleName() + ": expected a "
          + WireMessage.class.getName() + " record");
    }
    return kind;
  }
}
