package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;
import org.driftsim.config.Settings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Injected faults (driftsim.faults) during a simulation on the embedded node: a partition that
 * throws mid-step (its supervisor restarts it empty; the coordinator finds it empty, reloads it
 * from its own copy and runs the phase again) and a partition that answers past the timeout
 * (asked again; the late reply is dropped). Each run ends bit for bit where the run without the
 * fault ends, with every step applied exactly once: as many step records as steps, each step
 * number once.
 */
@Tag("faults")
class PartitionFaultsTest {

  private static SimulationJob.Runtime fast() {
    return new SimulationJob.Runtime(Duration.ofMillis(800), 2, 4L << 20, 5);
  }

  private static SimulationJob job() {
    SimulationJob base = ClusterSimulationTest.job(300, 400, 2, 8, 3);
    return new SimulationJob("faults", base.manifold(), base.spec(), base.positives(),
        base.particles(), base.steps(), base.eta(), base.stepCap(), 3, 3, Set.of(), fast());
  }

  private static ClusterSimulationTest.Recorder run(String faults) throws Exception {
    Settings settings = Settings.of(ConfigFactory.parseString(
        "driftsim.runtime.engine = reference\n" + faults), "test");
    try (DriftsimNode node = DriftsimNode.start(settings, ConfigFactory.empty())) {
      node.awaitUp(Duration.ofSeconds(30));
      ClusterSimulationTest.Recorder rec = new ClusterSimulationTest.Recorder();
      SimulationJob job = job();
      var out = node.ask(to -> new JobCoordinator.RunSimulation(job, rec, to),
          Duration.ofMinutes(5));
      assertInstanceOf(JobCoordinator.SimulationFinished.class, out, out::toString);
      return rec;
    }
  }

  /**
   * Partitions 0–2 are bank partitions, 3–5 particle partitions. Each fault is injected at a
   * step of its own so that no earlier test in the JVM has fired it (they fire once per JVM).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a bank partition throws | driftsim.faults { fail-partition = 1, fail-step = 3 }",
      "a particle partition throws (its particles are lost) | "
          + "driftsim.faults { fail-partition = 4, fail-step = 5 }",
      "a particle partition answers past the timeout | "
          + "driftsim.faults { delay-partition = 5, delay-step = 2, delay = 2s }"})
  void theRunEndsAsWithoutTheFaultWithEveryStepAppliedOnce(String name, String faults)
      throws Exception {
    ClusterSimulationTest.Recorder clean = run("");
    ClusterSimulationTest.Recorder faulty = run(faults);
    assertEquals(clean.last.length, faulty.last.length);
    for (int i = 0; i < clean.last.length; i++) {
      assertArrayEquals(clean.last[i], faulty.last[i], "particle " + i);
    }
    assertEquals(8, faulty.steps.size(), "step records");
    for (int s = 0; s < 8; s++) {
      assertEquals(s, faulty.steps.get(s).step());
    }
    int maxAttempts = faulty.steps.stream().mapToInt(SimulationListener.Step::attempts).max()
        .orElse(0);
    assertTrue(maxAttempts >= 2, "the faulty step needed a second attempt, got " + maxAttempts);
  }
}
