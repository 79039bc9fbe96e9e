/**
 * The actor runtime: {@link org.driftsim.actors.BankPartition} and
 * {@link org.driftsim.actors.ParticlePartition} (Cluster Sharding entities that own shards of
 * references on their device and answer query batches with partial sums), the
 * {@link org.driftsim.actors.JobCoordinator} that gathers, merges in partition order and moves
 * particles, and {@link org.driftsim.actors.DriftsimNode}, which starts a node (the embedded
 * one-node cluster or a member of a larger one).
 */
package org.driftsim.actors;
