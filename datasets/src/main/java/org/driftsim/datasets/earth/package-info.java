/**
 * The Earth event data sets on S² (volcano, earthquake, fire, flood; Mathieu &amp; Nickel 2020):
 * {@link org.driftsim.datasets.earth.EarthEvents#load} reads {@code <name>.csv} (latitude and
 * longitude in degrees, mapped to \( (\cos φ \cos λ, \cos φ \sin λ, \sin φ) \) as in
 * {@code shared/MATH.md} §6) and the reference 80/10/10 split of {@code splits_seed42/} into an
 * {@link org.driftsim.datasets.earth.EarthSplit}. The data stay where they are (the config names
 * the folder, usually {@code ../shared/datasets/earth}); every problem in a file is reported as
 * {@code FILE:LINE: problem; expected …}.
 */
package org.driftsim.datasets.earth;
