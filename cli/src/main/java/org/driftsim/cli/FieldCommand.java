package org.driftsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.io.DataFileException;
import org.driftsim.geometry.io.PointCsv;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code driftsim field}: the drift field V(x_i) at each query row, from CSV files of queries,
 * positives and (optionally) negatives, written as CSV (MATH.md §3).
 */
@Command(
    name = "field",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Computes the drift field V(x) = A_P(x) - A_N(x) at every query row and writes one "
            + "tangent vector per row (ambient coordinates; simplex: in the sqrt(p) chart).",
        "CSV files: one point per row, comma-separated decimal numbers, no header."})
final class FieldCommand implements Callable<Integer> {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** The engine name that runs the field through partition actors. */
  static final String ACTORS = "actors";

  @Spec CommandSpec spec;

  @Option(names = "--geometry", required = true, paramLabel = "GEOMETRY",
      description = "euclidean, sphere, hyperboloid or simplex (Fisher-Rao).")
  String geometry;

  @Option(names = "--sequence-length", paramLabel = "L",
      description = "Simplex only: rows are L probability vectors of K entries each (default 1).")
  String sequenceLength;

  @Option(names = "--kernel", paramLabel = "KERNEL",
      description = "gaussian, laplace, matern32, matern52, rq, matern, spectral-matern or "
          + "spectral-heat (spectral kernels on the sphere S^2 only). Ignored by deng_coded.")
  String kernel;

  @Option(names = "--tau", required = true, paramLabel = "T[,T2,...]",
      description = "Temperature(s) > 0; the field is the sum over temperatures. Spectral "
          + "kernels: the length scale.")
  String tau;

  @Option(names = "--alpha", paramLabel = "A", description = "Shape of the rq kernel (> 0; "
      + "> 1 with the sharp field).")
  String alpha;

  @Option(names = "--nu", paramLabel = "NU",
      description = "Smoothness of the matern and spectral-matern kernels (> 0).")
  String nu;

  @Option(names = "--lmax", paramLabel = "L",
      description = "Truncation of the spectral kernels' Legendre series (1 to 10000).")
  String lmax;

  @Option(names = "--field", required = true, paramLabel = "FIELD",
      description = "deng, gradient, sharp, mmd or deng_coded (euclidean only).")
  String field;

  @Option(names = "--queries", required = true, paramLabel = "Q.csv",
      description = "The points x at which V is evaluated.")
  Path queries;

  @Option(names = "--positives", required = true, paramLabel = "P.csv",
      description = "Data samples (attraction).")
  Path positives;

  @Option(names = "--negatives", paramLabel = "N.csv",
      description = "Model samples (repulsion); without any negatives A_N = 0.")
  Path negatives;

  @Option(names = "--negatives-include-queries",
      description = "Adds the query batch to the negatives; a query never interacts with "
          + "itself (deng_coded: its soft self-mask).")
  boolean negativesIncludeQueries;

  @Option(names = "--pos-weights", paramLabel = "W.csv",
      description = "One weight >= 0 per row of the positives (default 1).")
  Path posWeights;

  @Option(names = "--neg-weights", paramLabel = "W.csv",
      description = "One weight >= 0 per row of the negatives file (default 1).")
  Path negWeights;

