package org.driftsim.gpu.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.driftsim.geometry.Checks;

/** Named daemon thread pools for the engines. */
final class Threads {
  private Threads() {}

  static ExecutorService pool(String name, int threads) {
    Checks.positive("threads", threads);
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
