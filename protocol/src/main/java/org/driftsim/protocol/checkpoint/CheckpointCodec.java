package org.driftsim.protocol.checkpoint;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.driftsim.datasets.bank.MemoryBank;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;

/**
 * Encodes a {@link Checkpoint} to bytes and back.
 *
 * <p>Layout (big-endian header, then a Kryo payload):
 * <pre>
 * offset  size  field
 *      0     8  magic, the ASCII bytes "DRFTCKPT"
 *      8     4  format version (int, 1)
 *     12     8  payload length in bytes (long)
 *     20     4  CRC32 of the payload (the low 32 bits of {@link CRC32#getValue()})
 *     24     n  payload: Kryo, registration required, references off, fixed ids
 * </pre>
 *
 * <p>Kryo ids (frozen; a new class gets a new id, an id is never reused):
 * 100 {@link Checkpoint} (a hand-written serializer, fields in record order),
 * 101 {@link Optimizer.Stateless}, 102 {@link Optimizer.StepCount}, 103 {@link
 * Optimizer.AdamState}, 104 {@link Optimizer.ChainState}, 105 {@link Ema.State},
 * 106 {@link MemoryBank.State} (records: Kryo's {@link RecordSerializer}, components by name),
 * 110 {@code float[]}, 111 {@code double[]}, 112 {@code double[][]}, 113 {@code int[]},
 * 114 {@code long[]}, 115 {@code Optimizer.State[]} (Kryo's array serializers; on reading, a
 * declared length larger than the bytes left is refused before the array is allocated). Kryo's
 * own ids 0–9 (primitives, String) are its defaults.
 *
 * <p>{@link #decode} checks, in this order and before it decodes anything: the header's size,
 * the magic, the version, the payload length against the bytes present, the checksum; then the
 * payload must decode to exactly one checkpoint with no bytes left over. Each failure is one
 * {@link CheckpointFormatException} naming the source. Thread-safe (calls are serialized).
 */
public final class CheckpointCodec {
  /** The magic bytes that open every checkpoint. */
  public static final byte[] MAGIC = "DRFTCKPT".getBytes(StandardCharsets.US_ASCII);
  /** Bytes before the payload. */
  public static final int HEADER_BYTES = 24;

  static final int ID_CHECKPOINT = 100;

  private final Kryo kryo = newKryo();