  @Option(names = "--out", required = true, paramLabel = "V.csv",
      description = "Output file; written to a temporary file and renamed when complete.")
  Path out;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "nd4j",
      description = "nd4j (default: float32, the backend's fused kernel), nd4j-dense (the "
          + "tensor-library baseline), reference (float64) or actors (P partition actors on the "
          + "embedded one-node cluster, each computing with nd4j).")
  String engine;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "1",
      description = "Splits positives and negatives into P shards each, computed independently "
          + "and merged in partition order (default 1).")
  String partitions;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Geometry g = Geometry.parse("--geometry", geometry);
    FieldType type = FieldType.parse("--field", field);
    List<Double> temperatures = parseTemperatures();
    int sequence = parseSequenceLength(g);
    FieldSpec fieldSpec = fieldSpec(g, type, temperatures);
    int parts = (int) wholeNumber("--partitions", partitions, 1, 1_000_000);
    if (!Engines.NAMES.contains(engine) && !engine.equals(ACTORS)) {
      throw new IllegalArgumentException("--engine must be one of "
          + String.join(", ", Engines.NAMES) + ", " + ACTORS + ", got " + engine);
    }
    checkFiles();

    PointCsv.Table queryTable = PointCsv.read(queries);
    Manifold manifold = manifold(g, sequence, queryTable, fieldSpec);
    double[][] x = PointCsv.toPoints(queryTable, manifold);
    String sameColumns = "as in " + queries;
    PointCsv.Table positiveTable = PointCsv.read(positives, queryTable.columns(), sameColumns);
    double[][] p = PointCsv.toPoints(positiveTable, manifold);
    double[] pw = posWeights == null ? ones(p.length)
        : PointCsv.readWeights(posWeights, p.length, positives);

    QueryBatch batch = QueryBatch.of(x);
    ReferenceSet positiveSet = new ReferenceSet(Side.POSITIVE, p, pw, noIds(p.length));
    ReferenceSet negativeSet = null;
    if (negatives != null) {
      PointCsv.Table negativeTable = PointCsv.read(negatives, queryTable.columns(), sameColumns);
      double[][] n = PointCsv.toPoints(negativeTable, manifold);
      double[] nw = negWeights == null ? ones(n.length)
          : PointCsv.readWeights(negWeights, n.length, negatives);
      negativeSet = new ReferenceSet(Side.NEGATIVE, n, nw, noIds(n.length));
    }
    if (negativesIncludeQueries) {
      // The queries' own copies carry the query ids, so each query skips itself.
      ReferenceSet copies = new ReferenceSet(Side.NEGATIVE, x, ones(x.length), batch.ids());
      negativeSet = negativeSet == null ? copies : negativeSet.concat(copies);
    }

    List<ReferenceSet> shards = new ArrayList<>();
    for (int part = 0; part < parts; part++) { // partition p holds slice p of each side
      shards.add(slice(positiveSet, part, parts));
      if (negativeSet != null) {
        shards.add(slice(negativeSet, part, parts));
      }
    }
    double[][] v;
    if (engine.equals(ACTORS)) {
      v = ActorField.compute(fieldSpec, manifold, batch, positiveSet, negativeSet, parts);
    } else {
      try (FieldEngine<?> fieldEngine =
        Engines.create(engine, Runtime.getRuntime().availableProcessors())) {
        v = Engines.compute(fieldEngine, fieldSpec, manifold, batch, shards);
      }
    }
    PointCsv.writeAtomically(out, v);

    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("driftsim field: wrote %d rows to %s (%s on %s; %d positives, %d negatives; "
            + "engine %s, partitions %d; %.2f s)%n", v.length, out, fieldSpec, manifold,
        p.length, negativeSet == null ? 0 : negativeSet.size(), engine, parts,
        (System.nanoTime() - start) * 1e-9);
    return 0;
  }

  private List<Double> parseTemperatures() {
    List<Double> temps = new ArrayList<>();
    for (String part : tau.split(",", -1)) {
      String s = part.strip();
      if (!NUMBER.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "--tau must be a comma-separated list of numbers, got " + tau);
      }
      double t = Double.parseDouble(s);
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new IllegalArgumentException("--tau must be > 0, got " + s);
      }
      temps.add(t);
    }
    return temps;
  }

  private int parseSequenceLength(Geometry g) {
    if (sequenceLength == null) {
      return 1;
    }
    if (g != Geometry.SIMPLEX) {
      throw new IllegalArgumentException(
          "--sequence-length must only be given with --geometry simplex, got --geometry "
              + g.cliName());
    }
    return (int) wholeNumber("--sequence-length", sequenceLength, 1, 1_000_000);
  }

  private FieldSpec fieldSpec(Geometry g, FieldType type, List<Double> temperatures) {
    if (type == FieldType.DENG_CODED) {
      if (g != Geometry.EUCLIDEAN) {
        throw new IllegalArgumentException(
            "--geometry must be euclidean for --field deng_coded, got " + g.cliName());
      }
      if (kernel != null) {
        spec.commandLine().getErr().println("note: --field deng_coded uses its own Laplace-type "
            + "logits; --kernel " + kernel + " is ignored");
      }
      return FieldSpec.dengCoded(temperatures);
    }
    if (kernel == null) {
      throw new IllegalArgumentException("--kernel must be given for --field " + type.cliName()
          + " (one of " + KernelFamily.names() + ")");
    }
    KernelFamily family = KernelFamily.parse("--kernel", kernel);
    double a = optionalNumber("--alpha", alpha, family.takesAlpha(), family);
    double n = optionalNumber("--nu", nu, family.takesNu(), family);
    int l = 0;
    if (family.takesLmax()) {
      if (lmax == null) {
        throw new IllegalArgumentException("--lmax must be given for --kernel " + family);
      }
      l = (int) wholeNumber("--lmax", lmax, 1, KernelSpec.MAX_LMAX);
    } else if (lmax != null) {
      throw new IllegalArgumentException(
          "--lmax must only be given with a spectral kernel, got --kernel " + family);
    }
    if (family.isSpectral() && g != Geometry.SPHERE) {
      throw new IllegalArgumentException("--geometry must be sphere for --kernel " + family
          + " (spectral kernels live on S^2), got " + g.cliName());
    }
    if (type == FieldType.SHARP && family.isSpectral()) {
      throw new IllegalArgumentException("--field must be deng, gradient or mmd for --kernel "
          + family + " (spectral kernels have no sharp companion), got sharp");
    }
    if (type == FieldType.SHARP && family == KernelFamily.RQ && !(a > 1)) {
      throw new IllegalArgumentException("--alpha must be > 1 for --field sharp, got " + alpha);
    }
    KernelSpec base = new KernelSpec(family, temperatures.get(0), a, n, l);
    return FieldSpec.of(type, base, temperatures);
  }

  private double optionalNumber(String option, String value, boolean takes,
      KernelFamily family) {
    if (!takes) {
      if (value != null) {
        throw new IllegalArgumentException(
            option + " must not be given with --kernel " + family + ", got " + value);
      }
      return Double.NaN;
    }
    if (value == null) {
      throw new IllegalArgumentException(option + " must be given for --kernel " + family);
    }
    if (!NUMBER.matcher(value.strip()).matches()) {
      throw new IllegalArgumentException(option + " must be a number, got " + value);
    }
    double v = Double.parseDouble(value.strip());
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(option + " must be > 0, got " + value);
    }
    return v;
  }

  private static long wholeNumber(String option, String value, long lo, long hi) {
    long v;
    try {
      v = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, got " + value, e);
    }
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(
          option + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return v;
  }

  private void checkFiles() {
    if (negWeights != null && negatives == null) {
      throw new IllegalArgumentException(
          "--neg-weights must only be given with --negatives (one weight per row of that file)");
    }
    Path target = out.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out must be in an existing directory, got " + out);
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException("--out must be a file, got the directory " + out);
    }
    for (Path input : Arrays.asList(queries, positives, negatives, posWeights, negWeights)) {
      if (input != null && input.toAbsolutePath().normalize().equals(target)) {
        throw new IllegalArgumentException(
            "--out must not be one of the input files, got " + out);
      }
    }
  }

  /** The manifold of the query file's column count, or a {@code FILE:LINE} error. */
  private static Manifold manifold(Geometry g, int sequence, PointCsv.Table q, FieldSpec f) {
    int columns = q.columns();
    if (f.linear() && columns != 3) {
      throw DataFileException.atLine(q.file(), q.lines()[0], PointCsv.columns(columns),
          "3 (the sphere S^2) for --kernel " + f.kernels().get(0).family());
    }
    try {
      return g.manifold(columns, sequence);
    } catch (IllegalArgumentException e) {
      String expected = switch (g) {
        case EUCLIDEAN -> "at least 1";
        case SPHERE, HYPERBOLOID -> "at least 2 (a point of " + g.cliName()
            + " of dimension d has d+1 coordinates)";
        case SIMPLEX -> "a multiple of --sequence-length " + sequence
            + " with at least 2 categories per position";
      };
      throw DataFileException.atLine(q.file(), q.lines()[0], PointCsv.columns(columns), expected);
    }
  }

  static ReferenceSet slice(ReferenceSet set, int part, int parts) {
    return set.slice((int) ((long) set.size() * part / parts),
        (int) ((long) set.size() * (part + 1) / parts));
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static long[] noIds(int n) {
    long[] ids = new long[n];
    Arrays.fill(ids, ReferenceSet.NO_ID);
    return ids;
  }
}
