package org.driftsim.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A job's progress: a progress bar (steps, rate, ETA and a short status such as the loss) on a
 * terminal; otherwise a plain line on standard error about every tenth of the run and at least
 * every 30 s.
 */
final class Progress implements AutoCloseable {
  private final String task;
  private final ProgressBar bar;
  private final long steps;
  private final long started = System.nanoTime();
  private long lastLine = System.nanoTime();

  Progress(String task, long steps) {
    this.task = task;
    this.steps = steps;
    this.bar = System.console() == null ? null : new ProgressBarBuilder()
        .setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
        .setUnit(" steps", 1).showSpeed().setMaxRenderedLength(110).build();
  }

  /** {@code done} steps are complete; {@code status} is e.g. {@code "loss 0.012, |V| 0.3"}. */
  void step(long done, String status) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(status);
      return;
    }
    long now = System.nanoTime();
    if (done == steps || done % Math.max(1, steps / 10) == 0 || now - lastLine > 30e9) {
      lastLine = now;
      double elapsed = (now - started) / 1e9;
      double rate = done / elapsed;
      System.err.printf(Locale.ROOT, "%s: step %d/%d, %s, %.2f steps/s, ETA %.0f s%n", task,
          done, steps, status, rate, (steps - done) / rate);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
