package org.driftsim.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.pattern.Patterns;
import org.driftsim.config.NodeSettings;
import org.driftsim.config.Settings;
import org.driftsim.protocol.PartitionCommand;
import scala.jdk.javaapi.DurationConverters;

/**
 * One Driftsim JVM in a cluster: an actor system named {@value #SYSTEM}, the partition entity
 * types registered with Cluster Sharding (hosted here if the node has the {@code partitions}
 * role), and, on a {@code coordinator} node, a {@link JobCoordinator}.
 *
 * <pre>{@code
 * try (DriftsimNode node = DriftsimNode.start(Settings.defaults(), ConfigFactory.empty())) {
 *   JobCoordinator.Outcome out = node.ask(replyTo -> new JobCoordinator.RunSimulation(job,
 *       listener, replyTo), Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class DriftsimNode implements AutoCloseable {
  /** The actor system's name; every node of one cluster uses it. */
  public static final String SYSTEM = "driftsim";
  /** The longest wait for a job's outcome: about the scheduler's limit of 2^31 ticks. */
  public static final Duration LONGEST_ASK = Duration.ofDays(240);

  private final ActorSystem<Void> system;
  private final ActorRef<JobCoordinator.Command> coordinator;
  private final DeviceBinding devices;

  private DriftsimNode(ActorSystem<Void> system, ActorRef<JobCoordinator.Command> coordinator,
      DeviceBinding devices) {
    this.system = system;
    this.coordinator = coordinator;
    this.devices = devices;
  }

  /** How many partitions have started on this node. */
  public int partitionsStarted() {
    return devices.started();
  }

  /**
   * The Pekko config of a node: {@code node} over {@code driftsim/node.conf} over every
   * {@code reference.conf}; the cluster roles come from {@code driftsim.node.roles}.
   */
  public static Config config(Settings settings, Config node) {
    Config base = node.withFallback(settings.config())
        .withFallback(ConfigFactory.parseResources(DriftsimNode.class.getClassLoader(),
            "driftsim/node.conf"));
    return ConfigFactory.parseMap(java.util.Map.of("pekko.cluster.roles",
            settings.node().roles()))
        .withFallback(base)
        .withFallback(ConfigFactory.defaultReference(DriftsimNode.class.getClassLoader()))
        .resolve();
  }

  /**
   * Starts a node. With no seed nodes configured it joins itself: the embedded one-node cluster.
   *
   * @param settings the job settings (node roles, the partitions' engine)
   * @param node Pekko settings of this node (address, seed nodes), over {@code driftsim/node.conf}
   */
  public static DriftsimNode start(Settings settings, Config node) {
    Config config = config(settings, node);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM, config);
    try {
      Cluster cluster = Cluster.get(system);
      if (config.getList("pekko.cluster.seed-nodes").isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      NodeSettings nodeSettings = settings.node();
      PartitionSettings partitionSettings = PartitionSettings.of(settings.runtime(),
          settings.faults());
      DeviceBinding devices = new DeviceBinding(nodeSettings.partitionsPerDevice());
      ClusterSharding sharding = ClusterSharding.get(system);
      DispatcherSelector pinned =
          DispatcherSelector.fromConfig("driftsim.node.partition-dispatcher");
      sharding.init(Entity.of(BankPartition.TYPE_KEY, ctx -> BankPartition.create(
              partitionSettings, Integer.parseInt(ctx.getEntityId()), devices))
          .withRole(NodeSettings.PARTITIONS).withEntityProps(pinned));
      sharding.init(Entity.of(ParticlePartition.TYPE_KEY, ctx -> ParticlePartition.create(
              partitionSettings, Integer.parseInt(ctx.getEntityId()), devices))
          .withRole(NodeSettings.PARTITIONS).withEntityProps(pinned));
      ActorRef<JobCoordinator.Command> coordinator = null;
      if (nodeSettings.roles().contains(NodeSettings.COORDINATOR)) {
        coordinator = system.systemActorOf(
            JobCoordinator.create(new ShardedPartitions(sharding)), "coordinator", Props.empty());
      }
      return new DriftsimNode(system, coordinator, devices);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** The actor system. */
  public ActorSystem<Void> system() {
    return system;
  }

  /** The coordinator; only on nodes with the {@code coordinator} role. */
  public ActorRef<JobCoordinator.Command> coordinator() {
    if (coordinator == null) {
      throw new IllegalStateException("this node has no coordinator role");
    }
    return coordinator;
  }

  /** Waits until this node is a member of the cluster with status Up. */
  public void awaitUp(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Cluster cluster = Cluster.get(system);
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("node " + cluster.selfMember().address()
            + " did not join the cluster within " + timeout.toSeconds() + " s (status "
            + cluster.selfMember().status() + ")");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until the cluster has {@code members} members Up. */
  public void awaitMembers(int members, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Cluster cluster = Cluster.get(system);
    while (true) {
      long up = StreamSupport.stream(
              cluster.state().getMembers().spliterator(), false)
          .filter(m -> m.status() == MemberStatus.up()).count();
      if (up >= members) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(up + " of " + members + " cluster members are up after "
            + timeout.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Waits until the shard coordinator knows {@code hosts} nodes that host partitions, so that
   * new partitions are spread over all of them (shards go to the registered region with the
   * fewest shards). Works on any node, coordinator-only ones included.
   */
  public void awaitPartitionHosts(int hosts, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int known = 0;
    String lastError = "";
    while (System.nanoTime() < deadline) {
      try {
        known = partitionsByHost(BankPartition.TYPE_KEY, Duration.ofSeconds(2)).size();
        if (known >= hosts) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // No shard coordinator (or no hosting member) yet: ask again until the deadline.
        lastError = "; last answer: " + (e instanceof ExecutionException ? e.getCause() : e);
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("the shard coordinator knows " + known + " of " + hosts
        + " partition hosts after " + timeout.toSeconds() + " s" + lastError);
  }

  /**
   * The partitions of both kinds on each node that hosts any, as the shard coordinator reports
   * them (one entity per partition; a node whose region holds no partition is listed with 0).
   */
  public Map<Address, Integer> partitionsByHost(Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<Address, Integer> out = new TreeMap<>(Comparator.comparing(Address::toString));
    for (EntityTypeKey<PartitionCommand> type :
        List.of(BankPartition.TYPE_KEY, ParticlePartition.TYPE_KEY)) {
      partitionsByHost(type, timeout).forEach((host, n) -> out.merge(host, n, Integer::sum));
    }
    return out;
  }

  /**
   * Entities of one type per hosting node. A node without the {@code partitions} role runs only
   * a sharding proxy, which answers statistics queries with an empty map; it asks the region of
   * the first member that hosts partitions instead, which forwards to the shard coordinator.
   */
  private Map<Address, Integer> partitionsByHost(EntityTypeKey<PartitionCommand> type,
      Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
    Cluster cluster = Cluster.get(system);
    Duration wait = timeout.plusSeconds(1);
    CompletionStage<ShardRegion.ClusterShardingStats> reply;
    if (cluster.selfMember().hasRole(NodeSettings.PARTITIONS)) {
      reply = AskPattern.ask(ClusterSharding.get(system).shardState(),
          (ActorRef<ShardRegion.ClusterShardingStats> to) ->
              new GetClusterShardingStats(type, timeout, to), wait, system.scheduler());
    } else {
      Optional<Member> host = StreamSupport.stream(
              cluster.state().getMembers().spliterator(), false)
          .filter(m -> m.status() == MemberStatus.up() && m.hasRole(NodeSettings.PARTITIONS))
          .findFirst();
      if (host.isEmpty()) {
        return Map.of();
      }
      ActorSelection region = system.classicSystem().actorSelection(
          host.get().address() + "/system/sharding/" + type.name());
      reply = Patterns.ask(region, new ShardRegion.GetClusterShardingStats(
              DurationConverters.toScala(timeout)), wait)
          .thenApply(ShardRegion.ClusterShardingStats.class::cast);
    }
    ShardRegion.ClusterShardingStats stats = reply.toCompletableFuture()
        .get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
    Map<Address, Integer> out = new HashMap<>();
    stats.getRegions().forEach((address, region) -> out.put(address,
        region.getStats().values().stream().mapToInt(n -> ((Number) n).intValue()).sum()));
    return out;
  }

  /**
   * Asks the coordinator and waits for the outcome (from outside the actors, e.g. the CLI); a
   * timeout beyond {@link #LONGEST_ASK} is shortened to it.
   */
  public JobCoordinator.Outcome ask(
      org.apache.pekko.japi.function.Function<ActorRef<JobCoordinator.Outcome>,
          JobCoordinator.Command> message, Duration timeout)
      throws InterruptedException, TimeoutException {
    if (timeout.compareTo(LONGEST_ASK) > 0) {
      timeout = LONGEST_ASK; // the scheduler's limit
    }
    CompletionStage<JobCoordinator.Outcome> reply = AskPattern.ask(coordinator(), message,
        timeout, system.scheduler());
    try {
      return reply.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException t) {
        throw t;
      }
      throw new IllegalStateException("the coordinator failed: " + e.getCause(), e.getCause());
    }
  }

  /** Leaves the cluster and stops the actor system. */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("actor system did not stop within 30 s", e);
    }
  }

}
