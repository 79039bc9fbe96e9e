package org.driftsim.geometry.field;

import java.util.List;
import java.util.stream.Collectors;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;

/**
 * A drift field with one kernel per temperature; the field is the sum of the per-temperature
 * fields (for {@code deng_coded}, of the RMS-normalized ones, MATH.md §3).
 *
 * <p>{@code deng_coded} ignores the kernel choice: its logits are Laplace-type on normalized
 * distances, so its temperatures R are carried as {@code laplace(tau=R)} specs (see
 * {@link #dengCoded}).
 *
 * @param type the field
 * @param kernels one kernel per temperature, at least one
 */
public record FieldSpec(FieldType type, List<KernelSpec> kernels) {

  public FieldSpec {
    if (type == null) {
      throw new IllegalArgumentException("field type must be given, got null");
    }
    if (kernels == null || kernels.isEmpty()) {
      throw new IllegalArgumentException("field must have at least one temperature, got none");
    }
    kernels = List.copyOf(kernels);
    for (KernelSpec k : kernels) {
      if (type == FieldType.SHARP && k.family().isSpectral()) {
        throw new IllegalArgumentException(
            "field sharp is not defined for the " + k.family()
                + " kernel (spectral kernels have no sharp companion); use deng, gradient or mmd");
      }
      if (type == FieldType.SHARP && k.family() == KernelFamily.RQ && !k.hasSharp()) {
        throw new IllegalArgumentException(
            "alpha must be > 1 for the sharp field, got " + k.alpha());
      }
      if (type == FieldType.DENG_CODED && k.family() != KernelFamily.LAPLACE) {
        throw new IllegalArgumentException(
            "field deng_coded carries its temperatures as laplace kernels, got " + k);
      }
    }
  }

  /** A field whose kernel family and parameters are shared by every temperature. */
  public static FieldSpec of(FieldType type, KernelSpec kernel, List<Double> temperatures) {
    return new FieldSpec(type,
        temperatures.stream().map(kernel::withTau).collect(Collectors.toList()));
  }

  /** The {@code deng_coded} field at temperatures R. */
  public static FieldSpec dengCoded(List<Double> temperatures) {
    return of(FieldType.DENG_CODED, KernelSpec.of(KernelFamily.LAPLACE, 1.0), temperatures);
  }

  /** Number of temperatures. */
  public int temperatures() {
    return kernels.size();
  }

  /** Whether partial sums are in linear space (spectral kernels can be negative). */
  public boolean linear() {
    return kernels.get(0).family().isSpectral();
  }

  /**
   * Checks that this field can be computed on the manifold: {@code deng_coded} only in R^d,
   * spectral kernels only on S²; throws with a message saying what is allowed.
   */
  public void checkSupports(Manifold manifold) {
    if (type == FieldType.DENG_CODED) {
      if (manifold.geometry() != Geometry.EUCLIDEAN) {
        throw new IllegalArgumentException(
            "field deng_coded is defined on R^d only (geometry euclidean), got geometry "
                + manifold.geometry().cliName());
      }
      return;
    }
    for (KernelSpec k : kernels) {
      if (k.family().isSpectral() != linear()) {
        throw new IllegalArgumentException(
            "temperatures of one field must all be spectral or all radial, got " + kernels);
      }
      k.bind(manifold); // throws for spectral kernels off S²
    }
  }

  @Override
  public String toString() {
    return type.cliName() + kernels;
  }
}
