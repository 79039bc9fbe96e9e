package org.driftsim.protocol.checkpoint;

/**
 * Bytes that are not a checkpoint this release can read: wrong magic, an unsupported format
 * version, a length that does not match the header, a checksum mismatch, an unregistered class
 * or a payload that does not decode. The message names the file and reads "expected X, found Y",
 * e.g. {@code checkpoint run/checkpoint-120.ckpt: checksum mismatch (expected CRC32 0x1c291ca3,
 * found 0x8a2f0e11)}.
 */
public class CheckpointFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An error with its full message. */
  public CheckpointFormatException(String message) {
    super(message);
  }

  /** An error caused by another, e.g. a Kryo error or a record's own validation. */
  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
