package org.driftsim.cli;

import static org.driftsim.cli.SimulateCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.driftsim.cli.SimulateCommandTest.Result;
import org.driftsim.protocol.checkpoint.CheckpointCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of the fault-tolerance issue: configs, data files, command-line
 * arguments and checkpoints (wire messages: {@code WireValidationTest},
 * {@code PartitionSerializationTest} and {@code WireBadInputTest} in {@code protocol}). Each case
 * runs the CLI in-process and checks that it exits with 2 (bad input), prints exactly one
 * message naming the input, the place and what was expected, and leaves every file of its
 * directory byte for byte as it was (a previous run or output included) and adds none.
 *
 * <p>Expected messages are templates: {@code $T} stands for the case's directory and
 * {@code $E} for the examples directory.
 */
class BadInputCatalogueTest {
  private static final Path EXAMPLES = Path.of("..", "cluster-conf", "examples");
  private static final String SWISSROLL = EXAMPLES.resolve("train-swissroll.conf").toString();
  private static final String SIMULATE = EXAMPLES.resolve("simulate-swissroll.conf").toString();
  private static final String REFERENCE = "expected only the keys of"
      + " cluster-conf/src/main/resources/reference.conf";

  /** A tiny finished training run (2 steps, one checkpoint), copied into the cases that need it. */
  @TempDir static Path shared;
  private static Path tinyRun;

  @BeforeAll
  static void trainATinyRun() {
    tinyRun = shared.resolve("tiny");
    Result r = run("train", SWISSROLL, "--run-dir", tinyRun.toString(),
        "--set", "driftsim.training.steps=2", "--set", "driftsim.training.width=8",
        "--set", "driftsim.training.depth=1", "--set", "driftsim.training.batch=64",
        "--set", "driftsim.training.train-samples=200",
        "--set", "driftsim.training.eval-samples=100");
    assertEquals(0, r.code(), r.err());
  }

  /** What a case runs and the message it must print. */
  record Spec(List<String> args, String message, int code) {
    Spec(List<String> args, String message) {
      this(args, message, Driftsim.EXIT_BAD_INPUT);
    }

    /** The same case, known to exit with {@code code} instead of 2 (a defect). */
    Spec exits(int other) {
      return new Spec(args, message, other);
    }
  }

  /** Prepares a case in its directory (writes its inputs) and says what to run. */
  @FunctionalInterface
  interface Prepare {
    Spec in(Path dir) throws Exception;
  }

  private static Arguments bad(String kind, String name, Prepare prepare) {
    return Arguments.of(kind, Named.of(name, prepare));
  }

  private static Spec spec(String message, String... args) {
    return new Spec(List.of(args), message);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("catalogue")
  void badInputFailsWithOneMessageAndChangesNothing(String kind, Prepare prepare,
      @TempDir Path dir) throws Exception {
    // Something already written that must survive every case: a previous run's files.
    Files.createDirectories(dir.resolve("earlier/plots"));
    Files.writeString(dir.resolve("earlier/metrics.jsonl"), "{\"step\": 1, \"loss\": 0.5}\n");
    Files.write(dir.resolve("earlier/plots/final.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Spec spec = prepare.in(dir);
    Map<String, byte[]> before = snapshot(dir);

    Result r = run(spec.args().toArray(String[]::new));

    String actual = r.err().strip().replace(dir.toString(), "$T")
        .replace(EXAMPLES.toString(), "$E");
    assertNotNull(spec.message(), "message of this case: " + actual + " (exit " + r.code() + ")");
    if (spec.code() == Driftsim.EXIT_BAD_INPUT) {
      assertEquals(spec.message(), actual);
    } else { // a defect: an internal error, whose stack trace follows its first line
      assertEquals(spec.message(), actual.lines().findFirst().orElse(""));
    }
    assertEquals(spec.code(), r.code(), r.err());
    assertEquals("", r.out(), "nothing on standard output");
    Map<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet(), "the files of " + dir);
    for (var e : before.entrySet()) {
      assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
    }
  }

  /** Every file and directory under {@code dir}: relative path -> bytes (directories: none). */
  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String key = dir.relativize(p).toString();
        files.put(Files.isDirectory(p) ? key + "/" : key,
            Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
      }
    }
    return files;
  }

