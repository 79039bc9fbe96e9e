package org.driftsim.actors;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.driftsim.gpu.Engines;
import org.driftsim.protocol.PartitionCommand;

/**
 * Holds a shard of the data memory bank (positives; for {@code driftsim field --engine actors} also
 * a shard of the negatives) resident on its device, and answers query batches with partial sums.
 *
 * <p>A Cluster Sharding entity (entity id: the partition index) on the pinned dispatcher
 * {@code driftsim.node.partition-dispatcher}; its thread is bound to one device when it starts.
 * Its protocol is {@link PartitionCommand}; replies are {@link org.driftsim.protocol.PartitionReply}.
 * A partition that throws is restarted (at most {@value #MAX_RESTARTS} times a minute).
 */
public final class BankPartition {
  /** The sharding entity type. */
  public static final EntityTypeKey<PartitionCommand> TYPE_KEY =
      EntityTypeKey.create(PartitionCommand.class, "bank-partition");
  static final int MAX_RESTARTS = 3;

  private BankPartition() {}

  /**
   * The behaviour of partition {@code index}.
   *
   * @param devices binds the partition's thread to a device of this node
   */
  public static Behavior<PartitionCommand> create(PartitionSettings settings, int index,
      DeviceBinding devices) {
    Behavior<PartitionCommand> partition = Behaviors.setup(ctx -> {
      ctx.getLog().debug("bank partition {} bound to {}", index, devices.bindCurrentThread());
      return new PartitionBehavior(ctx, "bank", index,
          Engines.create(settings.engine(), settings.engineThreads()), settings.faults());
    });
    return Behaviors.supervise(partition)
        .onFailure(SupervisorStrategy.restart().withLimit(MAX_RESTARTS, Duration.ofMinutes(1)));
  }
}
