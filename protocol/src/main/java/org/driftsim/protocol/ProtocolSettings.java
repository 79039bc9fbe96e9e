package org.driftsim.protocol;

import com.typesafe.config.Config;

/**
 * Settings of the wire protocol, read from {@code driftsim.protocol} (see the module's
 * {@code reference.conf}).
 *
 * @param maxMessageBytes the largest encoded message the serializer writes; a larger one is
 *     refused with a {@link WireFormatException} naming its size, so senders must chunk (e.g.
 *     queries by {@link RequestId#chunk()}). Artery's {@code maximum-frame-size} must be at least
 *     this for such messages to pass.
 */
public record ProtocolSettings(long maxMessageBytes) {
  /** The config key of {@link #maxMessageBytes}. */
  public static final String MAX_MESSAGE_BYTES = "driftsim.protocol.max-message-bytes";
  /** The smallest accepted limit. */
  public static final long MIN_MESSAGE_BYTES = 1024;
  /** The largest accepted limit: protobuf messages and Java arrays stop just below 2 GiB. */
  public static final long MAX_MESSAGE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  public ProtocolSettings {
    if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES_LIMIT) {
      throw new IllegalArgumentException(MAX_MESSAGE_BYTES + " must be in [" + MIN_MESSAGE_BYTES
          + ", " + MAX_MESSAGE_BYTES_LIMIT + "] bytes, got " + maxMessageBytes);
    }
  }

  /** Reads the settings from a config holding {@code driftsim.protocol}. */
  public static ProtocolSettings fromConfig(Config config) {
    return new ProtocolSettings(config.getBytes(MAX_MESSAGE_BYTES));
  }
}
