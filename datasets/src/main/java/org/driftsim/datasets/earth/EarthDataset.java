package org.driftsim.datasets.earth;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four Earth event data sets of Mathieu &amp; Nickel 2020 in {@code shared/datasets/earth},
 * with the names used in configs and file names ({@code <name>.csv},
 * {@code splits_seed42/<name>_{train,val,test}_idx.txt}).
 */
public enum EarthDataset {
  VOLCANO("volcano", 827),
  EARTHQUAKE("earthquake", 6120),
  FIRE("fire", 12809),
  FLOOD("flood", 4875);

  private final String cliName;
  private final int documentedRows;

  EarthDataset(String cliName, int documentedRows) {
    this.cliName = cliName;
    this.documentedRows = documentedRows;
  }

  /** The lower-case name used in configs and file names, e.g. {@code volcano}. */
  public String cliName() {
    return cliName;
  }

  /** The events file name, e.g. {@code volcano.csv}. */
  public String fileName() {
    return cliName + ".csv";
  }

  /**
   * The number of events documented in the data set's README (and reported by Mathieu &amp;
   * Nickel 2020); informational, the loader accepts any number of rows.
   */
  public int documentedRows() {
    return documentedRows;
  }

  /** Parses a name, failing with {@code "<option> must be one of …, got X"}. */
  public static EarthDataset parse(String option, String value) {
    for (EarthDataset d : values()) {
      if (d.cliName.equals(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException(option + " must be one of " + names() + ", got " + value);
  }

  /** All names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(EarthDataset::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
