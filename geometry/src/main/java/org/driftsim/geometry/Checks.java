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

  /** Returns {@code value} if it is {@code >= 0}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite and {@code > bound}. */
  public static double greaterThan(String name, double value, double bound) {
    if (!(value > bound) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " must be > " + format(bound) + " and finite, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite. */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
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

  /** Checks that an array has the expected length. */
  public static void length(String name, double[] array, int expected) {
    if (array.length != expected) {
      throw new IllegalArgumentException(
          name + " must have length " + expected + ", got " + array.length);
    }
  }

  /** Prints a bound without a useless trailing {@code .0}. */
  static String format(double bound) {
    return bound == Math.rint(bound) && Math.abs(bound) < 1e15
        ? Long.toString((long) bound)
        : Double.toString(bound);
  }
}
