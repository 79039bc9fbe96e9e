package org.driftsim.geometry.io;

import java.nio.file.Path;

/**
 * Bad data in an input file, with a message of the form {@code FILE:LINE: problem; expected …}
 * (or {@code FILE: problem; expected …} when no single line is at fault).
 */
public final class DataFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private DataFileException(String message) {
    super(message);
  }

  /** A problem on one physical line (1-based). */
  public static DataFileException atLine(Path file, int line, String problem, String expected) {
    return new DataFileException(file + ":" + line + ": " + problem + "; expected " + expected);
  }

  /** A problem with the file as a whole. */
  public static DataFileException inFile(Path file, String problem, String expected) {
    return new DataFileException(file + ": " + problem + "; expected " + expected);
  }
}
