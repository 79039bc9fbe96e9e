package org.driftsim.geometry.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.driftsim.geometry.Manifold;

/**
 * Reads and writes the CSV files of points, weights and fields: one row per line,
 * comma-separated decimal numbers, no header; blank lines are skipped (line numbers in messages
 * are physical, 1-based).
 *
 * <pre>{@code
 * PointCsv.Table q = PointCsv.read(Path.of("Q.csv"));
 * Manifold sphere = Geometry.SPHERE.manifold(q.columns(), 1);
 * double[][] x = PointCsv.toPoints(q, sphere);   // validated, then projected exactly
 * PointCsv.writeAtomically(Path.of("V.csv"), field);
 * }</pre>
 */
public final class PointCsv {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE =
      Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

  private PointCsv() {}

  /**
   * The rows of a CSV file with their physical line numbers.
   *
   * @param file where the rows came from (for messages)
   * @param rows the numbers, {@code [rows][columns]}
   * @param lines the 1-based physical line of each row
   */
  public record Table(Path file, double[][] rows, int[] lines) {
    /** Number of columns (all rows have the same). */
    public int columns() {
      return rows[0].length;
    }

    /** Number of rows. */
    public int size() {
      return rows.length;
    }
  }

  /** Reads a non-empty table whose rows all have the same number of columns. */
  public static Table read(Path file) {
    return read(file, -1, null);
  }

  /**
   * Reads a non-empty table whose rows have {@code expectedColumns} columns.
   *
   * @param expectedColumns the required number of columns, or −1 to take the first row's
   * @param expectation how to explain the required count in a message, e.g. {@code "as in Q.csv"}
   */
  public static Table read(Path file, int expectedColumns, String expectation) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int columns = expectedColumns;
    int firstLine = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] tokens = text.split(",", -1);
        if (columns < 0) {
          columns = tokens.length;
          firstLine = line;
        }
        if (tokens.length != columns) {
          String why = expectation != null ? expectation : "like line " + firstLine;
          throw DataFileException.atLine(file, line, columns(tokens.length),
              columns + " " + why);
        }
        double[] row = new double[columns];
        for (int k = 0; k < columns; k++) {
          row[k] = parse(file, line, k + 1, tokens[k].strip());
        }
        rows.add(row);
        lines.add(line);
      }
    } catch (NoSuchFileException e) {
      throw DataFileException.inFile(file, "no such file", "a readable CSV file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw DataFileException.inFile(file, "not UTF-8 text", "a CSV file of decimal numbers");
    } catch (IOException e) {
      throw DataFileException.inFile(file, "cannot be read (" + e.getMessage() + ")",
          "a readable CSV file");
    }
    if (rows.isEmpty()) {
      throw DataFileException.inFile(file, "no rows",
          "at least one row of comma-separated numbers");
    }
    return new Table(file, rows.toArray(new double[0][]),
        lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double parse(Path file, int line, int column, String token) {
    if (DECIMAL.matcher(token).matches()) {
      double v = Double.parseDouble(token);
      if (Double.isInfinite(v)) {
        throw DataFileException.atLine(file, line,
            token + " in column " + column + " is out of range", "a finite number");
      }
      return v;
    }
    if (NOT_FINITE.matcher(token).matches()) {
      throw DataFileException.atLine(file, line, token + " in column " + column,
          "a finite number");
    }
    String shown = token.isEmpty() ? "empty value" : "'" + token + "'";
    throw DataFileException.atLine(file, line,
        shown + " in column " + column + " is not a number", "a decimal number");
  }

  /** "1 column", "3 columns". */
  public static String columns(int n) {
    return n == 1 ? "1 column" : n + " columns";
  }

  /**
   * Validates every row against the manifold (tolerance of MATH.md §1) and maps it to a point,
   * projected exactly.
   */
  public static double[][] toPoints(Table table, Manifold manifold) {
    if (table.columns() != manifold.dataDimension()) {
      throw DataFileException.atLine(table.file(), table.lines()[0],
          columns(table.columns()), manifold.dataDimension() + " for " + manifold);
    }
    double[][] points = new double[table.size()][];
    for (int i = 0; i < table.size(); i++) {
      String problem = manifold.validate(table.rows()[i]);
      if (problem != null) {
        throw DataFileException.atLine(table.file(), table.lines()[i], problem,
            manifold.validationRule());
      }
      points[i] = manifold.fromData(table.rows()[i]);
    }
    return points;
  }

  /**
   * Reads one weight per row for the {@code count} rows of {@code pointsFile}: finite and ≥ 0.
   */
  public static double[] readWeights(Path file, int count, Path pointsFile) {
    Table t = read(file, 1, "(one weight per row)");
    if (t.size() != count) {
      throw DataFileException.inFile(file, t.size() + " weights",
          count + ", one per row of " + pointsFile);
    }
    double[] w = new double[count];
    for (int j = 0; j < count; j++) {
      w[j] = t.rows()[j][0];
      if (w[j] < 0) {
        throw DataFileException.atLine(file, t.lines()[j], "weight " + w[j] + " is negative",
            "a finite number >= 0");
      }
    }
    return w;
  }

  /**
   * Writes rows of numbers (printed so that they round-trip a double) to a temporary file in
   * the target's directory, forces it to disk, and renames it over the target only when
   * complete; on failure the temporary file is removed and the target is untouched.
   */
  public static void writeAtomically(Path target, double[][] rows) {
    Path absolute = target.toAbsolutePath();
    Path tmp = null;
    try {
      // Not Files.createTempFile: its files are private (0600), and the rename would keep that.
      tmp = absolute.resolveSibling("." + absolute.getFileName() + "."
          + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        StringBuilder line = new StringBuilder();
        for (double[] row : rows) {
          line.setLength(0);
          for (int k = 0; k < row.length; k++) {
            if (k > 0) {
              line.append(',');
            }
            line.append(row[k]); // Double.toString round-trips
          }
          line.append('\n');
          out.write(line.toString());
        }
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + target + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

}
