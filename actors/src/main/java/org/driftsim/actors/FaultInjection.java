package org.driftsim.actors;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.driftsim.config.FaultSettings;
import org.slf4j.Logger;

/**
 * The faults of {@code driftsim.faults}, injected into a partition's query handling: each fires
 * once per JVM (a restarted partition must not fail again at the retried step).
 */
final class FaultInjection {
  private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

  private FaultInjection() {}

  /** The exception of an injected failure; the partition's supervisor restarts it. */
  static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super(message);
    }
  }

  /** Called before a partition answers a query of {@code step}. */
  static void beforeQuery(FaultSettings faults, String kind, int partition, long step,
      Logger log) {
    if (faults.failPartition() == partition && faults.failStep() == step
        && FIRED.add("fail/" + partition + "/" + step)) {
      log.warn("{} partition {}: injected failure at step {}", kind, partition, step);
      throw new InjectedFault(kind + " partition " + partition + ": injected failure at step "
          + step + " (driftsim.faults)");
    }
    if (faults.delayPartition() == partition && faults.delayStep() == step
        && FIRED.add("delay/" + partition + "/" + step)) {
      log.warn("{} partition {}: injected delay of {} at step {}", kind, partition,
          faults.delay(), step);
      try {
        Thread.sleep(faults.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during an injected delay", e);
      }
    }
  }
}
