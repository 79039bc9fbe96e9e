package org.driftsim.geometry;

/**
 * The probability simplex {@code Δ^{K−1}} under the Fisher–Rao geometry, and its product
 * {@code (S^{K−1}_+)^L} for sequences of length L (MATH.md §1).
 *
 * <p>Data rows are probability vectors {@code p} (K entries per position, L·K in all); points are
 * {@code s = √p} on the positive orthant of the unit sphere, one factor per position (the rescaled
 * Fisher–Rao isometry). Distances are {@code sqrt(Σ_l θ_l²)} with θ_l the sphere distance of the
 * factors; log, tangent projection and exp act per factor. Tangent vectors are in the √p chart.
 *
 * <p>{@code exp} may leave the positive orthant; its result is reflected back ({@code s ↦ |s|}),
 * which does not change the probabilities {@code p = s²}. {@code project} clips at 0 and
 * renormalizes each factor.
 */
public final class FisherRaoSimplex implements Manifold {
  /** Entries of p may be slightly negative from rounding; below this they are an error. */
  public static final double NEGATIVE_TOLERANCE = 1e-9;

  private final int categories;
  private final int sequenceLength;
  private final int ambient;

  /**
   * @param categories K ≥ 2 categories per position
   * @param sequenceLength L ≥ 1 positions (1: a single categorical vector)
   */
  public FisherRaoSimplex(int categories, int sequenceLength) {
    if (categories < 2) {
      throw new IllegalArgumentException("categories must be >= 2, got " + categories);
    }
    this.categories = categories;
    this.sequenceLength = Checks.positive("sequence length", sequenceLength);
    this.ambient = Math.multiplyExact(categories, sequenceLength);
  }

  /** K, the number of categories per position. */
  public int categories() {
    return categories;
  }

  /** L, the number of positions. */
  public int sequenceLength() {
    return sequenceLength;
  }

  @Override
  public Geometry geometry() {
    return Geometry.SIMPLEX;
  }

  @Override
  public int ambientDimension() {
    return ambient;
  }

  @Override
  public double distance(double[] x, double[] y) {
    double sum = 0;
    for (int l = 0; l < sequenceLength; l++) {
      double theta = SphereSlices.distance(x, y, l * categories, categories);
      sum += theta * theta;
    }
    return Math.sqrt(sum);
  }

  @Override
  public double log(double[] x, double[] y, double[] out) {
    double sum = 0;
    for (int l = 0; l < sequenceLength; l++) {
      double theta = SphereSlices.log(x, y, out, l * categories, categories);
      sum += theta * theta;
    }
    return Math.sqrt(sum);
  }

  @Override
  public void exp(double[] x, double[] v, double[] out) {
    for (int l = 0; l < sequenceLength; l++) {
      SphereSlices.exp(x, v, out, l * categories, categories);
    }
    for (int k = 0; k < ambient; k++) {
      out[k] = Math.abs(out[k]);
    }
  }

  @Override
  public void projectTangent(double[] x, double[] v, double[] out) {
    for (int l = 0; l < sequenceLength; l++) {
      SphereSlices.projectTangent(x, v, out, l * categories, categories);
    }
  }

  @Override
  public void project(double[] x, double[] out) {
    for (int k = 0; k < ambient; k++) {
      out[k] = Math.abs(x[k]);
    }
    for (int l = 0; l < sequenceLength; l++) {
      SphereSlices.normalize(out, out, l * categories, categories);
    }
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    return Vectors.dot(u, v);
  }

  @Override
  public String validate(double[] data) {
    for (int l = 0; l < sequenceLength; l++) {
      double sum = 0;
      for (int k = l * categories; k < (l + 1) * categories; k++) {
        if (!(data[k] >= -NEGATIVE_TOLERANCE)) { // also rejects NaN
          return "not a probability vector: entry " + (k + 1) + " is " + data[k];
        }
        sum += data[k];
      }
      if (Math.abs(sum - 1.0) > TOLERANCE) {
        return "not a probability vector: "
            + (sequenceLength > 1 ? "position " + (l + 1) + " sums" : "entries sum")
            + " to " + sum;
      }
    }
    return null;
  }

  @Override
  public String validationRule() {
    return "entries ≥ -1e-9 summing to 1 within 1e-6"
        + (sequenceLength > 1 ? " at each of the " + sequenceLength + " positions" : "");
  }

  /** Clips at 0, renormalizes each position and takes the square root. */
  @Override
  public double[] fromData(double[] data) {
    double[] out = new double[ambient];
    for (int l = 0; l < sequenceLength; l++) {
      double sum = 0;
      for (int k = l * categories; k < (l + 1) * categories; k++) {
        sum += Math.max(data[k], 0.0);
      }
      for (int k = l * categories; k < (l + 1) * categories; k++) {
        out[k] = Math.sqrt(Math.max(data[k], 0.0) / sum);
      }
    }
    return out;
  }

  /** {@code p = s²}, per position renormalized to sum exactly to 1 up to rounding. */
  @Override
  public double[] toData(double[] point) {
    double[] p = new double[ambient];
    for (int l = 0; l < sequenceLength; l++) {
      double sum = 0;
      for (int k = l * categories; k < (l + 1) * categories; k++) {
        p[k] = point[k] * point[k];
        sum += p[k];
      }
      for (int k = l * categories; k < (l + 1) * categories; k++) {
        p[k] /= sum;
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return sequenceLength == 1
        ? "Δ^" + (categories - 1)
        : "(S^" + (categories - 1) + "_+)^" + sequenceLength;
  }
}
