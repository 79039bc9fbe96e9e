package org.driftsim.actors;

import org.driftsim.config.FaultSettings;
import org.driftsim.config.RuntimeSettings;
import org.driftsim.geometry.Checks;

/**
 * How a partition computes: its engine and threads.
 *
 * @param engine {@code nd4j}, {@code nd4j-dense} or {@code reference}
 * @param engineThreads compute threads of the engine (1: the partition's own pinned thread)
 * @param faults injected faults (tests and drills)
 */
public record PartitionSettings(String engine, int engineThreads, FaultSettings faults) {

  /** Without injected faults. */
  public PartitionSettings(String engine, int engineThreads) {
    this(engine, engineThreads, FaultSettings.NONE);
  }

  public PartitionSettings {
    if (!RuntimeSettings.ENGINES.contains(engine)) {
      throw new IllegalArgumentException("engine must be one of "
          + String.join(", ", RuntimeSettings.ENGINES) + ", got " + engine);
    }
    Checks.positive("engine threads", engineThreads);
  }

  /** From the runtime settings. */
  public static PartitionSettings of(RuntimeSettings runtime) {
    return new PartitionSettings(runtime.engine(), runtime.engineThreads());
  }

  /** From the runtime and fault settings. */
  public static PartitionSettings of(RuntimeSettings runtime, FaultSettings faults) {
    return new PartitionSettings(runtime.engine(), runtime.engineThreads(), faults);
  }
}
