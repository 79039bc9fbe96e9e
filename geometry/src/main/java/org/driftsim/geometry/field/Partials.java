package org.driftsim.geometry.field;

import java.util.Arrays;

/**
 * Partial sums of one field for a batch of N queries, per side and per temperature
 * (MATH.md §3): for each (side, temperature, query)
 * \( m = \max_j ℓ_j,\; s = \sum_j c_j e^{ℓ_j − m} \) for the denominator and
 * \( m' = \max_j ℓ'_j,\; v = \sum_j c'_j e^{ℓ'_j − m'} u_j \) for the numerator, with log-weights
 * ℓ, ℓ', coefficients c (1 for radial kernels; the signed kernel value for spectral kernels,
 * whose log-weights are 0) and directions u_j.
 *
 * <p>Separate maxima are kept for the denominator and the numerator. The empty shard is
 * {@code (−∞, 0, −∞, 0)}: it is the identity of {@link #combine}, and terms with
 * {@code m = −∞} are skipped, never computed as {@code e^{−∞−(−∞)}}.
 *
 * <p>Layout: slot {@code (side·T + t)·N + i}; numerator vectors at {@code slot·D}.
 */
public final class Partials {
  private final int queries;
  private final int temperatures;
  private final int dimension;
  private final double[] denominatorMax; // [2·T·N]
  private final double[] denominatorSum; // [2·T·N]
  private final double[] numeratorMax; // [2·T·N]
  private final double[] numeratorSum; // [2·T·N·D]

  private Partials(int queries, int temperatures, int dimension) {
    if (queries < 0 || temperatures < 1 || dimension < 1) {
      throw new IllegalArgumentException("partials need queries >= 0, temperatures >= 1 and "
          + "dimension >= 1, got " + queries + ", " + temperatures + ", " + dimension);
    }
    this.queries = queries;
    this.temperatures = temperatures;
    this.dimension = dimension;
    int slots = Math.multiplyExact(2 * temperatures, queries);
    denominatorMax = new double[slots];
    denominatorSum = new double[slots];
    numeratorMax = new double[slots];
    numeratorSum = new double[Math.multiplyExact(slots, dimension)];
    Arrays.fill(denominatorMax, Double.NEGATIVE_INFINITY);
    Arrays.fill(numeratorMax, Double.NEGATIVE_INFINITY);
  }

  /** The identity: partial sums of an empty shard. */
  public static Partials identity(int queries, int temperatures, int dimension) {
    return new Partials(queries, temperatures, dimension);
  }

  /**
   * Rebuilds partials from their raw arrays (e.g. decoded from the wire); arrays are copied and
   * their lengths checked.
   */
  public static Partials of(int queries, int temperatures, int dimension, double[] denominatorMax,
      double[] denominatorSum, double[] numeratorMax, double[] numeratorSum) {
    Partials p = new Partials(queries, temperatures, dimension);
    copy("denominator maxima", denominatorMax, p.denominatorMax);
    copy("denominator sums", denominatorSum, p.denominatorSum);
    copy("numerator maxima", numeratorMax, p.numeratorMax);
    copy("numerator sums", numeratorSum, p.numeratorSum);
    return p;
  }

