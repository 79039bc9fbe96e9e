package org.driftsim.gpu;

import java.util.List;

/**
 * A compute backend found through {@link java.util.ServiceLoader}: the CPU (nd4j-native) or CUDA
 * (nd4j-cuda, built with {@code -Pcuda}). Implementations are listed in
 * {@code META-INF/services/org.driftsim.gpu.ComputeBackend}; {@link Backends} chooses one.
 */
public interface ComputeBackend {

  /** The name used in configuration and {@code -Ddriftsim.backend}: {@code cpu}, {@code cuda}. */
  String name();

  /** Whether this backend can run here (its ND4J backend is loaded and it has a device). */
  boolean isAvailable();

  /** One line for the start-up log: library, build, devices, threads. */
  String describe();

  /** The devices of this backend. */
  List<Device> devices();

  /**
   * Binds the calling thread to a device (ND4J's affinity is per thread), so a partition pinned to
   * one thread stays on one device.
   */
  void bindCurrentThread(Device device);

  /** The fastest partial-sum engine of this backend, computing with {@code threads} threads. */
  FieldEngine<?> fusedEngine(int threads);
}
