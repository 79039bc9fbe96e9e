package org.driftsim.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code driftsim.runtime}: partitions, their engine, and the coordinator's timeouts.
 *
 * @param bankPartitions partitions holding the data (positives)
 * @param particlePartitions partitions holding the particles
 * @param engine the engine of each partition ({@code nd4j}, {@code nd4j-dense}, {@code reference})
 * @param engineThreads compute threads per partition
 * @param requestTimeout how long a request waits before it is sent again
 * @param maxAttempts sends of one request before the step fails
 * @param maxMessageBytes the largest message the coordinator sends or asks for
 * @param maxRecoveries how many times one step may recover partitions that lost their state
 */
public record RuntimeSettings(int bankPartitions, int particlePartitions, String engine,
    int engineThreads, Duration requestTimeout, int maxAttempts, long maxMessageBytes,
    int maxRecoveries) {

  /** The engines a partition can run. */
  public static final List<String> ENGINES = List.of("nd4j", "nd4j-dense", "reference");

  public RuntimeSettings {
    Rules.atLeast("driftsim.runtime.bank-partitions", 1, bankPartitions);
    Rules.atLeast("driftsim.runtime.particle-partitions", 1, particlePartitions);
    Rules.oneOf("driftsim.runtime.engine", ENGINES, engine);
    Rules.atLeast("driftsim.runtime.engine-threads", 1, engineThreads);
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new ConfigError("driftsim.runtime.request-timeout must be a duration > 0, got "
          + requestTimeout);
    }
    Rules.atLeast("driftsim.runtime.max-attempts", 1, maxAttempts);
    Rules.atLeast("driftsim.runtime.max-message-bytes", 65_536L, maxMessageBytes);
    Rules.atLeast("driftsim.runtime.max-recoveries", 0, maxRecoveries);
  }

  static RuntimeSettings from(Settings s) {
    return Rules.located(s, () -> new RuntimeSettings(
        s.integer("driftsim.runtime.bank-partitions"),
        s.integer("driftsim.runtime.particle-partitions"),
        s.string("driftsim.runtime.engine"),
        s.integer("driftsim.runtime.engine-threads"),
        s.duration("driftsim.runtime.request-timeout"),
        s.integer("driftsim.runtime.max-attempts"),
        s.longValue("driftsim.runtime.max-message-bytes"),
        s.integer("driftsim.runtime.max-recoveries")));
  }
}
