package org.driftsim.protocol;

/**
 * Which reduction a {@link PartitionCommand.Query} asks for: the partial sums of every field but
 * {@code deng_coded}, or one of {@code deng_coded}'s three rounds (MATH.md §3).
 */
public enum Round {
  /** {@link org.driftsim.geometry.field.Partials}. */
  PARTIALS,
  /** {@code deng_coded} round 1: the distance-scale sums. */
  DENG_SCALE,
  /** {@code deng_coded} round 2: the row log-sum-exp sums, given the scale. */
  DENG_ROWS,
  /** {@code deng_coded} round 3: the affinity sums, given the scale and the row sums. */
  DENG_SUMS
}
