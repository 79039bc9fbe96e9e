package org.driftsim.metrics;

import java.util.stream.IntStream;

/**
 * The row loops of the pairwise metrics. Each row's result goes into its own slot and callers add
 * the slots in index order, so a parallel loop gives the same bits as a sequential one; small
 * problems stay sequential, where forking would cost more than the work (Sinkhorn runs thousands
 * of passes over a few points).
 */
final class ParallelRows {
  /** Below this many pair evaluations per pass a loop runs on the calling thread. */
  static final long PARALLEL_WORK = 1 << 15;

  private ParallelRows() {}

  /** The indices {@code 0..count−1}, parallel if a pass does at least {@link #PARALLEL_WORK}. */
  static IntStream range(int count, long pairsPerPass) {
    IntStream rows = IntStream.range(0, count);
    return pairsPerPass >= PARALLEL_WORK ? rows.parallel() : rows;
  }
}
