package org.driftsim.geometry;

/**
 * Guards with one message style: {@code "<name> must be <rule>, got <value>"}.
 *
 * <p>Every boundary of the project (CLI options, config keys, wire messages) validates through
 * these, so a user always sees the same shape of message.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} if it is finite and strictly positive. */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is strictly positive. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [lo, hi]}. */
  public static int inRange(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(
          name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

}
