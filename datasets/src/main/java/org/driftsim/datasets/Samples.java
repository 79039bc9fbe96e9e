package org.driftsim.datasets;

/** Shared plumbing of the chart-based distributions. */
final class Samples {
  private Samples() {}

  static double[][] allocate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
    }
    return new double[n][];
  }

  /**
   * Prints a parameter value the short way ({@code 0}, {@code 4}, {@code 0.3}, {@code 1.0E-5}):
   * integral values without a fraction, everything else as {@link Double#toString}, which
   * round-trips.
   */
  static String format(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
