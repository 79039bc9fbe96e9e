package org.driftsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code driftsim bench train-step}: one JSON line with both shares; bad options are named. */
class BenchTrainStepTest {

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void printsTheGeneratorAndDriftShares() {
    SimulateCommandTest.Result r = SimulateCommandTest.run("bench", "train-step", "--batch",
        "64", "--positives", "128", "--width", "16", "--depth", "2", "--warmup", "1",
        "--repeats", "3", "--json");
    assertEquals(0, r.code(), r.err());
    String json = r.out().strip();
    assertEquals(1, json.lines().count(), json);
    double generator = number(json, "generator_seconds_median");
    double drift = number(json, "drift_seconds_median");
    double step = number(json, "step_seconds_median");
    assertTrue(generator > 0 && drift > 0, json);
    // The median of sums lies between the sum of the smallest and of the largest parts.
    assertTrue(step > 0 && step <= 10 * (generator + drift), json);
    assertTrue(json.contains("\"network\": \"16-16x2-3\""), json);
  }

  @Test
  void otherGeometriesAreRefusedByName() {
    SimulateCommandTest.Result r = SimulateCommandTest.run("bench", "train-step", "--geometry",
        "hyperboloid", "--repeats", "1");
    assertEquals(2, r.code());
    assertEquals("--geometry must be euclidean or sphere, got hyperboloid",
        r.err().strip());
  }
}
