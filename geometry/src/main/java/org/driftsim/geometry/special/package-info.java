/**
 * Special functions the kernels need and no well-kept Java library provides in the form needed:
 * the logarithm of the modified Bessel function {@code K_ν} of real order (general Matérn
 * kernels) and Legendre polynomials with their derivatives (spectral kernels on S²).
 *
 * <p>log Γ comes from Apache Commons Numbers; everything here is tested against values computed
 * to 30 digits with mpmath and against closed forms.
 */
package org.driftsim.geometry.special;
