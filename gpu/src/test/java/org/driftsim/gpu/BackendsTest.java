package org.driftsim.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ServiceLoader discovery and selection of the compute backend. */
class BackendsTest {
  @Test
  void findsTheCpuAndCudaBackendsThroughServiceLoader() {
    List<String> names = Backends.all().stream().map(ComputeBackend::name).toList();
    assertEquals(List.of("cpu", "cuda"), names);
  }

  @Test
  void theCpuIsAvailableHereAndCudaIsNot() {
    ComputeBackend cpu = Backends.select("cpu");
    assertTrue(cpu.isAvailable());
    assertEquals(1, cpu.devices().size());
    assertTrue(cpu.describe().startsWith("cpu (ND4J CpuBackend"), cpu.describe());
    assertEquals("cpu", Backends.select("auto").name(), "auto falls back to the cpu");
    ComputeBackend cuda = Backends.all().get(1);
    assertFalse(cuda.isAvailable());
    assertTrue(cuda.devices().isEmpty());
  }

  @Test
  void unknownOrUnavailableBackendsAreNamedInTheError() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu"));
    assertEquals("driftsim.backend must be one of auto, cpu, cuda, got tpu", unknown.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda"));
    assertEquals("driftsim.backend must be available here, got cuda (cuda (not available: build "
        + "with -Pcuda on a machine with an NVIDIA GPU))", missing.getMessage());
  }

  @Test
  void unknownEngineIsNamedInTheError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Engines.create("fast", 1));
    assertEquals("--engine must be one of nd4j, nd4j-dense, reference, got fast", e.getMessage());
  }
}
