package org.driftsim.gpu.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.driftsim.geometry.Checks;

/** Named daemon thread pools for the engines. */
final class Threads {
  private Threads() {}

  /**
   * A pool of {@code threads} workers; with one thread, the caller's own thread does the work
   * (tasks run inline), so an engine called from a partition's pinned thread stays on that
   * thread and on the device bound to it.
   */
  static ExecutorService pool(String name, int threads) {
    Checks.positive("threads", threads);
    if (threads == 1) {
      return new CallerRuns();
    }
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs every task in the submitting thread. */
  private static final class CallerRuns extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      if (shutdown) {
        throw new java.util.concurrent.RejectedExecutionException("engine is closed");
      }
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }
}
