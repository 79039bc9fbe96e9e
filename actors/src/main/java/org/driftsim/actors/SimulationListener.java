package org.driftsim.actors;

/**
 * Receives a simulation's progress from the coordinator. Methods are called on the
 * coordinator's thread and must return quickly (hand file writing to another thread): the
 * coordinator never blocks.
 */
public interface SimulationListener {

  /** One step's record. */
  record Step(long step, double vNormMean, double stepSeconds, int partitions, int attempts) {}

  /** The positions at the start of {@code step} (after {@code step} moves), ids 0 … N−1 in order. */
  void onSnapshot(long step, double[][] positions);

  /** A step has been applied. */
  void onStep(Step step);

  /** The simulation ended; {@code positions} are the final particles in id order. */
  void onFinish(double[][] positions);
}
