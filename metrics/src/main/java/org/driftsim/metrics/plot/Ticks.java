package org.driftsim.metrics.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at "nice" values (1, 2 or 5 times a power of ten) and their labels. */
final class Ticks {
  private Ticks() {}

  /** About {@code target} ticks covering {@code [lo, hi]} (only those inside the range). */
  static double[] linear(double lo, double hi, int target) {
    double step = niceStep((hi - lo) / Math.max(1, target));
    List<Double> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / step); k * step <= hi + 1e-9 * step; k++) {
      ticks.add(k * step);
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The decimal exponents e with 10^e in {@code [lo, hi]} (log axes; lo > 0). */
  static int[] decades(double lo, double hi) {
    int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
    int last = (int) Math.floor(Math.log10(hi) + 1e-9);
    int[] out = new int[Math.max(0, last - first + 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = first + i;
    }
    return out;
  }

  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / power;
    double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
    return nice * power;
  }

  /** A label for a tick of a linear axis with the given step: enough decimals, no more. */
  static String label(double value, double step) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.max(Math.abs(value), step);
    if (magnitude >= 1e6 || step < 1e-4) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** The label of 10^e on a log axis. */
  static String decadeLabel(int e) {
    if (e >= 0 && e <= 4) {
      return String.format(Locale.ROOT, "%d", (long) Math.pow(10, e));
    }
    if (e < 0 && e >= -3) {
      return String.format(Locale.ROOT, "%." + (-e) + "f", Math.pow(10, e));
    }
    return "1e" + e;
  }
}
