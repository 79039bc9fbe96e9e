/**
 * Training a generator by drifting (MATH.md §4): {@link org.driftsim.gpu.train.Generator} holds
 * a network, its output head, an optimizer and a weight average, and splits a step at the drift
 * field so that V can come from any engine or from the actor runtime's partitions.
 */
package org.driftsim.gpu.train;