  // ================================================================ helpers

  private static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** A train command on the swiss-roll example with overrides, into {@code dir/run}. */
  private static Spec trainSet(String message, Path dir, String... sets) {
    List<String> args = new ArrayList<>(List.of("train", SWISSROLL, "--run-dir",
        dir.resolve("run").toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return new Spec(args, message);
  }

  /** A job file in {@code dir} trained into {@code dir/run}. */
  private static Spec trainFile(String message, Path dir, String text) throws IOException {
    Path conf = write(dir, "job.conf", text);
    return spec(message, "train", conf.toString(), "--run-dir", dir.resolve("run").toString());
  }

  /** A copy of the tiny run in {@code dir/run}. */
  private static Path copyRun(Path dir) throws IOException {
    Path target = dir.resolve("run");
    try (Stream<Path> all = Files.walk(tinyRun)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = target.resolve(tinyRun.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /** The one checkpoint of a copied run. */
  private static Path checkpoint(Path run) {
    return run.resolve("checkpoints/checkpoint-2.ckpt");
  }

  private static void edit(Path file, java.util.function.Consumer<byte[]> change)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    change.accept(bytes);
    Files.write(file, bytes);
  }

  /** A field command on the sphere with the given queries and positives into {@code V.csv}. */
  private static Spec field(String message, Path dir, String geometry, String queries,
      String positives, String... more) throws IOException {
    Path q = write(dir, "Q.csv", queries);
    Path p = write(dir, "P.csv", positives);
    write(dir, "V.csv", "previous,output\n");
    List<String> args = new ArrayList<>(List.of("field", "--geometry", geometry,
        "--kernel", "gaussian", "--tau", "0.5", "--field", "gradient",
        "--queries", q.toString(), "--positives", p.toString(),
        "--out", dir.resolve("V.csv").toString()));
    args.addAll(List.of(more));
    return new Spec(args, message);
  }

  // ================================================================ the catalogue

  static Stream<Arguments> catalogue() {
    List<Arguments> cases = new ArrayList<>();
    cases.addAll(configs());
    cases.addAll(dataFiles());
    cases.addAll(arguments());
    cases.addAll(checkpoints());
    return cases.stream();
  }

  static List<Arguments> configs() {
    String job = "driftsim {\n  job.name = \"bad\"\n  training {\n    %s\n  }\n}\n";
    return List.of(
        bad("config", "train: unknown key in the job file", d -> trainFile(
            "unknown config key driftsim.training.stpes ($T/job.conf:4); " + REFERENCE, d,
            job.formatted("stpes = 10"))),
        bad("config", "train: wrong type, steps = \"ten\"", d -> trainFile(
            "$T/job.conf: 4: driftsim.training.steps has type STRING rather than NUMBER", d,
            job.formatted("steps = \"ten\""))),
        bad("config", "train: HOCON syntax error", d -> trainFile("$T/job.conf: 4: List should"
            + " have had new element after a comma, instead had token: '}' (if you want the comma"
            + " or '}' to be part of a string value, then double-quote it)", d,
            "driftsim {\n  training {\n    steps = [1, \n}\n")),
        bad("config", "train: batch = 1", d -> trainSet("driftsim.training.batch must be >= 2,"
            + " got 1 (--set driftsim.training.batch=1)", d, "driftsim.training.batch=1")),
        bad("config", "train: eta = -1", d -> trainSet("driftsim.training.eta must be a finite"
            + " number > 0, got -1.0 (--set driftsim.training.eta=-1)", d,
            "driftsim.training.eta=-1")),
        bad("config", "train: ema = 1.5", d -> trainSet("driftsim.training.ema must be a number"
            + " in [0, 1), got 1.5 (--set driftsim.training.ema=1.5)", d,
            "driftsim.training.ema=1.5")),
        bad("config", "train: unknown field", d -> trainSet("driftsim.training.field must be one"
            + " of deng, gradient, sharp, mmd, deng_coded, got curl"
            + " (--set driftsim.training.field=curl)", d,
            "driftsim.training.field=curl")),
        bad("config", "train: unknown kernel spec", d -> trainSet("driftsim.training.kernels[0]:"
            + " kernel family must be one of gaussian, laplace, matern32, matern52, rq, matern,"
            + " spectral-matern, spectral-heat, got cosine"
            + " (--set driftsim.training.kernels=[\"cosine(tau=0.2)\"])", d,
            "driftsim.training.kernels=[\"cosine(tau=0.2)\"]")),
        bad("config", "simulate: kernel without tau", d -> spec("driftsim.simulation.kernels[0]:"
            + " kernel spec must look like family(tau=T, ...), e.g. laplace(tau=0.2), got laplace"
            + " (--set driftsim.simulation.kernels=[\"laplace\"])", "simulate", SIMULATE,
            "--run-dir", d.resolve("run").toString(),
            "--set", "driftsim.simulation.kernels=[\"laplace\"]")),
        bad("config", "train: earth data, earth-dir missing", d -> trainSet(
            "driftsim.training.earth-dir $T/no-earth: $T/no-earth/volcano.csv: no such file;"
                + " expected a readable CSV file with the header lat,lon", d,
            "driftsim.training.data-geometry=sphere", "driftsim.training.data=\"earth:volcano\"",
            "driftsim.training.earth-dir=\"" + d.resolve("no-earth") + "\"")),
        bad("config", "train: earth data on euclidean", d -> trainSet(
            "driftsim.training.data-geometry must be sphere for Earth data (earth:volcano), got"
                + " euclidean", d,
            "driftsim.training.data=\"earth:volcano\"",
            "driftsim.training.earth-dir=\"" + d.resolve("no-earth") + "\"")),
        bad("config", "train: --set value that is not HOCON", d -> trainSet("--set"
            + " driftsim.training.data=earth:volcano: Expecting end of input or a comma, got ':' (if you intended ':' to be part of a"
            + " key or string value, try enclosing the key or value in double quotes, or you may"
            + " be able to rename the file .properties rather than .conf)", d,
            "driftsim.training.data=earth:volcano")),
        bad("config", "train: tile metric for the swiss roll", d -> trainSet("driftsim.training"
            + ".eval-metrics may list tile only for the checkerboard target, got data = swissroll"
            + " (--set driftsim.training.eval-metrics=[tile])", d,
            "driftsim.training.eval-metrics=[tile]")),
        bad("config", "train: more particle partitions than the batch", d -> trainSet(
            "driftsim.runtime.particle-partitions must not exceed driftsim.training.batch, got"
                + " 8 > 4 (--set driftsim.runtime.particle-partitions=8; --set"
                + " driftsim.training.batch=4)", d,
            "driftsim.training.batch=4", "driftsim.runtime.particle-partitions=8")),
        bad("config", "train: missing config file", d -> spec("$T/missing.conf: config file not"
            + " found; expected a HOCON job file such as those in cluster-conf/examples/", "train",
            d.resolve("missing.conf").toString(), "--run-dir", d.resolve("run").toString())),
        bad("config", "train: --set without =", d -> trainSet("--set must look like key=value,"
            + " got driftsim.training.steps", d, "driftsim.training.steps")),
        bad("config", "simulate: unknown key in the job file", d -> {
          Path conf = write(d, "sim.conf", "driftsim.simulation {\n  particels = 10\n}\n");
          return spec("unknown config key driftsim.simulation.particels ($T/sim.conf:2); "
              + REFERENCE, "simulate", conf.toString(), "--run-dir", d.resolve("run").toString());
        }),
        bad("config", "simulate: wrong type, steps = \"ten\"", d -> spec("--set"
            + " driftsim.simulation.steps=ten: 1: driftsim.simulation.steps has type STRING"
            + " rather than NUMBER", "simulate", SIMULATE, "--run-dir",
            d.resolve("run").toString(), "--set", "driftsim.simulation.steps=ten")),
        bad("config", "simulate: unknown geometry", d -> spec("driftsim.simulation.geometry"
            + " must be one of euclidean, sphere, hyperboloid, simplex, got torus"
            + " (--set driftsim.simulation.geometry=torus)", "simulate",
            SIMULATE, "--run-dir", d.resolve("run").toString(),
            "--set", "driftsim.simulation.geometry=torus")),
        bad("config", "simulate: particles = 0", d -> spec("driftsim.simulation.particles must"
            + " be >= 1, got 0 (--set driftsim.simulation.particles=0)", "simulate", SIMULATE,
            "--run-dir", d.resolve("run").toString(),
            "--set", "driftsim.simulation.particles=0")));
  }

  static List<Arguments> dataFiles() {
    return List.of(
        bad("data", "field: ragged rows", d -> field("$T/Q.csv:3: 1 column; expected 2 like"
            + " line 1", d, "euclidean", "0,0\n1,1\n2\n", "0,1\n")),
        bad("data", "field: NaN", d -> field("$T/P.csv:2: NaN in column 1; expected a finite"
            + " number", d, "euclidean", "0,0\n", "0,1\nNaN,2\n")),
        bad("data", "field: not a number", d -> field("$T/P.csv:2: 'x' in column 2 is not a"
            + " number; expected a decimal number", d, "euclidean", "0,0\n", "0,1\n1,x\n")),
        bad("data", "field: off-manifold sphere point", d -> field("$T/Q.csv:2: point is off"
            + " the sphere: |‖x‖−1| = 1.0; expected |‖x‖−1| ≤ 1e-6", d, "sphere",
            "0,0,1\n0,0,2\n", "1,0,0\n")),
        bad("data", "field: positives with other columns than the queries", d -> field(
            "$T/P.csv:1: 2 columns; expected 3 as in $T/Q.csv", d, "sphere", "0,0,1\n",
            "1,0\n")),
        bad("data", "field: sphere point with 1 column", d -> field("$T/Q.csv:1: 1 column;"
            + " expected at least 2 (a point of sphere of dimension d has d+1 coordinates)", d,
            "sphere", "1\n", "1\n")),
        bad("data", "field: empty queries file", d -> field("$T/Q.csv: no rows; expected at"
            + " least one row of comma-separated numbers", d, "euclidean", "", "0,1\n")),
        bad("data", "field: blank lines only", d -> field("$T/Q.csv: no rows; expected at least"
            + " one row of comma-separated numbers", d, "euclidean", "\n\n", "0,1\n")),
        bad("data", "field: missing positives file", d -> {
          Spec s = field("$T/P.csv: no such file; expected a readable CSV file", d, "euclidean",
              "0,0\n", "0,1\n");
          Files.delete(d.resolve("P.csv"));
          return s;
        }),
        bad("data", "field: negative weight", d -> {
          write(d, "W.csv", "1\n-2\n");
          return field("$T/W.csv:2: weight -2.0 is negative; expected a finite number >= 0", d,
              "euclidean", "0,0\n", "0,1\n1,1\n", "--pos-weights", d.resolve("W.csv").toString());
        }),
        bad("data", "field: fewer weights than positives", d -> {
          write(d, "W.csv", "1\n");
          return field("$T/W.csv: 1 weights; expected 2, one per row of $T/P.csv", d,
              "euclidean", "0,0\n", "0,1\n1,1\n", "--pos-weights", d.resolve("W.csv").toString());
        }));
  }

  static List<Arguments> arguments() {
    return List.of(
        bad("argument", "train without a config", d -> spec("CONFIG.conf is required (or"
            + " --resume DIR to continue a run)", "train")),
        bad("argument", "sample without -n", d -> spec("Missing required option: '-n=N'",
            "sample", "--run", copyRun(d).toString(), "--out", d.resolve("s.csv").toString())),
        bad("argument", "sample -n 0", d -> spec("-n must be >= 1, got 0", "sample", "--run",
            copyRun(d).toString(), "-n", "0", "--out", d.resolve("s.csv").toString())),
        bad("argument", "sample -n ten", d -> spec("Invalid value for option '-n': 'ten' is not"
            + " an int", "sample", "--run", copyRun(d).toString(), "-n", "ten",
            "--out", d.resolve("s.csv").toString())),
        bad("argument", "sample --weights best", d -> spec("--weights must be ema or raw, got"
            + " best", "sample", "--run", copyRun(d).toString(), "-n", "5", "--weights", "best",
            "--out", d.resolve("s.csv").toString())),
        bad("argument", "sample --out exists", d -> {
          write(d, "s.csv", "1,2\n");
          return spec("--out $T/s.csv already exists; expected a new file (samples are never"
              + " written over a file)", "sample", "--run", copyRun(d).toString(), "-n", "5",
              "--out", d.resolve("s.csv").toString());
        }),
        bad("argument", "eval --split dev", d -> spec("--split must be train, val or test, got"
            + " dev", "eval", "--run", copyRun(d).toString(), "--split", "dev")),
        bad("argument", "eval --metrics fid", d -> spec("--metrics must list names among mmd,"
            + " sw2, sinkhorn, nn1, c2st, tile, got fid", "eval", "--run", copyRun(d).toString(),
            "--metrics", "sw2,fid")),
        bad("argument", "eval --metrics tile on the swiss roll", d -> spec("--metrics tile"
            + " applies only to checkerboard targets, got data = swissroll", "eval", "--run",
            copyRun(d).toString(), "--metrics", "tile")),
        bad("argument", "eval -n 1", d -> spec("-n must be >= 2, got 1", "eval", "--run",
            copyRun(d).toString(), "-n", "1")),
        bad("argument", "eval --run not a run directory", d -> spec("--run $T/earlier is not a"
            + " training run directory: expected $T/earlier/checkpoints (written by driftsim"
            + " train)", "eval", "--run", d.resolve("earlier").toString())),
        bad("argument", "sample --run missing", d -> spec("--run $T/nowhere is not a training"
            + " run directory: expected $T/nowhere/checkpoints (written by driftsim train)",
            "sample", "--run", d.resolve("nowhere").toString(), "-n", "5",
            "--out", d.resolve("s.csv").toString())),
        bad("argument", "train --run-dir non-empty", d -> spec("--run-dir $T/earlier already"
            + " exists and is not an empty directory; expected a new directory (a run directory"
            + " is never reused)", "train", SWISSROLL, "--run-dir", d.resolve("earlier").toString())),
        bad("argument", "train --run-dir is a file", d -> spec("--run-dir"
            + " $T/earlier/metrics.jsonl is a file; expected a new directory (a run directory is"
            + " never reused)", "train", SWISSROLL,
            "--run-dir", d.resolve("earlier/metrics.jsonl").toString())),
        bad("argument", "train --resume with --run-dir", d -> spec("--run-dir and --resume"
            + " cannot be used together: --resume continues in its own directory $T/run",
            "train", "--resume", copyRun(d).toString(), "--run-dir", d.resolve("other").toString())),
        bad("argument", "train --resume not a run directory", d -> spec("--resume $T/earlier is"
            + " not a training run directory: expected $T/earlier/checkpoints (written by"
            + " driftsim train)", "train", "--resume", d.resolve("earlier").toString())),
        bad("argument", "unknown option", d -> spec("Unknown option: '--fast'", "eval", "--run",
            copyRun(d).toString(), "--split", "test", "--fast")),
        bad("argument", "field --geometry torus", d -> field("--geometry must be one of"
            + " euclidean, sphere, hyperboloid, simplex, got torus", d, "torus", "0,0\n",
            "0,1\n")),
        bad("argument", "field --tau -1", d -> {
          Spec s = field("--tau must be > 0, got -1", d, "euclidean", "0,0\n", "0,1\n");
          List<String> args = new ArrayList<>(s.args());
          args.set(args.indexOf("0.5"), "-1");
          return new Spec(args, s.message());
        }),
        bad("argument", "field --out is an input", d -> {
          Spec s = field("--out must not be one of the input files, got $T/Q.csv", d,
              "euclidean", "0,0\n", "0,1\n");
          List<String> args = new ArrayList<>(s.args());
          args.set(args.indexOf(d.resolve("V.csv").toString()), d.resolve("Q.csv").toString());
          return new Spec(args, s.message());
        }));
  }

  /** Rewrites the manifest's whole-file CRC32 of the run's checkpoint, so the codec sees it. */
  private static void agreeManifest(Path run) throws IOException {
    Path manifest = run.resolve("checkpoints/manifest.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
    String[] f = lines.get(1).split(" ");
    f[3] = String.format("%08x", CheckpointCodec.crc32(Files.readAllBytes(checkpoint(run))));
    lines.set(1, String.join(" ", f));
    Files.write(manifest, lines);
  }

  static List<Arguments> checkpoints() {
    return List.of(
        bad("checkpoint", "eval: the only checkpoint truncated", d -> {
          Path run = copyRun(d);
          byte[] bytes = Files.readAllBytes(checkpoint(run));
          Files.write(checkpoint(run), Arrays.copyOf(bytes, bytes.length / 2));
          return spec("no valid checkpoint in $T/run/checkpoints: checkpoint-2.ckpt: truncated"
              + " (expected " + bytes.length + " bytes as in manifest.txt, found "
              + bytes.length / 2 + ")", "eval", "--run", run.toString());
        }),
        bad("checkpoint", "sample: corrupted bytes", d -> {
          Path run = copyRun(d);
          long crc = CheckpointCodec.crc32(Files.readAllBytes(checkpoint(run)));
          edit(checkpoint(run), b -> b[b.length / 2] ^= 0x5a);
          long now = CheckpointCodec.crc32(Files.readAllBytes(checkpoint(run)));
          return spec(String.format("no valid checkpoint in $T/run/checkpoints:"
              + " checkpoint-2.ckpt: checksum mismatch (expected CRC32 %08x as in manifest.txt,"
              + " found %08x)", crc, now), "sample", "--run", run.toString(), "-n", "5",
              "--out", d.resolve("s.csv").toString());
        }),
        bad("checkpoint", "eval: corrupted payload, manifest agreeing", d -> {
          Path run = copyRun(d);
          edit(checkpoint(run), b -> b[b.length / 2] ^= 0x5a);
          agreeManifest(run);
          byte[] bytes = Files.readAllBytes(checkpoint(run));
          int stored = ByteBuffer.wrap(bytes).getInt(20); // the header's CRC32 of the payload
          long found = CheckpointCodec.crc32(Arrays.copyOfRange(bytes, 24, bytes.length));
          return spec(String.format("no valid checkpoint in $T/run/checkpoints: checkpoint"
              + " $T/run/checkpoints/checkpoint-2.ckpt: checksum mismatch (expected CRC32 0x%08x,"
              + " found 0x%08x)", stored, found), "eval", "--run", run.toString());
        }),
        bad("checkpoint", "eval: unsupported format version", d -> {
          Path run = copyRun(d);
          edit(checkpoint(run), b -> ByteBuffer.wrap(b).putInt(8, 99));
          agreeManifest(run);
          return spec("no valid checkpoint in $T/run/checkpoints: checkpoint"
              + " $T/run/checkpoints/checkpoint-2.ckpt: unsupported format version (expected 1,"
              + " found 99); written by a newer Driftsim?", "eval", "--run", run.toString());
        }),
        bad("checkpoint", "eval: wrong magic", d -> {
          Path run = copyRun(d);
          edit(checkpoint(run), b -> System.arraycopy(
              "NOTACKPT".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8));
          agreeManifest(run);
          return spec("no valid checkpoint in $T/run/checkpoints: checkpoint"
              + " $T/run/checkpoints/checkpoint-2.ckpt: not a Driftsim checkpoint (expected magic"
              + " 44 52 46 54 43 4b 50 54 \"DRFTCKPT\", found 4e 4f 54 41 43 4b 50 54)", "eval",
              "--run", run.toString());
        }),
        bad("checkpoint", "eval: no checkpoint at all", d -> {
          Path run = copyRun(d);
          Files.delete(checkpoint(run));
          Files.delete(run.resolve("checkpoints/manifest.txt"));
          return spec("--run $T/run: no checkpoint in $T/run/checkpoints; expected a"
              + " checkpoint-<step>.ckpt written by driftsim train", "eval",
              "--run", run.toString());
        }),
        bad("checkpoint", "train --resume: manifest damaged and checkpoint truncated", d -> {
          Path run = copyRun(d);
          Files.writeString(run.resolve("checkpoints/manifest.txt"), "garbage\n");
          byte[] bytes = Files.readAllBytes(checkpoint(run));
          Files.write(checkpoint(run), Arrays.copyOf(bytes, 20));
          return spec("no valid checkpoint in $T/run/checkpoints:"
              + " $T/run/checkpoints/manifest.txt: line 1: expected"
              + " \"driftsim-checkpoint-manifest 1\", found \"garbage\"; checking the files by"
              + " their headers alone; checkpoint $T/run/checkpoints/checkpoint-2.ckpt: truncated"
              + " (expected a header of 24 bytes, found 20 bytes)", "train", "--resume",
              run.toString(), "--set", "driftsim.training.steps=4");
        }),
        bad("checkpoint", "train --resume: the manifest lists a missing checkpoint", d -> {
          Path run = copyRun(d);
          Files.delete(checkpoint(run));
          return spec("no valid checkpoint in $T/run/checkpoints: checkpoint-2.ckpt: missing"
              + " (listed in manifest.txt)", "train", "--resume", run.toString(),
              "--set", "driftsim.training.steps=4");
        }),
        bad("checkpoint", "train --resume: config changes the model (width)", d -> spec(
            "--resume $T/run: the config changes the run checkpointed in"
                + " $T/run/checkpoints/checkpoint-2.ckpt: driftsim.training.width (16 here, 8"
                + " there); expected the checkpoint's values (a resumed job may change only"
                + " driftsim.training.checkpoint-every, driftsim.training.checkpoint-keep,"
                + " driftsim.training.earth-dir, driftsim.training.eval-every,"
                + " driftsim.training.eval-metrics, driftsim.training.eval-samples,"
                + " driftsim.training.metrics-every, driftsim.training.plot-every,"
                + " driftsim.training.steps and driftsim.runtime)",
            "train", "--resume", copyRun(d).toString(), "--set", "driftsim.training.width=16",
            "--set", "driftsim.training.steps=4")),
        bad("checkpoint", "train --resume: config file changes the field", d -> {
          Path run = copyRun(d);
          Path conf = write(d, "other.conf", "driftsim.training.field = \"mmd\"\n");
          return spec("--resume $T/run: the config changes the run checkpointed in"
              + " $T/run/checkpoints/checkpoint-2.ckpt: driftsim.training.batch (256 here, 64"
              + " there), driftsim.training.depth (5 here, 1 there), driftsim.training.ema (0.999"
              + " here, 0.99 there), driftsim.training.field (mmd here, gradient there),"
              + " driftsim.training.learning-rate (0.001 here, 0.002 there),"
              + " driftsim.training.train-samples (10000 here, 200 there), driftsim.training.width"
              + " (256 here, 8 there), driftsim.job.seed (0 here, 1 there); expected the"
              + " checkpoint's values (a resumed job may change only"
              + " driftsim.training.checkpoint-every, driftsim.training.checkpoint-keep,"
              + " driftsim.training.earth-dir, driftsim.training.eval-every,"
              + " driftsim.training.eval-metrics, driftsim.training.eval-samples,"
              + " driftsim.training.metrics-every, driftsim.training.plot-every,"
              + " driftsim.training.steps and driftsim.runtime)",
              "train", conf.toString(), "--resume", run.toString(),
              "--set", "driftsim.training.steps=4");
        }),
        bad("checkpoint", "train --resume: nothing left to train", d -> spec("--resume $T/run:"
            + " $T/run/checkpoints/checkpoint-2.ckpt is at step 2, the last of"
            + " driftsim.training.steps = 2; nothing to resume (raise it, e.g. --set"
            + " driftsim.training.steps=4, to train further)",
            "train", "--resume", copyRun(d).toString())));
  }
}
