package org.driftsim.datasets.earth;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.driftsim.geometry.io.DataFileException;
import org.driftsim.geometry.io.PointCsv;

/**
 * Reads the Earth event data sets ({@code shared/datasets/earth}, see its README) and their
 * reference 80/10/10 split, as points on S² (MATH.md §6).
 *
 * <pre>{@code
 * EarthSplit volcano = EarthEvents.load(Path.of("../shared/datasets/earth"), EarthDataset.VOLCANO);
 * double[][] positives = volcano.train();   // [663][3]
 * }</pre>
 *
 * <p><b>Events file</b> {@code <name>.csv}: the header line {@code lat,lon}, then one event per
 * line, latitude φ in [−90, 90] and longitude λ in [−180, 180], both in degrees (the README's
 * convention; a longitude in 0..360 is rejected rather than guessed). An event maps to
 * \( (\cos φ \cos λ, \cos φ \sin λ, \sin φ) \), a unit vector to rounding
 * ({@code |‖x‖−1| ≤ 1e-15}). Duplicate events are kept, as in every reference implementation.
 *
 * <p><b>Split files</b> {@code splits_seed42/<name>_{train,val,test}_idx.txt}: 0-based row indices
 * into the events file (header not counted), one per line, in torch's {@code random_split} order;
 * together they must hold every row exactly once.
 *
 * <p>Blank lines are skipped in every file, as in {@link PointCsv}; every problem is reported as
 * {@code FILE:LINE: problem; expected …} with 1-based physical line numbers (or
 * {@code FILE: problem; expected …} when no single line is at fault), through
 * {@link DataFileException}.
 */
public final class EarthEvents {
  /** The directory of the reference split, beside the events files. */
  public static final String SPLIT_DIRECTORY = "splits_seed42";
  /** The header of an events file. */
  public static final String HEADER = "lat,lon";

  /** The file-name parts of the three splits, in the order train, validation, test. */
  private static final String[] PARTS = {"train", "val", "test"};
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final String[] COLUMN_NAMES = {"lat", "lon"};

  private EarthEvents() {}

  /**
   * Reads a data set and its reference split.
   *
   * @param directory the folder holding {@code <name>.csv} and {@code splits_seed42/}, e.g.
   *     {@code ../shared/datasets/earth}
   * @throws DataFileException naming the file and line of the first problem
   */
  public static EarthSplit load(Path directory, EarthDataset dataset) {
    Path events = directory.resolve(dataset.fileName());
    double[][] points = readEvents(events);
    int[][] split = readSplit(directory.resolve(SPLIT_DIRECTORY), dataset.cliName(), points.length,
        events);
    return new EarthSplit(dataset, points.length, gather(points, split[0]),
        gather(points, split[1]), gather(points, split[2]), split[0], split[1], split[2]);
  }

