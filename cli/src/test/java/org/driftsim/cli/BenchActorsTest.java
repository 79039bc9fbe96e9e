package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.driftsim.actors.DeviceBinding;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code driftsim bench actors}: one JSON line whose ratio is the ratio of its medians, with
 * both paths measured and agreeing; the direct path merges like the partitions; bad options are
 * named.
 */
class BenchActorsTest {

  private static String text(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": (\"[^\"]*\"|\\[[^]]*]|[-0-9.eE+]+)")
        .matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return m.group(1);
  }

  private static double number(String json, String key) {
    return Double.parseDouble(text(json, key));
  }

  /**
   * With the float64 engine (whose results do not depend on JIT state) the two paths merge the
   * same partials in the same order, so their fields are identical.
   */
  @Test
  void printsBothMediansAndTheirRatio() {
    SimulateCommandTest.Result r = SimulateCommandTest.run("bench", "actors", "--n", "64",
        "--m", "1000", "--dim", "3", "--partitions", "3", "--engine", "reference",
        "--warmup", "0", "--repeats", "3", "--json");
    assertEquals(0, r.code(), r.err());
    String json = r.out().strip();
    assertEquals(1, json.lines().count(), json);
    double actors = number(json, "actors_seconds_median");
    double direct = number(json, "direct_seconds_median");
    assertTrue(actors > 0 && direct > 0, json);
    assertEquals(actors / direct, number(json, "overhead_ratio"), 1e-4 * actors / direct);
    assertEquals(64.0 * 1000 / actors, number(json, "actors_pairs_per_second"),
        1e-4 * 64.0 * 1000 / actors);
    assertEquals(0.0, number(json, "relative_difference"), json);
    assertEquals(3, (int) number(json, "partitions"));
    assertEquals("\"reference\"", text(json, "engine"));
    for (String key : List.of("actors_seconds", "direct_seconds")) {
      String[] runs = text(json, key).replaceAll("[\\[\\]]", "").split(",");
      assertEquals(3, runs.length, key + " in " + json);
    }
    assertEquals(3, r.err().lines().filter(l -> l.startsWith("timed run ")).count(), r.err());
  }

  @Test
  void theDirectPathComputesTheFieldOfAllShards() throws Exception {
    Random random = new Random(5);
    Manifold m = new Euclidean(3);
    QueryBatch q = QueryBatch.of(BenchCommand.Sums.points(m, 40, random));
    ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, BenchCommand.Sums.points(m, 90, random));
    ReferenceSet neg = ReferenceSet.of(Side.NEGATIVE, BenchCommand.Sums.points(m, 70, random));
    FieldSpec spec = FieldSpec.of(FieldType.SHARP, KernelSpec.parse("laplace(tau=0.5)"),
        List.of(0.5));
    int parts = 4;
    List<ReferenceSet> posShards = new ArrayList<>();
    List<ReferenceSet> negShards = new ArrayList<>();
    List<ReferenceSet> all = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      posShards.add(FieldCommand.slice(pos, p, parts));
      negShards.add(FieldCommand.slice(neg, p, parts));
      all.add(posShards.get(p));
      all.add(negShards.get(p));
    }
    Settings settings = Settings.of(ConfigFactory.parseString(
        "driftsim.runtime.engine = reference"), "test");
    double[][] direct;
    try (BenchCommand.Direct d = new BenchCommand.Direct(settings.runtime(), parts,
        new DeviceBinding(1))) {
      direct = d.compute(spec, m, q, posShards, negShards);
    }
    // The same shards merged one by one: equal up to the order of the log-sum-exp merges.
    double[][] want = DriftFields.computeSharded(spec, m, q, all);
    assertEquals(want.length, direct.length);
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], direct[i], 1e-12);
    }
  }

  @Test
  void badOptionsAreNamed() {
    SimulateCommandTest.Result r = SimulateCommandTest.run("bench", "actors", "--n", "8", "--m",
        "16", "--dim", "3", "--field", "deng_coded");
    assertEquals(2, r.code());
    assertEquals("--field must be deng, gradient, sharp or mmd (the direct path merges one "
        + "round), got deng_coded", r.err().strip());
    r = SimulateCommandTest.run("bench", "actors", "--n", "8", "--m", "16", "--dim", "3",
        "--engine", "actors");
    assertEquals(2, r.code());
    assertEquals("--engine must be one of nd4j, nd4j-dense, reference, got actors",
        r.err().strip());
    r = SimulateCommandTest.run("bench", "actors", "--n", "8", "--m", "16", "--dim", "3",
        "--partitions", "0");
    assertEquals(2, r.code());
    assertEquals("--partitions must be > 0, got 0", r.err().strip());
  }
}