  private static void copy(String name, double[] from, double[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException(
          name + " must have length " + to.length + ", got " + from.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }

  public int queries() {
    return queries;
  }

  public int temperatures() {
    return temperatures;
  }

  public int dimension() {
    return dimension;
  }

  /** Copies of the raw arrays, in the layout of the class comment. */
  public double[] denominatorMax() {
    return denominatorMax.clone();
  }

  public double[] denominatorSum() {
    return denominatorSum.clone();
  }

  public double[] numeratorMax() {
    return numeratorMax.clone();
  }

  public double[] numeratorSum() {
    return numeratorSum.clone();
  }

  int slot(Side side, int temperature, int query) {
    return (side.ordinal() * temperatures + temperature) * queries + query;
  }

  /** Accumulates {@code c·e^ℓ} into the denominator of a slot. */
  void addDenominator(int slot, double logWeight, double coefficient) {
    if (logWeight == Double.NEGATIVE_INFINITY || coefficient == 0) {
      return; // a zero term
    }
    double m = denominatorMax[slot];
    if (logWeight > m) {
      denominatorSum[slot] = denominatorSum[slot] * Math.exp(m - logWeight) + coefficient;
      denominatorMax[slot] = logWeight;
    } else {
      denominatorSum[slot] += coefficient * Math.exp(logWeight - m);
    }
  }

  /** Accumulates {@code c·e^ℓ'·scale·u} into the numerator of a slot. */
  void addNumerator(int slot, double logWeight, double coefficient, double scale, double[] u) {
    if (logWeight == Double.NEGATIVE_INFINITY || coefficient == 0) {
      return; // a zero term
    }
    int base = slot * dimension;
    double m = numeratorMax[slot];
    double factor;
    if (logWeight > m) {
      double rescale = Math.exp(m - logWeight);
      for (int k = 0; k < dimension; k++) {
        numeratorSum[base + k] *= rescale;
      }
      numeratorMax[slot] = logWeight;
      factor = coefficient * scale;
    } else {
      factor = coefficient * scale * Math.exp(logWeight - m);
    }
    for (int k = 0; k < dimension; k++) {
      numeratorSum[base + k] += factor * u[k];
    }
  }

  /**
   * Merges two partials exactly with the log-sum-exp rule; either may be the identity. The
   * result is new; neither argument changes. Merging is commutative and associative up to
   * rounding.
   */
  public static Partials combine(Partials a, Partials b) {
    a.checkCompatible(b);
    Partials out = new Partials(a.queries, a.temperatures, a.dimension);
    out.mergeFrom(a);
    out.mergeFrom(b);
    return out;
  }

  /** Merges {@code other} into this in place. */
  public void mergeFrom(Partials other) {
    checkCompatible(other);
    int d = dimension;
    for (int slot = 0; slot < denominatorMax.length; slot++) {
      // Denominator.
      double m1 = denominatorMax[slot];
      double m2 = other.denominatorMax[slot];
      if (m2 != Double.NEGATIVE_INFINITY) { // other's slot is not empty
        if (m1 == Double.NEGATIVE_INFINITY) {
          denominatorMax[slot] = m2;
          denominatorSum[slot] = other.denominatorSum[slot];
        } else {
          double m = Math.max(m1, m2);
          denominatorSum[slot] = denominatorSum[slot] * Math.exp(m1 - m)
              + other.denominatorSum[slot] * Math.exp(m2 - m);
          denominatorMax[slot] = m;
        }
      }
      // Numerator.
      double n1 = numeratorMax[slot];
      double n2 = other.numeratorMax[slot];
      if (n2 != Double.NEGATIVE_INFINITY) {
        int base = slot * d;
        if (n1 == Double.NEGATIVE_INFINITY) {
          numeratorMax[slot] = n2;
          System.arraycopy(other.numeratorSum, base, numeratorSum, base, d);
        } else {
          double n = Math.max(n1, n2);
          double f1 = Math.exp(n1 - n);
          double f2 = Math.exp(n2 - n);
          for (int k = 0; k < d; k++) {
            numeratorSum[base + k] = numeratorSum[base + k] * f1 + other.numeratorSum[base + k] * f2;
          }
          numeratorMax[slot] = n;
        }
      }
    }
  }

  private void checkCompatible(Partials other) {
    if (other.queries != queries || other.temperatures != temperatures
        || other.dimension != dimension) {
      throw new IllegalArgumentException("partials must have the same shape to merge: expected "
          + queries + " queries × " + temperatures + " temperatures × " + dimension
          + " dimensions, found " + other.queries + " × " + other.temperatures + " × "
          + other.dimension);
    }
  }

  /**
   * Writes {@code A_side(x_i)} at one temperature: {@code e^{m'−m} v / s}, or the zero vector
   * when the side is empty (no references, all weights zero, or a zero denominator).
   */
  void average(Side side, int temperature, int query, double[] out) {
    int slot = slot(side, temperature, query);
    double m = denominatorMax[slot];
    double n = numeratorMax[slot];
    double s = denominatorSum[slot];
    if (m == Double.NEGATIVE_INFINITY || n == Double.NEGATIVE_INFINITY || s == 0) {
      Arrays.fill(out, 0.0); // empty side: A = 0 (e.g. no negatives)
      return;
    }
    double factor = Math.exp(n - m) / s;
    int base = slot * dimension;
    for (int k = 0; k < dimension; k++) {
      out[k] = numeratorSum[base + k] * factor;
    }
  }
}
