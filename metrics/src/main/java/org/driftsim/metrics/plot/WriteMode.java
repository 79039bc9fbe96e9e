package org.driftsim.metrics.plot;

/** What a plot does when its file already exists. */
public enum WriteMode {
  /** Fail if the file exists; never replace anything. */
  CREATE_NEW,
  /** Replace an existing file (atomically: readers see the old or the new file, never a part). */
  REPLACE
}
