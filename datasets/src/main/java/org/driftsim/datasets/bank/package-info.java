/**
 * Memory banks (Deng et al.; {@code shared/MATH.md} §4): per-class FIFO queues of recent data
 * samples (positives) or generated samples (negatives), sampled each step through
 * {@link org.driftsim.datasets.Rngs} so that a run is deterministic given (seed, step).
 * {@link org.driftsim.datasets.bank.MemoryBank#state()} exposes the whole bank as plain arrays for
 * checkpoints, {@link org.driftsim.datasets.bank.MemoryBank#restore} rebuilds it exactly, and
 * {@link org.driftsim.datasets.bank.MemoryBank#split} shards it round-robin by insertion index.
 */
package org.driftsim.datasets.bank;
