package org.driftsim.protocol;

/**
 * A message that cannot cross the wire: bytes that do not decode to a valid message (wrong
 * version, dtype, rank or shape, a length that does not match the shape, non-finite points, a
 * missing field, …), or a message that cannot be encoded (ragged rows, larger than
 * {@code driftsim.protocol.max-message-bytes}).
 *
 * <p>Messages name the field and read "expected X, found Y", e.g.
 * {@code Query.queries.points: expected rank 2, found rank 3}. Thrown from a Pekko serializer,
 * it makes Pekko log the error and drop the message.
 */
public class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its full message. */
  public WireFormatException(String message) {
    super(message);
  }

  /** An error caused by another, e.g. a protobuf parse error or a record's own validation. */
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
