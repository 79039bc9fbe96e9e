package org.driftsim.protocol;

/**
 * Identifies one request of a step and its replies: the coordinator correlates replies on it and
 * drops any whose id it no longer waits for (an earlier attempt, a finished step).
 *
 * @param job the job's name
 * @param step the step, ≥ 0
 * @param round the reduction asked for
 * @param chunk which block of the step's queries (large batches are sent in blocks that fit a
 *     message), ≥ 0
 * @param attempt 0 for the first send, +1 for each re-send, ≥ 0
 */
public record RequestId(String job, long step, Round round, int chunk, int attempt) {

  public RequestId {
    if (job == null || job.isEmpty()) {
      throw new IllegalArgumentException("job must be a non-empty name, got "
          + (job == null ? "null" : "an empty string"));
    }
    if (step < 0 || chunk < 0 || attempt < 0) {
      throw new IllegalArgumentException("step, chunk and attempt must be >= 0, got step " + step
          + ", chunk " + chunk + ", attempt " + attempt);
    }
    if (round == null) {
      throw new IllegalArgumentException("round must be given, got null");
    }
  }

  /** The same request, sent again. */
  public RequestId nextAttempt() {
    return new RequestId(job, step, round, chunk, attempt + 1);
  }
}
