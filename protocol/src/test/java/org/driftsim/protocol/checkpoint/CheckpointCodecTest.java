package org.driftsim.protocol.checkpoint;

import static org.driftsim.protocol.checkpoint.CheckpointSamples.assertCheckpointEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.driftsim.gpu.optim.Optimizer;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {
  private final CheckpointCodec codec = new CheckpointCodec();

  @Test
  void roundTripKeepsEveryFieldBitForBit() {
    Checkpoint original = CheckpointSamples.full(120);
    Checkpoint decoded = codec.decode(codec.encode(original), "test");
    assertCheckpointEquals(original, decoded);
    Optimizer.ChainState chain = (Optimizer.ChainState) decoded.optimizer();
    Optimizer.AdamState adam = (Optimizer.AdamState) chain.inner()[2];
    assertEquals(120, adam.step());
    assertEquals(Float.floatToRawIntBits(1e-38f), Float.floatToRawIntBits(adam.nu()[3]));
  }

  @Test
  void roundTripOfAMinimalCheckpoint() {
    Checkpoint original = CheckpointSamples.minimal(0);
    assertCheckpointEquals(original, codec.decode(codec.encode(original), "test"));
  }

  @Test
  void encodingIsDeterministicAndStartsWithTheHeader() {
    byte[] a = codec.encode(CheckpointSamples.full(5));
    byte[] b = new CheckpointCodec().encode(CheckpointSamples.full(5));
    assertArrayEquals(a, b);
    ByteBuffer header = ByteBuffer.wrap(a);
    byte[] magic = new byte[8];
    header.get(magic);
    assertArrayEquals("DRFTCKPT".getBytes(), magic);
    assertEquals(1, header.getInt());
    assertEquals(a.length - 24, header.getLong());
    CRC32 crc = new CRC32();
    crc.update(a, 24, a.length - 24);
    assertEquals((int) crc.getValue(), header.getInt());
  }

  @Test
  void aCorruptedByteIsAChecksumMismatch() {
    byte[] bytes = codec.encode(CheckpointSamples.full(120));
    bytes[bytes.length / 2] ^= 0x10;
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(bytes, "run/checkpoint-120.ckpt"));
    assertEquals(true, e.getMessage().matches("checkpoint run/checkpoint-120\\.ckpt: checksum "
        + "mismatch \\(expected CRC32 0x[0-9a-f]{8}, found 0x[0-9a-f]{8}\\)"), e.getMessage());
  }

  @Test
  void aTruncatedFileNamesBothLengths() {
    byte[] bytes = codec.encode(CheckpointSamples.full(120));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 7);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(cut, "f.ckpt"));
    assertEquals("checkpoint f.ckpt: truncated (expected 24 + " + (bytes.length - 24)
        + " bytes, found " + cut.length + " bytes)", e.getMessage());
    CheckpointFormatException header = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(Arrays.copyOf(bytes, 10), "f.ckpt"));
    assertEquals("checkpoint f.ckpt: truncated (expected a header of 24 bytes, found 10 bytes)",
        header.getMessage());
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] bytes = codec.encode(CheckpointSamples.minimal(1));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(longer, "f.ckpt"));
    assertEquals("checkpoint f.ckpt: trailing bytes (expected 24 + " + (bytes.length - 24)
        + " bytes, found " + longer.length + " bytes)", e.getMessage());
  }

  @Test
  void wrongMagicIsNotACheckpoint() {
    byte[] bytes = codec.encode(CheckpointSamples.minimal(1));
    bytes[0] = 'P';
    bytes[1] = 'K';
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(bytes, "f.ckpt"));
    assertEquals("checkpoint f.ckpt: not a Driftsim checkpoint (expected magic "
        + "44 52 46 54 43 4b 50 54 \"DRFTCKPT\", found 50 4b 46 54 43 4b 50 54)", e.getMessage());
  }

  @Test
  void aFutureVersionIsNamed() {
    byte[] bytes = codec.encode(CheckpointSamples.minimal(1));
    ByteBuffer.wrap(bytes).putInt(8, 7);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(bytes, "f.ckpt"));
    assertEquals("checkpoint f.ckpt: unsupported format version (expected 1, found 7); "
        + "written by a newer Driftsim?", e.getMessage());
  }

  @Test
  void anUnregisteredClassIdIsNamed() {
    Output out = new Output(16);
    out.writeVarInt(999 + 2, true); // Kryo writes a class id as id + 2
    byte[] bytes = frame(out.toBytes());
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(bytes, "f.ckpt"));
    assertEquals("checkpoint f.ckpt: payload names an unregistered class (Encountered "
        + "unregistered class ID: 999)", e.getMessage());
  }

  @Test
  void aHugeDeclaredArrayIsRefusedBeforeAllocation() {
    Output out = new Output(64);
    out.writeVarInt(CheckpointCodec.ID_CHECKPOINT + 2, true);
    out.writeString("v");
    out.writeVarLong(0, true);
    out.writeString("");
    out.writeVarInt(Integer.MAX_VALUE, true); // generator: float[] of 2^31 - 2 elements
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(frame(out.toBytes()), "f.ckpt"));
    assertEquals("checkpoint f.ckpt: payload does not decode (float[]: expected at most 0 "
        + "elements in the bytes left, found a length of 2147483646)", e.getMessage());
  }

  @Test
  void aPayloadOfAnotherRegisteredClassIsRefused() {
    Output out = new Output(64);
    CheckpointCodec.newKryo().writeClassAndObject(out, new Optimizer.StepCount(3));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
        () -> codec.decode(frame(out.toBytes()), "f.ckpt"));
    assertEquals("checkpoint f.ckpt: payload does not decode (expected a Checkpoint, found "
        + Optimizer.StepCount.class.getName() + ")", e.getMessage());
  }

  @Test
  void theRecordValidates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(1, "v", -1, "", new float[0], null, new Optimizer.Stateless(), 0,
            List.of(), null));
    assertEquals("step must be >= 0, got -1", e.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(1, "v", 0, "", new float[0], null, new Optimizer.Stateless(), 0,
            List.of(), new double[][] {{1, 2}, {3}}));
    assertEquals("particles[1] must have the length of particles[0] (2), got 1",
        ragged.getMessage());
    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> codec.encode(new Checkpoint(2, "v", 0, "", new float[0], null,
            new Optimizer.Stateless(), 0, List.of(), null)));
    assertEquals("formatVersion must be 1 to be written by this release, got 2",
        version.getMessage());
  }

  /** A version-1 header with a correct length and checksum around {@code payload}. */
  static byte[] frame(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    return ByteBuffer.allocate(24 + payload.length).put(CheckpointCodec.MAGIC).putInt(1)
        .putLong(payload.length).putInt((int) crc.getValue()).put(payload).array();
  }
}
