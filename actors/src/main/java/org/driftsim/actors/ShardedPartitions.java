package org.driftsim.actors;

import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.driftsim.protocol.PartitionCommand;

/** Partitions as Cluster Sharding entities: the entity id is the partition id. */
public final class ShardedPartitions implements Partitions {
  private final ClusterSharding sharding;

  public ShardedPartitions(ClusterSharding sharding) {
    this.sharding = sharding;
  }

  @Override
  public void tell(Kind kind, int id, PartitionCommand message) {
    var key = kind == Kind.BANK ? BankPartition.TYPE_KEY : ParticlePartition.TYPE_KEY;
    sharding.entityRefFor(key, Integer.toString(id)).tell(message);
  }
}
