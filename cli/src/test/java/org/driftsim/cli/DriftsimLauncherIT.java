package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bin/driftsim} against the packaged jar, as a user would after the build. */
class DriftsimLauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result exec(Path script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/driftsim finished");
    return new Result(p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void computesTheExampleField() throws Exception {
    Path out = dir.resolve("V.csv");
    Result r = exec(ROOT.resolve("bin/driftsim"), "field", "--geometry", "sphere",
        "--kernel", "laplace", "--tau", "0.3", "--field", "gradient",
        "--queries", "examples/sphere/queries.csv",
        "--positives", "examples/sphere/positives.csv",
        "--negatives", "examples/sphere/negatives.csv", "--negatives-include-queries",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(out);
    List<String> queries = Files.readAllLines(ROOT.resolve("examples/sphere/queries.csv"));
    assertEquals(queries.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] v = rows.get(i).split(",");
      String[] x = queries.get(i).split(",");
      assertEquals(3, v.length);
      double dot = 0;
      for (int k = 0; k < 3; k++) {
        dot += Double.parseDouble(v[k]) * Double.parseDouble(x[k]);
      }
      assertEquals(0.0, dot, 1e-6, "V is tangent at the query");
    }
    assertTrue(r.out().contains("wrote " + rows.size() + " rows"), r.out());
  }

  @Test
  void badInputExitsWithOneMessageAndNoOutput() throws Exception {
    Path bad = dir.resolve("Q.csv");
    Files.writeString(bad, "0,0,1\n0,0,2\n");
    Path out = dir.resolve("V.csv");
    Result r = exec(ROOT.resolve("bin/driftsim"), "field", "--geometry", "sphere",
        "--kernel", "laplace", "--tau", "0.3", "--field", "gradient", "--queries", bad.toString(),
        "--positives", "examples/sphere/positives.csv", "--out", out.toString());
    assertEquals(2, r.code());
    assertEquals(bad + ":2: point is off the sphere: |‖x‖−1| = 1.0; expected |‖x‖−1| ≤ 1e-6\n",
        r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void missingBuildSaysHowToBuild() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("checkout/bin"));
    Path script = bin.resolve("driftsim");
    Files.copy(ROOT.resolve("bin/driftsim"), script);
    Result r = exec(script, "field", "--help");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("not found; build it first with: mvn -B package -DskipTests"),
        r.err());
  }

  @Test
  void javaOptsReachTheJvm() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("bin/driftsim").toString(),
        "--version").directory(ROOT.toFile());
    pb.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue());
    assertTrue(out.contains("+PrintCommandLineFlags") || out.contains("-XX:"), out);
    assertTrue(out.contains("driftsim "), out);
  }
}