  /** The Kryo instance of format version 1, registration required, every class at a fixed id. */
  static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.register(Checkpoint.class, new CheckpointSerializer(), ID_CHECKPOINT);
    kryo.register(Optimizer.Stateless.class, new RecordSerializer<>(), 101);
    kryo.register(Optimizer.StepCount.class, new RecordSerializer<>(), 102);
    kryo.register(Optimizer.AdamState.class, new RecordSerializer<>(), 103);
    kryo.register(Optimizer.ChainState.class, new RecordSerializer<>(), 104);
    kryo.register(Ema.State.class, new RecordSerializer<>(), 105);
    kryo.register(MemoryBank.State.class, new RecordSerializer<>(), 106);
    registerArray(kryo, float[].class, 110);
    registerArray(kryo, double[].class, 111);
    registerArray(kryo, double[][].class, 112);
    registerArray(kryo, int[].class, 113);
    registerArray(kryo, long[].class, 114);
    registerArray(kryo, Optimizer.State[].class, 115);
    return kryo;
  }

  /** Kryo's own array serializer, behind a check of the declared length against the bytes left. */
  @SuppressWarnings("unchecked")
  private static <T> void registerArray(Kryo kryo, Class<T> type, int id) {
    kryo.register(type, new BoundedArraySerializer<>(type,
        (Serializer<T>) kryo.getDefaultSerializer(type)), id);
  }

  /**
   * Refuses an array whose declared length exceeds the bytes left in the payload (every element
   * takes at least one byte), before Kryo allocates it; writes exactly as the delegate.
   */
  private static final class BoundedArraySerializer<T> extends Serializer<T> {
    private final Class<T> type;
    private final Serializer<T> delegate;

    BoundedArraySerializer(Class<T> type, Serializer<T> delegate) {
      this.type = type;
      this.delegate = delegate;
      // As the delegate: Kryo writes no null marker of its own for a serializer that accepts null.
      setAcceptsNull(delegate.getAcceptsNull());
      setImmutable(delegate.isImmutable());
    }

    @Override
    public void write(Kryo kryo, Output out, T array) {
      delegate.write(kryo, out, array);
    }

    @Override
    public T read(Kryo kryo, Input in, Class<? extends T> cls) {
      int start = in.position();
      long declared = (in.readVarInt(true) & 0xffffffffL) - 1; // Kryo writes length + 1, 0 = null
      long left = in.limit() - (long) in.position();
      if (declared > left) {
        throw new KryoException(type.getSimpleName() + ": expected at most " + left
            + " elements in the bytes left, found a length of " + declared);
      }
      in.setPosition(start);
      return delegate.read(kryo, in, cls);
    }
  }

  /**
   * The file's bytes: header and payload.
   *
   * @throws IllegalArgumentException when the checkpoint's format version is not
   *     {@link Checkpoint#FORMAT_VERSION} (this release writes only that one)
   */
  public synchronized byte[] encode(Checkpoint checkpoint) {
    if (checkpoint.formatVersion() != Checkpoint.FORMAT_VERSION) {
      throw new IllegalArgumentException("formatVersion must be " + Checkpoint.FORMAT_VERSION
          + " to be written by this release, got " + checkpoint.formatVersion());
    }
    Output out = new Output(4096, -1);
    kryo.writeClassAndObject(out, checkpoint);
    byte[] payload = out.toBytes();
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    file.put(MAGIC).putInt(Checkpoint.FORMAT_VERSION).putLong(payload.length)
        .putInt((int) crc.getValue()).put(payload);
    return file.array();
  }

  /**
   * The checkpoint in {@code bytes}.
   *
   * @param source the file (or other source) named in error messages
   * @throws CheckpointFormatException {@code "checkpoint run/checkpoint-120.ckpt: not a Driftsim
   *     checkpoint (expected magic ..., found ...)"} and the like
   */
  public synchronized Checkpoint decode(byte[] bytes, String source) {
    String where = "checkpoint " + source + ": ";
    if (bytes.length < HEADER_BYTES) {
      if (bytes.length >= MAGIC.length && !startsWithMagic(bytes)) {
        throw notACheckpoint(where, bytes);
      }
      throw new CheckpointFormatException(where + "truncated (expected a header of "
          + HEADER_BYTES + " bytes, found " + bytes.length + " bytes)");
    }
    if (!startsWithMagic(bytes)) {
      throw notACheckpoint(where, bytes);
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_BYTES - MAGIC.length);
    int version = header.getInt();
    long length = header.getLong();
    int expectedCrc = header.getInt();
    if (version != Checkpoint.FORMAT_VERSION) {
      throw new CheckpointFormatException(where + "unsupported format version (expected "
          + Checkpoint.FORMAT_VERSION + ", found " + version + ")"
          + (version > Checkpoint.FORMAT_VERSION ? "; written by a newer Driftsim?" : ""));
    }
    long present = bytes.length - (long) HEADER_BYTES;
    if (length < 0) {
      throw new CheckpointFormatException(where + "invalid header (expected a payload length "
          + ">= 0, found " + length + ")");
    }
    if (length > present) {
      throw new CheckpointFormatException(where + "truncated (expected " + HEADER_BYTES + " + "
          + length + " bytes, found " + bytes.length + " bytes)");
    }
    if (length < present) {
      throw new CheckpointFormatException(where + "trailing bytes (expected " + HEADER_BYTES
          + " + " + length + " bytes, found " + bytes.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, HEADER_BYTES, (int) length);
    if ((int) crc.getValue() != expectedCrc) {
      throw new CheckpointFormatException(where + "checksum mismatch (expected CRC32 "
          + hex32(expectedCrc) + ", found " + hex32((int) crc.getValue()) + ")");
    }
    Input in = new Input(bytes, HEADER_BYTES, (int) length);
    Object decoded;
    try {
      decoded = kryo.readClassAndObject(in);
    } catch (KryoException e) {
      if (e.getMessage() != null && e.getMessage().contains("unregistered class")) {
        throw new CheckpointFormatException(where + "payload names an unregistered class ("
            + firstLine(e.getMessage()) + ")", e);
      }
      throw new CheckpointFormatException(where + "payload does not decode ("
          + firstLine(e.getMessage()) + ")", e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new CheckpointFormatException(where + "payload does not decode ("
          + e.getMessage() + ")", e);
    }
    if (!(decoded instanceof Checkpoint checkpoint)) {
      throw new CheckpointFormatException(where + "payload does not decode (expected a "
          + "Checkpoint, found " + (decoded == null ? "null" : decoded.getClass().getName()) + ")");
    }
    if (in.position() != HEADER_BYTES + length) {
      throw new CheckpointFormatException(where + "payload does not decode (expected "
          + length + " bytes, read " + (in.position() - HEADER_BYTES) + ")");
    }
    return checkpoint;
  }

  /** The CRC32 of all of {@code bytes}, as stored in manifests. */
  public static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static CheckpointFormatException notACheckpoint(String where, byte[] bytes) {
    int n = Math.min(bytes.length, MAGIC.length);
    return new CheckpointFormatException(where + "not a Driftsim checkpoint (expected magic "
        + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + " \"DRFTCKPT\", found "
        + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n) + ")");
  }

  private static String hex32(int value) {
    return String.format("0x%08x", value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Checkpoint's fields in record order; the format version lives in the header. */
  private static final class CheckpointSerializer extends Serializer<Checkpoint> {
    CheckpointSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Checkpoint c) {
      out.writeString(c.codeVersion());
      out.writeVarLong(c.step(), true);
      out.writeString(c.config());
      kryo.writeObject(out, c.generator());
      kryo.writeObjectOrNull(out, c.ema(), Ema.State.class);
      kryo.writeClassAndObject(out, c.optimizer());
      out.writeLong(c.seed());
      out.writeVarInt(c.banks().size(), true);
      for (MemoryBank.State bank : c.banks()) {
        kryo.writeObject(out, bank);
      }
      kryo.writeObjectOrNull(out, c.particles(), double[][].class);
    }

    @Override
    public Checkpoint read(Kryo kryo, Input in, Class<? extends Checkpoint> type) {
      String codeVersion = in.readString();
      long step = in.readVarLong(true);
      String config = in.readString();
      float[] generator = kryo.readObject(in, float[].class);
      Ema.State ema = kryo.readObjectOrNull(in, Ema.State.class);
      Object optimizer = kryo.readClassAndObject(in);
      if (!(optimizer instanceof Optimizer.State state)) {
        throw new KryoException("expected an Optimizer.State, found "
            + (optimizer == null ? "null" : optimizer.getClass().getName()));
      }
      long seed = in.readLong();
      int count = in.readVarInt(true);
      if (count > in.limit() - in.position()) {
        throw new KryoException("expected at most " + (in.limit() - in.position())
            + " memory banks in the bytes left, found " + count);
      }
      List<MemoryBank.State> banks = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        banks.add(kryo.readObject(in, MemoryBank.State.class));
      }
      double[][] particles = kryo.readObjectOrNull(in, double[][].class);
      return new Checkpoint(Checkpoint.FORMAT_VERSION, codeVersion, step, config, generator, ema,
          state, seed, banks, particles);
    }
  }
}