  /**
   * Reads an events file ({@code lat,lon} header, degrees) into points on S², in file order.
   *
   * @return {@code [rows][3]} unit vectors
   */
  public static double[][] readEvents(Path file) {
    double[][] points = new double[1024][];
    int count = 0;
    boolean header = false;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1); // a byte-order mark is not part of the header
        }
        if (text.isBlank()) {
          continue;
        }
        String[] tokens = text.split(",", -1);
        if (!header) {
          checkHeader(file, line, text, tokens);
          header = true;
          continue;
        }
        if (tokens.length != 2) {
          throw DataFileException.atLine(file, line, PointCsv.columns(tokens.length),
              "2 (lat,lon as in the header)");
        }
        String lat = tokens[0].strip();
        String lon = tokens[1].strip();
        double phi = parse(file, line, 1, lat);
        double lambda = parse(file, line, 2, lon);
        if (!(phi >= -90 && phi <= 90)) {
          throw DataFileException.atLine(file, line, "latitude " + lat + " is outside [-90, 90]",
              "degrees of latitude in [-90, 90]");
        }
        if (!(lambda >= -180 && lambda <= 180)) {
          throw DataFileException.atLine(file, line, "longitude " + lon
              + " is outside [-180, 180]", "degrees of longitude in [-180, 180] (east positive)");
        }
        if (count == points.length) {
          points = Arrays.copyOf(points, 2 * count);
        }
        points[count++] = toSphere(phi, lambda);
      }
    } catch (NoSuchFileException e) {
      throw DataFileException.inFile(file, "no such file",
          "a readable CSV file with the header " + HEADER);
    } catch (MalformedInputException e) {
      throw DataFileException.inFile(file, "not UTF-8 text", "a CSV file of decimal numbers");
    } catch (IOException e) {
      throw DataFileException.inFile(file, "cannot be read (" + e.getMessage() + ")",
          "a readable CSV file");
    }
    if (!header) {
      throw DataFileException.inFile(file, "empty file", "the header " + HEADER
          + ", then one event per line");
    }
    if (count == 0) {
      throw DataFileException.inFile(file, "no events after the header",
          "at least one line of lat,lon in degrees");
    }
    return Arrays.copyOf(points, count);
  }

  /**
   * The point of S² at latitude φ and longitude λ (degrees):
   * \( (\cos φ \cos λ, \cos φ \sin λ, \sin φ) \) (MATH.md §6).
   */
  public static double[] toSphere(double latitudeDegrees, double longitudeDegrees) {
    double phi = Math.toRadians(latitudeDegrees);
    double lambda = Math.toRadians(longitudeDegrees);
    double c = Math.cos(phi);
    return new double[] {c * Math.cos(lambda), c * Math.sin(lambda), Math.sin(phi)};
  }

  /**
   * Reads the three index files of a split and checks that they partition {@code 0..rows−1}.
   *
   * @param splitDirectory e.g. {@code earth/splits_seed42}
   * @param name the data set's name, the prefix of the index files
   * @param rows number of events
   * @param events the events file (for messages)
   * @return the row indices of train, validation and test, in file order
   */
  static int[][] readSplit(Path splitDirectory, String name, int rows, Path events) {
    String range = "a row index in [0, " + rows + ") (0-based, header not counted) of " + events;
    // Where each row was first seen, for the duplicate message: part and line, or −1.
    int[] seenPart = new int[rows];
    int[] seenLine = new int[rows];
    Arrays.fill(seenPart, -1);
    int[][] split = new int[PARTS.length][];
    long total = 0;
    for (int part = 0; part < PARTS.length; part++) {
      Path file = splitDirectory.resolve(fileName(name, part));
      int[] indices = new int[64];
      int count = 0;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
          line++;
          String token = text.strip();
          if (token.isEmpty()) {
            continue;
          }
          if (!INTEGER.matcher(token).matches()) {
            throw DataFileException.atLine(file, line, "'" + token + "' is not an integer",
                range);
          }
          long value = parseIndex(token);
          if (value < 0 || value >= rows) {
            throw DataFileException.atLine(file, line, "index " + token + " is out of range",
                range);
          }
          int index = (int) value;
          if (seenPart[index] >= 0) {
            throw DataFileException.atLine(file, line, "index " + index + " repeats "
                + fileName(name, seenPart[index]) + ":" + seenLine[index],
                "each row index exactly once across the train, val and test files");
          }
          seenPart[index] = part;
          seenLine[index] = line;
          if (count == indices.length) {
            indices = Arrays.copyOf(indices, 2 * count);
          }
          indices[count++] = index;
        }
      } catch (NoSuchFileException e) {
        throw DataFileException.inFile(file, "no such file",
            "the " + PARTS[part] + " split of " + events + ": 0-based row indices, one per line");
      } catch (MalformedInputException e) {
        throw DataFileException.inFile(file, "not UTF-8 text", "row indices, one per line");
      } catch (IOException e) {
        throw DataFileException.inFile(file, "cannot be read (" + e.getMessage() + ")",
            "a readable file of row indices");
      }
      split[part] = Arrays.copyOf(indices, count);
      total += count;
    }
    if (total != rows) {
      // Indices are in range and distinct, so the split can only be short, never long.
      throw DataFileException.inFile(splitDirectory.resolve(name + "_{train,val,test}_idx.txt"),
          split[0].length + " + " + split[1].length + " + " + split[2].length + " = " + total
              + " row indices",
          rows + ", one per row of " + events + " (the split must partition the rows)");
    }
    return split;
  }

  /** An integer token's value; −1 if it does not fit a {@code long} (out of range anyway). */
  private static long parseIndex(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String fileName(String name, int part) {
    return name + "_" + PARTS[part] + "_idx.txt";
  }

  private static void checkHeader(Path file, int line, String text, String[] tokens) {
    boolean ok = tokens.length == COLUMN_NAMES.length;
    for (int k = 0; ok && k < tokens.length; k++) {
      ok = tokens[k].strip().equals(COLUMN_NAMES[k]);
    }
    if (!ok) {
      throw DataFileException.atLine(file, line, "header '" + text.strip() + "'",
          "the header " + HEADER + " (latitude, then longitude, in degrees)");
    }
  }

  /** One value, with the messages of {@link PointCsv} plus the column's name. */
  private static double parse(Path file, int line, int column, String token) {
    String where = "column " + column + " (" + COLUMN_NAMES[column - 1] + ")";
    if (DECIMAL.matcher(token).matches()) {
      double v = Double.parseDouble(token);
      if (Double.isInfinite(v)) {
        throw DataFileException.atLine(file, line, token + " in " + where + " is out of range",
            "a finite number");
      }
      return v;
    }
    if (NOT_FINITE.matcher(token).matches()) {
      throw DataFileException.atLine(file, line, token + " in " + where, "a finite number");
    }
    String shown = token.isEmpty() ? "empty value" : "'" + token + "'";
    throw DataFileException.atLine(file, line, shown + " in " + where + " is not a number",
        "a decimal number");
  }

  private static double[][] gather(double[][] points, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = points[rows[i]].clone();
    }
    return out;
  }
}
