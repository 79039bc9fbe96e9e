package org.driftsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.pekko.cluster.typed.Cluster;
import org.driftsim.actors.DriftsimNode;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.driftsim.config.ConfigError;
import org.driftsim.config.NodeSettings;
import org.driftsim.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftsim node --config NODE.conf}: starts a node that joins a cluster and hosts
 * partitions until it is stopped (Ctrl-C leaves the cluster gracefully).
 */
@Command(
    name = "node",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
        "Starts a Driftsim node that joins a cluster (pekko.cluster.seed-nodes) and hosts bank "
            + "and particle partitions until it is stopped.",
        "Examples: cluster-conf/examples/node-seed.conf, node-worker.conf, node-multi-gpu.conf."})
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "NODE.conf",
      description = "The node config: Pekko settings (address, seed nodes) and driftsim.node / "
          + "driftsim.runtime settings.")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new ConfigError(config + ": node config not found; expected a HOCON file such as "
          + "cluster-conf/examples/node-seed.conf");
    }
    Config node;
    try {
      node = ConfigFactory.parseFile(config.toFile());
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage());
    }
    Settings settings = Settings.of(node, config.toString());
    DriftsimNode started = DriftsimNode.start(settings, node);
    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "driftsim-node-stop"));
    started.awaitUp(Duration.ofMinutes(5));
    String jobs = settings.node().jobsDir();
    if (!jobs.isBlank() && settings.node().roles().contains(NodeSettings.COORDINATOR)) {
      Path dir = Path.of(jobs);
      if (!Files.isDirectory(dir)) {
        started.close();
        throw new ConfigError("driftsim.node.jobs-dir " + jobs + " is not a directory; expected"
            + " a directory shared by the coordinator nodes");
      }
      ClusterSingleton.get(started.system()).init(SingletonActor.of(
          JobSupervisor.create(started, dir), JobSupervisor.NAME)
          .withSettings(ClusterSingletonSettings.create(started.system())
              .withRole(NodeSettings.COORDINATOR)));
    }
    spec.commandLine().getOut().printf("driftsim node: up at %s with roles %s%n",
        Cluster.get(started.system()).selfMember().address(), settings.node().roles());
    spec.commandLine().getOut().flush();
    started.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
