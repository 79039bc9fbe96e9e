package org.driftsim.config;

/** A bad setting: the message names the key, where it was set, and what was expected. */
public final class ConfigError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message);
  }
}
