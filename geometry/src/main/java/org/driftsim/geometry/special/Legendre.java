package org.driftsim.geometry.special;

/**
 * Legendre polynomials {@code P_l(t)} and their derivatives for {@code l = 0..lmax}, by the
 * three-term recurrence \( (l+1)P_{l+1} = (2l+1)tP_l − lP_{l−1} \) and
 * \( P'_{l+1} = P'_{l−1} + (2l+1)P_l \) (DLMF 14.10.3 and 14.10.5 at m = 0), both stable on
 * {@code [−1, 1]} including the end points.
 */
public final class Legendre {
  private Legendre() {}

  /**
   * Returns {@code Σ_{l=0}^{lmax} c_l P_l(t)} and writes {@code Σ c_l P_l'(t)} into
   * {@code derivative[0]} (if {@code derivative} is not null).
   *
   * @param coefficients c_0 … c_lmax
   * @param t the argument, in [−1, 1]
   */
  public static double series(double[] coefficients, double t, double[] derivative) {
    double pPrev = 1.0; // P_0
    double p = t; // P_1
    double dPrev = 0.0; // P_0'
    double d = 1.0; // P_1'
    double value = coefficients[0] * pPrev;
    double slope = 0.0;
    if (coefficients.length > 1) {
      value += coefficients[1] * p;
      slope += coefficients[1] * d;
    }
    for (int l = 1; l + 1 < coefficients.length; l++) {
      double pNext = ((2 * l + 1) * t * p - l * pPrev) / (l + 1);
      double dNext = dPrev + (2 * l + 1) * p;
      pPrev = p;
      p = pNext;
      dPrev = d;
      d = dNext;
      value += coefficients[l + 1] * p;
      slope += coefficients[l + 1] * d;
    }
    if (derivative != null) {
      derivative[0] = slope;
    }
    return value;
  }

  /** {@code P_l(t)} alone (used in tests and diagnostics). */
  public static double value(int l, double t) {
    double[] c = new double[l + 1];
    c[l] = 1.0;
    return series(c, t, null);
  }

  /** {@code P_l'(t)} alone (used in tests and diagnostics). */
  public static double derivative(int l, double t) {
    double[] c = new double[l + 1];
    c[l] = 1.0;
    double[] d = new double[1];
    series(c, t, d);
    return d[0];
  }
}
