package org.driftsim.geometry.kernel;

import org.driftsim.geometry.Manifold;

/**
 * A kernel bound to a manifold: its value and its Riemannian gradient in the first argument.
 * Created by {@link KernelSpec#bind(Manifold)}.
 */
public interface Kernel {

  /** The spec this kernel was built from. */
  KernelSpec spec();

  /** The manifold the kernel lives on. */
  Manifold manifold();

  /** {@code k(x, y)} (for radial kernels it may underflow; see {@link RadialKernel#logValue}). */
  double value(double[] x, double[] y);

  /** Writes the Riemannian gradient \( ∇_x k(x,y) \), a tangent vector at x, into {@code out}. */
  void gradient(double[] x, double[] y, double[] out);
}
