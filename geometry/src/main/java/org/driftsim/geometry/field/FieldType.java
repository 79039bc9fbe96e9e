package org.driftsim.geometry.field;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The drift fields of MATH.md §3, with their CLI names. */
public enum FieldType {
  /** Original drifting field, {@code A_Y = Σ w k log_x(y) / Σ w k} (Deng et al., eq. 1). */
  DENG("deng"),
  /** Kernel-gradient field, {@code A_Y = Σ w ∇_x k / Σ w k} (Esteban-Casadevall et al.). */
  GRADIENT("gradient"),
  /** Sharp-normalized field, {@code A_Y = Σ w k log_x(y) / Σ w k♯}. */
  SHARP("sharp"),
  /** Gradient of the MMD witness, {@code A_Y = Σ w ∇_x k / Σ w}. */
  MMD("mmd"),
  /** Algorithm 2 of Deng et al. as their official code computes it; R^d only. */
  DENG_CODED("deng_coded");

  private final String cliName;

  FieldType(String cliName) {
    this.cliName = cliName;
  }

  /** The name used in CLI options and configs. */
  public String cliName() {
    return cliName;
  }

  /** Parses a CLI name, failing with {@code "<option> must be one of …, got X"}. */
  public static FieldType parse(String option, String value) {
    for (FieldType f : values()) {
      if (f.cliName.equals(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException(option + " must be one of " + names() + ", got " + value);
  }

  /** All CLI names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(FieldType::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
