package org.driftsim.geometry.kernel;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kernel families, with the names used on the command line, in configs and in specs. */
public enum KernelFamily {
  GAUSSIAN("gaussian"),
  LAPLACE("laplace"),
  MATERN32("matern32"),
  MATERN52("matern52"),
  /** Rational quadratic with shape α. */
  RQ("rq"),
  /** General Matérn with smoothness ν > 0. */
  MATERN("matern"),
  /** Matérn kernel on S² through its Legendre series (length scale τ, smoothness ν, lmax). */
  SPECTRAL_MATERN("spectral-matern"),
  /** Heat kernel on S² through its Legendre series (length scale τ, lmax). */
  SPECTRAL_HEAT("spectral-heat");

  private final String cliName;

  KernelFamily(String cliName) {
    this.cliName = cliName;
  }

  /** The name used in CLI options, configs and spec strings. */
  public String cliName() {
    return cliName;
  }

  /** Spectral kernels live on S² only, are summed in linear space and have no sharp companion. */
  public boolean isSpectral() {
    return this == SPECTRAL_MATERN || this == SPECTRAL_HEAT;
  }

  /** Whether the family takes the shape parameter α. */
  public boolean takesAlpha() {
    return this == RQ;
  }

  /** Whether the family takes the smoothness ν. */
  public boolean takesNu() {
    return this == MATERN || this == SPECTRAL_MATERN;
  }

  /** Whether the family takes the truncation lmax. */
  public boolean takesLmax() {
    return isSpectral();
  }

  /** Parses a CLI name, failing with {@code "<option> must be one of …, got X"}. */
  public static KernelFamily parse(String option, String value) {
    for (KernelFamily f : values()) {
      if (f.cliName.equals(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException(option + " must be one of " + names() + ", got " + value);
  }

  /** All CLI names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(KernelFamily::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
