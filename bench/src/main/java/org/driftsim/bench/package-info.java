/**
 * JMH benchmarks of Driftsim's inner loops. End-to-end figures come from
 * {@code driftsim bench sums}; both are recorded with their commands in bench/RESULTS.md.
 */
package org.driftsim.bench;
