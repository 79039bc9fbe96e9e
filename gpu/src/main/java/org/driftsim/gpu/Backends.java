package org.driftsim.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the compute backend: by name from configuration or the system property
 * {@code driftsim.backend} ({@code cpu}, {@code cuda} or {@code auto}, the default: CUDA if it
 * is available, else the CPU). The choice is logged once per JVM.
 */
public final class Backends {
  /** The system property that names the backend. */
  public static final String PROPERTY = "driftsim.backend";

  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
  private static volatile ComputeBackend selected;

  private Backends() {}

  /** Every backend on the class path, available or not. */
  public static List<ComputeBackend> all() {
    List<ComputeBackend> out = new ArrayList<>();
    ServiceLoader.load(ComputeBackend.class).forEach(out::add);
    return out;
  }

  /** The backend named by {@code -Ddriftsim.backend} (default {@code auto}). */
  public static ComputeBackend current() {
    ComputeBackend b = selected;
    if (b == null) {
      synchronized (Backends.class) {
        if (selected == null) {
          selected = select(System.getProperty(PROPERTY, "auto"));
          LOG.info("compute backend: {}", selected.describe());
        }
        b = selected;
      }
    }
    return b;
  }

  /**
   * The backend of a name, or for {@code auto} the first available of cuda, cpu.
   *
   * @throws IllegalArgumentException naming the known and the available backends
   */
  public static ComputeBackend select(String name) {
    List<ComputeBackend> all = all();
    String known = all.stream().map(ComputeBackend::name).collect(Collectors.joining(", "));
    if (name.equals("auto")) {
      for (String preferred : List.of("cuda", "cpu")) {
        for (ComputeBackend b : all) {
          if (b.name().equals(preferred) && b.isAvailable()) {
            return b;
          }
        }
      }
      throw new IllegalArgumentException(
          "driftsim.backend must name an available backend, got auto with none available of "
              + known);
    }
    for (ComputeBackend b : all) {
      if (b.name().equals(name)) {
        if (!b.isAvailable()) {
          throw new IllegalArgumentException("driftsim.backend must be available here, got "
              + name + " (" + b.describe() + ")");
        }
        return b;
      }
    }
    throw new IllegalArgumentException(
        "driftsim.backend must be one of auto, " + known + ", got " + name);
  }
}
