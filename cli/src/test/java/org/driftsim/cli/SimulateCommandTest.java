package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code driftsim simulate} on the example configs (shortened where noted): the particles end
 * within twice the sliced Wasserstein-2 distance between two independent target samples, and
 * the run directory holds its files; bad input fails with one message and writes nothing.
 */
class SimulateCommandTest {
  private static final Path EXAMPLES = Path.of("..", "cluster-conf", "examples");

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Driftsim.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static double number(String line, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(line);
    assertTrue(m.find(), key + " in " + line);
    return Double.parseDouble(m.group(1));
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @CsvSource({"simulate-swissroll.conf, 200", "simulate-checkerboard-sphere.conf, 150",
      "simulate-checkerboard-hyperboloid.conf, 150"})
  void theExamplesConvergeToTheirTarget(String config, int steps, @TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("run");
    Result r = run("simulate", EXAMPLES.resolve(config).toString(), "--run-dir", dir.toString(),
        "--set", "driftsim.simulation.steps=" + steps,
        "--set", "driftsim.simulation.snapshot-steps=[0, 50]",
        "--set", "driftsim.simulation.plot-steps=[50]",
        "--set", "driftsim.simulation.sw2-every=50");
    assertEquals(0, r.code(), r.err());

    List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
    assertEquals(steps + 1, lines.size(), "one line per step and the final line");
    for (int i = 0; i < steps; i++) {
      String line = lines.get(i);
      assertEquals(i, (int) number(line, "step"));
      assertTrue(number(line, "v_norm_mean") >= 0, line);
      assertTrue(number(line, "step_seconds") > 0, line);
      assertEquals(4, (int) number(line, "partitions"), line);
      assertEquals(1, (int) number(line, "attempts"), line);
    }
    String last = lines.get(steps);
    double sw2 = number(last, "sw2");
    double baseline = number(last, "sw2_target_vs_target");
    assertTrue(sw2 <= 2 * baseline, "SW2 " + sw2 + " vs two target samples " + baseline);

    for (String f : List.of("config.conf", "particles/step-0.csv", "particles/step-50.csv",
        "particles/final.csv", "plots/step-50.png", "plots/final.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    List<String> rows = Files.readAllLines(dir.resolve("particles/final.csv"));
    assertEquals(2000, rows.size());
    int columns = config.contains("swissroll") ? 2 : 3;
    assertEquals(columns, rows.get(0).split(",").length);
    assertTrue(Files.readString(dir.resolve("config.conf")).contains("steps = " + steps)
        || Files.readString(dir.resolve("config.conf")).contains("steps=" + steps));
  }

  /**
   * The examples exactly as shipped (the test above shortens two of them): every step is
   * recorded and the particles end within twice the two-sample SW2.
   */
  @ParameterizedTest(name = "{0} as shipped")
  @CsvSource({"simulate-swissroll.conf, 200", "simulate-checkerboard-sphere.conf, 300",
      "simulate-checkerboard-hyperboloid.conf, 300"})
  @Tag("long")
  void theExamplesAsShippedConvergeToTheirTarget(String config, int steps, @TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("run");
    Result r = run("simulate", EXAMPLES.resolve(config).toString(), "--run-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
    String last = lines.get(lines.size() - 1);
    assertEquals(steps, (int) number(last, "step"), last);
    assertEquals(steps - 1, (int) number(lines.get(lines.size() - 2), "step"));
    double sw2 = number(last, "sw2");
    double baseline = number(last, "sw2_target_vs_target");
    assertTrue(sw2 <= 2 * baseline, "SW2 " + sw2 + " vs two target samples " + baseline);
  }

  /**
   * A simulation killed after step 25 (checkpoints of steps 10 and 20 on disk, metrics up to
   * step 24) and resumed with {@code --resume} ends bit for bit as the uninterrupted run.
   */
  @Tag("faults")
  @Test
  void aKilledSimulationResumedEqualsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
    String[] args = {"--set", "driftsim.simulation.steps=40",
        "--set", "driftsim.simulation.particles=600", "--set", "driftsim.simulation.positives=800",
        "--set", "driftsim.simulation.checkpoint-every=10",
        "--set", "driftsim.simulation.snapshot-steps=[0, 30]",
        "--set", "driftsim.simulation.plot-steps=[30]",
        "--set", "driftsim.simulation.sw2-every=0"};
    List<Path> dirs = new ArrayList<>();
    for (String name : List.of("whole", "killed")) {
      Path dir = tmp.resolve(name);
      List<String> a = new ArrayList<>(List.of("simulate",
          EXAMPLES.resolve("simulate-swissroll.conf").toString(), "--run-dir", dir.toString()));
      a.addAll(List.of(args));
      Result r = run(a.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      dirs.add(dir);
    }
    Path killed = dirs.get(1);
    for (String f : List.of("checkpoints/checkpoint-30.ckpt", "checkpoints/checkpoint-40.ckpt",
        "particles/final.csv", "particles/step-30.csv")) {
      Files.delete(killed.resolve(f));
    }
    List<String> lines = Files.readAllLines(killed.resolve("metrics.jsonl"));
    Files.write(killed.resolve("metrics.jsonl"), lines.subList(0, 25));
    Result r = run("simulate", "--resume", killed.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readString(dirs.get(0).resolve("particles/final.csv")),
        Files.readString(killed.resolve("particles/final.csv")));
    assertEquals(Files.readString(dirs.get(0).resolve("particles/step-30.csv")),
        Files.readString(killed.resolve("particles/step-30.csv")));
    List<String> want = Files.readAllLines(dirs.get(0).resolve("metrics.jsonl"));
    List<String> got = Files.readAllLines(killed.resolve("metrics.jsonl"));
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).replaceAll("\"step_seconds\": [^,]+, ", ""),
          got.get(i).replaceAll("\"step_seconds\": [^,]+, ", ""), "line " + (i + 1));
    }
  }

  @Test
  void anUnknownKeyIsNamedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "driftsim.simulation {\n  stpes = 10\n}\n");
    Path dir = tmp.resolve("run");
    Result r = run("simulate", conf.toString(), "--run-dir", dir.toString());
    assertEquals(2, r.code());
    assertEquals("unknown config key driftsim.simulation.stpes (" + conf + ":2); expected only the"
        + " keys of cluster-conf/src/main/resources/reference.conf", r.err().strip());
    assertTrue(Files.notExists(dir));
  }

  @Test
  void aBadTargetIsNamed(@TempDir Path tmp) {
    Result r = run("simulate", EXAMPLES.resolve("simulate-swissroll.conf").toString(),
        "--run-dir", tmp.resolve("run").toString(), "--set", "driftsim.simulation.target=moons");
    assertEquals(2, r.code());
    assertEquals("driftsim.simulation.target: target must be one of swissroll, checkerboard,"
        + " gaussian, mixture, categorical, got moons", r.err().strip());
  }

  @Test
  void anOutOfRangeValueNamesTheKeyAndWhereItWasSet(@TempDir Path tmp) {
    Result r = run("simulate", EXAMPLES.resolve("simulate-swissroll.conf").toString(),
        "--run-dir", tmp.resolve("run").toString(), "--set", "driftsim.simulation.eta=-1");
    assertEquals(2, r.code());
    assertEquals("driftsim.simulation.eta must be a finite number > 0, got -1.0 (--set "
        + "driftsim.simulation.eta=-1)", r.err().strip());
  }

  @Test
  void anExistingRunDirectoryIsNeverReused(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir);
    Path keep = dir.resolve("metrics.jsonl");
    Files.writeString(keep, "earlier run\n");
    Result r = run("simulate", EXAMPLES.resolve("simulate-swissroll.conf").toString(),
        "--run-dir", dir.toString());
    assertEquals(2, r.code());
    assertEquals("--run-dir " + dir + " already exists and is not an empty directory; expected a"
        + " new directory (a run directory is never reused)", r.err().strip());
    assertEquals("earlier run\n", Files.readString(keep));
    assertEquals(List.of(keep), new ArrayList<>(Arrays.asList(Files.list(dir).toArray(Path[]::new))));
  }

  @Test
  void aMissingConfigFileIsNamed(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope.conf");
    Result r = run("simulate", missing.toString());
    assertEquals(2, r.code());
    assertEquals(missing + ": config file not found; expected a HOCON job file such as"
        + " those in cluster-conf/examples/", r.err().strip());
  }
}
