package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code driftsim field} in-process: the output contract and every bad input of the issue. */
class FieldCommandTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Driftsim.run(args.toArray(String[]::new), new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private Path writePoints(String name, double[][] rows) throws IOException {
    StringBuilder b = new StringBuilder();
    for (double[] r : rows) {
      for (int k = 0; k < r.length; k++) {
        b.append(k > 0 ? "," : "").append(r[k]);
      }
      b.append('\n');
    }
    return write(name, b.toString());
  }

  private static double[][] readCsv(Path p) throws IOException {
    return Files.readAllLines(p).stream()
        .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  /** Random data rows of a geometry (simplex: probability vectors). */
  private static double[][] randomData(Geometry g, int n, int columns, int sequence, Random r) {
    double[][] rows = new double[n][columns];
    for (double[] row : rows) {
      for (int k = 0; k < columns; k++) {
        row[k] = r.nextGaussian() * 0.6;
      }
      switch (g) {
        case EUCLIDEAN -> { }
        case SPHERE -> {
          double norm = Math.sqrt(Arrays.stream(row).map(v -> v * v).sum());
          for (int k = 0; k < columns; k++) {
            row[k] /= norm;
          }
        }
        case HYPERBOLOID -> {
          double s = 0;
          for (int k = 1; k < columns; k++) {
            s += row[k] * row[k];
          }
          row[0] = Math.sqrt(1 + s);
        }
        case SIMPLEX -> {
          int cats = columns / sequence;
          for (int l = 0; l < sequence; l++) {
            double sum = 0;
            for (int k = l * cats; k < (l + 1) * cats; k++) {
              row[k] = Math.exp(row[k]);
              sum += row[k];
            }
            for (int k = l * cats; k < (l + 1) * cats; k++) {
              row[k] /= sum;
            }
          }
        }
      }
    }
    return rows;
  }

  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(Geometry.EUCLIDEAN, 3, 1, "laplace", "gradient"),
        Arguments.of(Geometry.SPHERE, 3, 1, "matern52", "sharp"),
        Arguments.of(Geometry.HYPERBOLOID, 3, 1, "gaussian", "deng"),
        Arguments.of(Geometry.SIMPLEX, 4, 1, "matern32", "mmd"),
        Arguments.of(Geometry.SIMPLEX, 6, 2, "laplace", "gradient"));
  }

  /** The CLI writes exactly what the library computes, for every geometry. */
  @ParameterizedTest
  @MethodSource("geometries")
  void writesTheLibraryFieldRoundTrippingDoubles(Geometry g, int columns, int sequence,
      String kernel, String field) throws IOException {
    Random r = new Random(42 + columns);
    double[][] q = randomData(g, 7, columns, sequence, r);
    double[][] p = randomData(g, 11, columns, sequence, r);
    double[][] n = randomData(g, 9, columns, sequence, r);
    Path out = dir.resolve("V.csv");
    List<String> args = new ArrayList<>(List.of("field", "--geometry", g.cliName(),
        "--kernel", kernel, "--tau", "0.4,0.9", "--field", field,
        "--queries", writePoints("Q.csv", q).toString(),
        "--positives", writePoints("P.csv", p).toString(),
        "--negatives", writePoints("N.csv", n).toString(),
        "--negatives-include-queries", "--engine", "reference", "--out", out.toString()));
    if (sequence > 1) {
      args.addAll(List.of("--sequence-length", Integer.toString(sequence)));
    }
    Result res = run(args);
    assertEquals(0, res.code(), res.err());

    Manifold m = g.manifold(columns, sequence);
    double[][] x = Arrays.stream(q).map(m::fromData).toArray(double[][]::new);
    QueryBatch batch = QueryBatch.of(x);
    ReferenceSet pos = ReferenceSet.of(Side.POSITIVE,
        Arrays.stream(p).map(m::fromData).toArray(double[][]::new));
    ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE,
        Arrays.stream(n).map(m::fromData).toArray(double[][]::new));
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1.0);
    neg = neg.concat(new ReferenceSet(Side.NEGATIVE, x, ones, batch.ids()));
    FieldSpec spec = FieldSpec.of(FieldType.parse("--field", field),
        KernelSpec.parse(kernel + "(tau=0.4)"), List.of(0.4, 0.9));
    double[][] expected = DriftFields.compute(spec, m, batch, pos, neg);
    double[][] actual = readCsv(out);
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i); // bit-exact round trip
    }
    if (g == Geometry.SIMPLEX) {
      // Tangent in the √p chart: orthogonal to √p position by position.
      FisherRaoSimplex s = (FisherRaoSimplex) m;
      int k = s.categories();
      for (int i = 0; i < x.length; i++) {
        for (int l = 0; l < s.sequenceLength(); l++) {
          double dot = 0;
          for (int c = l * k; c < (l + 1) * k; c++) {
            dot += x[i][c] * actual[i][c];
          }
          assertEquals(0.0, dot, 1e-12);
        }
      }
    }
  }

  @Test
  void weightsAndNoNegativesFollowTheLibrary() throws IOException {
    Random r = new Random(3);
    double[][] q = randomData(Geometry.EUCLIDEAN, 5, 2, 1, r);
    double[][] p = randomData(Geometry.EUCLIDEAN, 8, 2, 1, r);
    Path w = write("W.csv", "1\n0.5\n2\n0\n1\n1\n3\n0.25\n");
    Path out = dir.resolve("V.csv");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "rq", "--alpha", "2",
        "--tau", "0.7", "--field", "sharp", "--queries", writePoints("Q.csv", q).toString(),
        "--positives", writePoints("P.csv", p).toString(), "--pos-weights", w.toString(),
        "--engine", "reference", "--out", out.toString()));
    assertEquals(0, res.code(), res.err());
    double[] weights = {1, 0.5, 2, 0, 1, 1, 3, 0.25};
    long[] ids = new long[8];
    Arrays.fill(ids, ReferenceSet.NO_ID);
    double[][] expected = DriftFields.compute(
        FieldSpec.of(FieldType.SHARP, KernelSpec.parse("rq(tau=0.7, alpha=2)"), List.of(0.7)),
        Geometry.EUCLIDEAN.manifold(2, 1), QueryBatch.of(q),
        new ReferenceSet(Side.POSITIVE, p, weights, ids), null);
    double[][] actual = readCsv(out);
    for (int i = 0; i < q.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0);
    }
  }

  /** Every engine and partition count gives the reference field (float32: 1e-5 relative). */
  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("enginesAndGeometries")
  void enginesAndPartitionsAgreeWithTheReference(String engine, Geometry g, String kernel,
      String field) throws IOException {
    Random r = new Random(17);
    int columns = g == Geometry.SIMPLEX ? 4 : 3;
    Path q = writePoints("Q.csv", randomData(g, 40, columns, 1, r));
    Path p = writePoints("P.csv", randomData(g, 300, columns, 1, r));
    Path n = writePoints("N.csv", randomData(g, 200, columns, 1, r));
    List<String> common = List.of("field", "--geometry", g.cliName(), "--kernel", kernel,
        "--tau", "0.5", "--field", field, "--queries", q.toString(), "--positives", p.toString(),
        "--negatives", n.toString(), "--negatives-include-queries");
    Path ref = dir.resolve("ref.csv");
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of("--engine", "reference", "--out", ref.toString()));
    assertEquals(0, run(args).code());
    double[][] expected = readCsv(ref);
    for (String parts : List.of("1", "3", "8")) {
      Path out = dir.resolve("V" + parts + ".csv");
      args = new ArrayList<>(common);
      args.addAll(List.of("--engine", engine, "--partitions", parts, "--out", out.toString()));
      Result res = run(args);
      assertEquals(0, res.code(), res.err());
      double[][] actual = readCsv(out);
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < expected.length; i++) {
        for (int k = 0; k < columns; k++) {
          diff += Math.pow(actual[i][k] - expected[i][k], 2);
          norm += expected[i][k] * expected[i][k];
        }
      }
      assertTrue(Math.sqrt(diff / norm) <= 1e-5,
          engine + " with " + parts + " partitions: " + Math.sqrt(diff / norm));
      assertTrue(res.out().contains("engine " + engine + ", partitions " + parts), res.out());
    }
  }

  /**
   * {@code --engine actors --partitions P} (P bank partition actors on the embedded one-node
   * cluster) gives the field of {@code --engine nd4j}, 1e-5 relative, on every geometry and with
   * every field (each case below adds one geometry or field).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("actorCases")
  void actorsEqualTheNd4jEngine(Geometry g, String kernel, String field) throws IOException {
    Random r = new Random(29);
    int columns = g == Geometry.SIMPLEX ? 4 : 3;
    Path q = writePoints("Q.csv", randomData(g, 40, columns, 1, r));
    Path p = writePoints("P.csv", randomData(g, 300, columns, 1, r));
    Path n = writePoints("N.csv", randomData(g, 200, columns, 1, r));
    List<String> common = List.of("field", "--geometry", g.cliName(), "--kernel", kernel,
        "--tau", "0.5", "--field", field, "--queries", q.toString(), "--positives", p.toString(),
        "--negatives", n.toString(), "--negatives-include-queries");
    Path nd4j = dir.resolve("nd4j.csv");
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of("--engine", "nd4j", "--out", nd4j.toString()));
    assertEquals(0, run(args).code());
    double[][] expected = readCsv(nd4j);
    for (String parts : List.of("1", "3", "8")) {
      Path out = dir.resolve("actors" + parts + ".csv");
      args = new ArrayList<>(common);
      args.addAll(List.of("--engine", "actors", "--partitions", parts, "--out", out.toString()));
      Result res = run(args);
      assertEquals(0, res.code(), res.err());
      assertTrue(res.out().contains("engine actors, partitions " + parts), res.out());
      double[][] actual = readCsv(out);
      assertEquals(expected.length, actual.length);
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < expected.length; i++) {
        for (int k = 0; k < columns; k++) {
          diff += Math.pow(actual[i][k] - expected[i][k], 2);
          norm += expected[i][k] * expected[i][k];
        }
      }
      assertTrue(norm > 0 && Math.sqrt(diff / norm) <= 1e-5,
          "actors with " + parts + " partitions: " + Math.sqrt(diff / norm));
    }
  }

  static Stream<Arguments> actorCases() {
    return Stream.of(
        Arguments.of(Geometry.EUCLIDEAN, "laplace", "gradient"),
        Arguments.of(Geometry.SPHERE, "matern52", "sharp"),
        Arguments.of(Geometry.HYPERBOLOID, "gaussian", "deng"),
        Arguments.of(Geometry.SIMPLEX, "matern32", "mmd"),
        Arguments.of(Geometry.EUCLIDEAN, "laplace", "deng_coded"));
  }

  static Stream<Arguments> enginesAndGeometries() {
    return Stream.of(
        Arguments.of("nd4j", Geometry.EUCLIDEAN, "laplace", "gradient"),
        Arguments.of("nd4j", Geometry.SPHERE, "matern52", "sharp"),
        Arguments.of("nd4j", Geometry.HYPERBOLOID, "gaussian", "deng"),
        Arguments.of("nd4j", Geometry.SIMPLEX, "matern32", "mmd"),
        Arguments.of("nd4j", Geometry.EUCLIDEAN, "laplace", "deng_coded"),
        Arguments.of("reference", Geometry.SPHERE, "laplace", "gradient"));
  }

  @Test
  void unknownEngineAndBadPartitionsAreRejected() throws IOException {
    Path q = write("Q.csv", "1,0\n");
    List<String> base = List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--out", dir.resolve("V.csv").toString());
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--engine", "turbo"));
    Result res = run(args);
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    assertEquals("--engine must be one of nd4j, nd4j-dense, reference, actors, got turbo"
        + System.lineSeparator(), res.err());
    args = new ArrayList<>(base);
    args.addAll(List.of("--partitions", "0"));
    res = run(args);
    assertEquals("--partitions must be in [1, 1000000], got 0" + System.lineSeparator(),
        res.err());
  }

  // ------------------------------------------------------------------ bad inputs

  static Stream<Arguments> badInputs() {
    String s = "0,0,1\n0,1,0\n";
    return Stream.of(
        Arguments.of("not a number", "0,0,1\n0,x1,0\n", s, List.of(),
            "Q.csv:2: 'x1' in column 2 is not a number; expected a decimal number"),
        Arguments.of("ragged rows", "0,0,1\n\n0,1\n", s, List.of(),
            "Q.csv:3: 2 columns; expected 3 like line 1"),
        Arguments.of("NaN", s, "0,0,1\nNaN,1,0\n", List.of(),
            "P.csv:2: NaN in column 1; expected a finite number"),
        Arguments.of("Inf", s, "0,0,1\n0,-Infinity,0\n", List.of(),
            "P.csv:2: -Infinity in column 2; expected a finite number"),
        Arguments.of("overflow", s, "0,0,1\n0,1e999,0\n", List.of(),
            "P.csv:2: 1e999 in column 2 is out of range; expected a finite number"),
        Arguments.of("off the manifold", "0,0,1\n0,1.01,0\n", s, List.of(),
            "Q.csv:2: point is off the sphere: |‖x‖−1| = 0.010000000000000009; expected "
                + "|‖x‖−1| ≤ 1e-6"),
        Arguments.of("dimension mismatch", s, "0,0,0,1\n", List.of(),
            "P.csv:1: 4 columns; expected 3 as in Q.csv"),
        Arguments.of("empty set", s, "\n\n", List.of(),
            "P.csv: no rows; expected at least one row of comma-separated numbers"),
        Arguments.of("tau <= 0", s, s, List.of("--tau", "0.5,0"),
            "--tau must be > 0, got 0"),
        Arguments.of("tau not a number", s, s, List.of("--tau", "abc"),
            "--tau must be a comma-separated list of numbers, got abc"),
        Arguments.of("alpha <= 1 with sharp", s, s,
            List.of("--kernel", "rq", "--alpha", "0.8", "--field", "sharp"),
            "--alpha must be > 1 for --field sharp, got 0.8"),
        Arguments.of("unknown field", s, s, List.of("--field", "drift"),
            "--field must be one of deng, gradient, sharp, mmd, deng_coded, got drift"),
        Arguments.of("unknown kernel", s, s, List.of("--kernel", "cauchy"),
            "--kernel must be one of gaussian, laplace, matern32, matern52, rq, matern, "
                + "spectral-matern, spectral-heat, got cauchy"),
        Arguments.of("unknown geometry", s, s, List.of("--geometry", "torus"),
            "--geometry must be one of euclidean, sphere, hyperboloid, simplex, got torus"),
        Arguments.of("matern without nu", s, s, List.of("--kernel", "matern"),
            "--nu must be given for --kernel matern"),
        Arguments.of("alpha with laplace", s, s, List.of("--alpha", "2"),
            "--alpha must not be given with --kernel laplace, got 2"),
        Arguments.of("spectral off S2", s, s,
            List.of("--geometry", "hyperboloid", "--kernel", "spectral-heat", "--lmax", "20"),
            "--geometry must be sphere for --kernel spectral-heat (spectral kernels live on "
                + "S^2), got hyperboloid"),
        Arguments.of("spectral on S3", "0,0,0,1\n", "0,0,1,0\n",
            List.of("--kernel", "spectral-matern", "--nu", "1.5", "--lmax", "20"),
            "Q.csv:1: 4 columns; expected 3 (the sphere S^2) for --kernel spectral-matern"),
        Arguments.of("sharp with spectral", s, s,
            List.of("--kernel", "spectral-heat", "--lmax", "20", "--field", "sharp"),
            "--field must be deng, gradient or mmd for --kernel spectral-heat (spectral kernels "
                + "have no sharp companion), got sharp"),
        Arguments.of("deng_coded off R^d", s, s, List.of("--field", "deng_coded"),
            "--geometry must be euclidean for --field deng_coded, got sphere"),
        Arguments.of("lmax out of range", s, s,
            List.of("--kernel", "spectral-heat", "--lmax", "0"),
            "--lmax must be in [1, 10000], got 0"),
        Arguments.of("sequence length off the simplex", s, s, List.of("--sequence-length", "2"),
            "--sequence-length must only be given with --geometry simplex, got --geometry sphere"),
        Arguments.of("too few columns for the sphere", "1\n", "1\n", List.of(),
            "Q.csv:1: 1 column; expected at least 2 (a point of sphere of dimension d has d+1 "
                + "coordinates)"),
        Arguments.of("simplex columns not a multiple of L", "0.5,0.5,0\n", "0.5,0.5,0\n",
            List.of("--geometry", "simplex", "--sequence-length", "2"),
            "Q.csv:1: 3 columns; expected a multiple of --sequence-length 2 with at least 2 "
                + "categories per position"),
        Arguments.of("not a probability vector", "0.5,0.6\n", "0.5,0.5\n",
            List.of("--geometry", "simplex"),
            "Q.csv:1: not a probability vector: entries sum to 1.1; expected entries ≥ -1e-9 "
                + "summing to 1 within 1e-6"),
        Arguments.of("off the hyperboloid", "1,0,0\n1,1,0\n", "1,0,0\n",
            List.of("--geometry", "hyperboloid"),
            "Q.csv:2: point is off the hyperboloid: |⟨x,x⟩_L+1|/x₀² = 1.0; expected x₀ > 0 and "
                + "|⟨x,x⟩_L+1|/x₀² ≤ 1e-6"),
        Arguments.of("missing file", null, s, List.of(),
            "Q.csv: no such file; expected a readable CSV file"));
  }

  /** Each bad input: exit 2, exactly one message, and an existing output file left untouched. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputFailsWithOneMessageAndWritesNothing(String name, String queries, String positives,
      List<String> extra, String message) throws IOException {
    Path q = queries == null ? dir.resolve("Q.csv") : write("Q.csv", queries);
    Path p = write("P.csv", positives);
    Path out = write("V.csv", "previous contents\n");
    List<String> args = new ArrayList<>(List.of("field", "--queries", q.toString(),
        "--positives", p.toString(), "--out", out.toString()));
    List<String> defaults = List.of("--geometry", "sphere", "--kernel", "laplace",
        "--tau", "0.5", "--field", "gradient");
    for (int k = 0; k < defaults.size(); k += 2) {
      if (!extra.contains(defaults.get(k))) {
        args.add(defaults.get(k));
        args.add(defaults.get(k + 1));
      }
    }
    args.addAll(extra);
    Result res = run(args);
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    String expected = message.replace("Q.csv", q.toString()).replace("P.csv", p.toString());
    assertEquals(expected + System.lineSeparator(), res.err());
    assertEquals("previous contents\n", Files.readString(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")),
          "no temporary file is left behind");
    }
  }

  /** The output gets the ordinary mode of a new file (umask), not a private temp-file mode. */
  @Test
  void outputFileIsReadableLikeAnyNewFile() throws IOException {
    Path q = write("Q.csv", "1,0\n0,1\n");
    Path out = dir.resolve("V.csv");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--engine", "reference", "--out", out.toString()));
    assertEquals(0, res.code(), res.err());
    Path probe = Files.createFile(dir.resolve("probe"));
    assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(out));
  }

  @Test
  void missingOutputDirectoryIsRejectedBeforeAnyWork() throws IOException {
    Path q = write("Q.csv", "1,0\n");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--out", dir.resolve("no/such/dir/V.csv").toString()));
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    assertTrue(res.err().startsWith("--out must be in an existing directory, got "), res.err());
  }

  @Test
  void outputMayNotOverwriteAnInput() throws IOException {
    Path q = write("Q.csv", "1,0\n");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--out", q.toString()));
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    assertEquals("--out must not be one of the input files, got " + q + System.lineSeparator(),
        res.err());
    assertEquals("1,0\n", Files.readString(q));
  }

  @Test
  void weightFileOfTheWrongLengthNamesBothFiles() throws IOException {
    Path q = write("Q.csv", "1,0\n0,1\n");
    Path w = write("W.csv", "1\n");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--pos-weights", w.toString(), "--out", dir.resolve("V.csv").toString()));
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    assertEquals(w + ": 1 weights; expected 2, one per row of " + q + System.lineSeparator(),
        res.err());
  }

  @Test
  void negativeWeightIsRejectedWithItsLine() throws IOException {
    Path q = write("Q.csv", "1,0\n0,1\n");
    Path w = write("W.csv", "1\n-0.5\n");
    Result res = run(List.of("field", "--geometry", "euclidean", "--kernel", "laplace",
        "--tau", "1", "--field", "gradient", "--queries", q.toString(), "--positives",
        q.toString(), "--pos-weights", w.toString(), "--out", dir.resolve("V.csv").toString()));
    assertEquals(Driftsim.EXIT_BAD_INPUT, res.code());
    assertEquals(w + ":2: weight -0.5 is negative; expected a finite number >= 0"
        + System.lineSeparator(), res.err());
  }
}
