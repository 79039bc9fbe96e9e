/**
 * The float64 reference core of Driftsim: the geometries points live on (Euclidean space, the
 * sphere, the hyperboloid, the Fisher–Rao simplex and its sequence product), each with distance,
 * log and exp maps in numerically stable forms.
 *
 * <p>Everything here is plain Java and deliberately simple to read: it is the reference that every
 * faster path (the ND4J engine, the actor runtime) is tested against. Kernels live in
 * {@link org.driftsim.geometry.kernel}, drift fields and their partial sums in
 * {@link org.driftsim.geometry.field}. The mathematics is specified in {@code shared/MATH.md} §1.
 */
package org.driftsim.geometry;
