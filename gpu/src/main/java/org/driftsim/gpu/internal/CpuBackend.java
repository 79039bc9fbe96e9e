package org.driftsim.gpu.internal;

import java.util.List;
import org.driftsim.gpu.ComputeBackend;
import org.driftsim.gpu.Device;
import org.driftsim.gpu.FieldEngine;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU backend: ND4J's nd4j-native (generic x86-64 build unless {@code -Pavx2}/{@code -Pavx512})
 * for matrix products, and the fused Vector API kernel for the partial sums.
 */
public final class CpuBackend implements ComputeBackend {
  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public boolean isAvailable() {
    return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
  }

  @Override
  public String describe() {
    return "cpu (ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, SIMD "
        + FusedCpuKernel.F.vectorBitSize() + " bits)";
  }

  @Override
  public List<Device> devices() {
    return List.of(new Device(0, "cpu:0 (" + Runtime.getRuntime().availableProcessors()
        + " cores)"));
  }

  @Override
  public void bindCurrentThread(Device device) {
    if (device.index() != 0) {
      throw new IllegalArgumentException("device must be cpu:0 on the cpu backend, got "
          + device.name());
    }
  }

  @Override
  public FieldEngine<?> fusedEngine(int threads) {
    return new FusedCpuEngine(threads);
  }
}
