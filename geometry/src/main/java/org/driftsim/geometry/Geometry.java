package org.driftsim.geometry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The geometries of MATH.md §1, with the names used on the command line and in configs. */
public enum Geometry {
  EUCLIDEAN("euclidean"),
  SPHERE("sphere"),
  HYPERBOLOID("hyperboloid"),
  SIMPLEX("simplex");

  private final String cliName;

  Geometry(String cliName) {
    this.cliName = cliName;
  }

  /** The lower-case name used in CLI options and configs. */
  public String cliName() {
    return cliName;
  }

  /** Parses a CLI name, failing with {@code "<option> must be one of …, got X"}. */
  public static Geometry parse(String option, String value) {
    for (Geometry g : values()) {
      if (g.cliName.equals(value)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        option + " must be one of " + names() + ", got " + value);
  }

  /** All CLI names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(Geometry::cliName).collect(Collectors.joining(", "));
  }

  /**
   * Creates the manifold whose data rows have {@code columns} entries.
   *
   * @param columns number of columns of a data row (ambient dimension; simplex: {@code L·K})
   * @param sequenceLength L for the simplex (1 for a single categorical vector); must be 1 for
   *     the other geometries
   */
  public Manifold manifold(int columns, int sequenceLength) {
    if (this != SIMPLEX && sequenceLength != 1) {
      throw new IllegalArgumentException(
          "--sequence-length applies only to --geometry simplex, got geometry "
              + cliName + " with sequence length " + sequenceLength);
    }
    return switch (this) {
      case EUCLIDEAN -> new Euclidean(Checks.positive("number of columns", columns));
      case SPHERE -> {
        if (columns < 2) {
          throw new IllegalArgumentException(
              "number of columns must be >= 2 for the sphere (S^d has d+1 coordinates), got "
                  + columns);
        }
        yield new Sphere(columns - 1);
      }
      case HYPERBOLOID -> {
        if (columns < 2) {
          throw new IllegalArgumentException(
              "number of columns must be >= 2 for the hyperboloid (H^d has d+1 coordinates), got "
                  + columns);
        }
        yield new Hyperboloid(columns - 1);
      }
      case SIMPLEX -> {
        Checks.positive("--sequence-length", sequenceLength);
        if (columns % sequenceLength != 0 || columns / sequenceLength < 2) {
          throw new IllegalArgumentException(
              "number of columns must be a multiple L·K of the sequence length L = "
                  + sequenceLength + " with K >= 2 categories, got " + columns);
        }
        yield new FisherRaoSimplex(columns / sequenceLength, sequenceLength);
      }
    };
  }

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
