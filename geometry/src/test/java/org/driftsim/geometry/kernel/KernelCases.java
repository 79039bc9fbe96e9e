package org.driftsim.geometry.kernel;

import java.util.ArrayList;
import java.util.List;

/** The radial kernels every kernel test covers, at a given temperature. */
final class KernelCases {
  /** Rational-quadratic shapes: two without a sharp companion (α ≤ 1), the rest with one. */
  static final double[] RQ_ALPHAS = {0.5, 1.0, 1.5, 2.0, 3.0, 5.0};
  /** General Matérn smoothness: below, at and between the half-integer closed forms. */
  static final double[] MATERN_NUS = {0.3, 0.5, 0.8, 1.5, 2.5, 4.2};

  private KernelCases() {}

  /** gaussian, laplace, matern32, matern52, rq for every α, matern for every ν. */
  static List<KernelSpec> radial(double tau) {
    List<KernelSpec> specs = new ArrayList<>();
    for (KernelFamily f : new KernelFamily[] {KernelFamily.GAUSSIAN, KernelFamily.LAPLACE,
        KernelFamily.MATERN32, KernelFamily.MATERN52}) {
      specs.add(KernelSpec.of(f, tau));
    }
    for (double alpha : RQ_ALPHAS) {
      specs.add(new KernelSpec(KernelFamily.RQ, tau, alpha, Double.NaN, 0));
    }
    for (double nu : MATERN_NUS) {
      specs.add(new KernelSpec(KernelFamily.MATERN, tau, Double.NaN, nu, 0));
    }
    return specs;
  }

  /** The radial kernels with a sharp companion (all but rq with α ≤ 1). */
  static List<KernelSpec> withSharp(double tau) {
    return radial(tau).stream().filter(KernelSpec::hasSharp).toList();
  }
}
