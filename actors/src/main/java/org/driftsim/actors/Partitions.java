package org.driftsim.actors;

import org.driftsim.protocol.PartitionCommand;

/**
 * Where the coordinator sends partition messages. Partition ids are global: bank partitions
 * {@code 0 … B−1}, particle partitions {@code B … B+P−1}; replies carry the same id, and partials
 * merge in id order. In a cluster the ids are Cluster Sharding entity ids
 * ({@link ShardedPartitions}); tests put probes behind this interface.
 */
public interface Partitions {
  /** The kinds of partition. */
  enum Kind { BANK, PARTICLE }

  /** Sends a message to partition {@code id} of the given kind. */
  void tell(Kind kind, int id, PartitionCommand message);
}
