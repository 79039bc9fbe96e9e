package org.driftsim.config;

import java.time.Duration;

/**
 * {@code driftsim.faults}: fault injection for tests and drills (off by default).
 *
 * @param failPartition the partition that throws once, or −1
 * @param failStep the step whose query makes it throw
 * @param delayPartition the partition that answers one query late, or −1
 * @param delayStep the step of that query
 * @param delay how late
 */
public record FaultSettings(int failPartition, long failStep, int delayPartition, long delayStep,
    Duration delay) {

  /** No faults. */
  public static final FaultSettings NONE = new FaultSettings(-1, -1, -1, -1, Duration.ZERO);

  public FaultSettings {
    Rules.atLeast("driftsim.faults.fail-partition", -1, failPartition);
    Rules.atLeast("driftsim.faults.fail-step", -1L, failStep);
    Rules.atLeast("driftsim.faults.delay-partition", -1, delayPartition);
    Rules.atLeast("driftsim.faults.delay-step", -1L, delayStep);
    if (delay == null || delay.isNegative()) {
      throw new ConfigError("driftsim.faults.delay must be a duration >= 0, got " + delay);
    }
  }

  static FaultSettings from(Settings s) {
    return Rules.located(s, () -> new FaultSettings(s.integer("driftsim.faults.fail-partition"),
        s.longValue("driftsim.faults.fail-step"), s.integer("driftsim.faults.delay-partition"),
        s.longValue("driftsim.faults.delay-step"), s.duration("driftsim.faults.delay")));
  }
}
