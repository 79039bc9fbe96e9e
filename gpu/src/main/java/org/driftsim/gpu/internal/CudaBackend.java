package org.driftsim.gpu.internal;

import java.util.ArrayList;
import java.util.List;
import org.driftsim.gpu.ComputeBackend;
import org.driftsim.gpu.Device;
import org.driftsim.gpu.FieldEngine;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CUDA backend: ND4J's nd4j-cuda-11.6, on the class path when built with {@code -Pcuda}.
 * Its partial sums are the ND4J-operation kernel ({@link DenseEngine}) running on the device the
 * calling thread is bound to. Compiled on every build; only a machine with an NVIDIA GPU and
 * the CUDA 11.6 runtime can run it (see the README for what has been verified).
 */
public final class CudaBackend implements ComputeBackend {
  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public boolean isAvailable() {
    try {
      Class.forName("org.nd4j.linalg.jcublas.JCublasBackend");
    } catch (ClassNotFoundException e) {
      return false; // built without -Pcuda
    }
    return Nd4j.getBackend().getClass().getSimpleName().startsWith("JCublas")
        && Nd4j.getAffinityManager().getNumberOfDevices() > 0;
  }

  @Override
  public String describe() {
    return isAvailable()
        ? "cuda (ND4J JCublasBackend, " + Nd4j.getAffinityManager().getNumberOfDevices()
            + " devices)"
        : "cuda (not available: build with -Pcuda on a machine with an NVIDIA GPU)";
  }

  @Override
  public List<Device> devices() {
    List<Device> out = new ArrayList<>();
    int count = isAvailable() ? Nd4j.getAffinityManager().getNumberOfDevices() : 0;
    for (int i = 0; i < count; i++) {
      out.add(new Device(i, "cuda:" + i));
    }
    return out;
  }

  @Override
  public void bindCurrentThread(Device device) {
    Nd4j.getAffinityManager().unsafeSetDevice(device.index());
  }

  @Override
  public FieldEngine<?> fusedEngine(int threads) {
    return new DenseEngine(threads);
  }
}
