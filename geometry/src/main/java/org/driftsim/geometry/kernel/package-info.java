/**
 * Kernels of MATH.md §2: radial profiles {@code κ(r)} (Gaussian, Laplace, Matérn 3/2 and 5/2,
 * rational quadratic, general Matérn ν) with their derivatives and sharp companions, all in log
 * space; and the spectral Matérn and heat kernels on S².
 *
 * <p>A {@link org.driftsim.geometry.kernel.RadialProfile} knows nothing of geometry; a
 * {@link org.driftsim.geometry.kernel.Kernel} binds a profile (or a spectral series) to a
 * {@link org.driftsim.geometry.Manifold} and supplies values and Riemannian gradients. Kernels
 * are described by a {@link org.driftsim.geometry.kernel.KernelSpec} with one string form, e.g.
 * {@code laplace(tau=0.2)}.
 */
package org.driftsim.geometry.kernel;
