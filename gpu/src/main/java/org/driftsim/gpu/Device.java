package org.driftsim.gpu;

/**
 * A compute device of a backend.
 *
 * @param index the backend's device number (CUDA device id; 0 for the CPU)
 * @param name a human-readable name, e.g. {@code cpu:0 (2 cores)} or {@code cuda:3}
 */
public record Device(int index, String name) {}
