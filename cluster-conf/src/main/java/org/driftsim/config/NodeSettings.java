package org.driftsim.config;

import java.util.List;

/**
 * {@code driftsim.node}: what this JVM does in the cluster.
 *
 * @param roles cluster roles: {@code coordinator} and/or {@code partitions}
 * @param partitionsPerDevice partitions per device before the node counts as oversubscribed
 * @param jobsDir the shared directory of submitted jobs that the coordinator nodes' job
 *     supervisor (a cluster singleton) runs and resumes, or "" for none
 */
public record NodeSettings(List<String> roles, int partitionsPerDevice, String jobsDir) {
  /** Runs jobs. */
  public static final String COORDINATOR = "coordinator";
  /** Hosts partitions. */
  public static final String PARTITIONS = "partitions";

  public NodeSettings {
    roles = List.copyOf(roles);
    if (roles.isEmpty()) {
      throw new ConfigError("driftsim.node.roles must name at least one of coordinator,"
          + " partitions, got []");
    }
    for (String r : roles) {
      Rules.oneOf("driftsim.node.roles", List.of(COORDINATOR, PARTITIONS), r);
    }
    Rules.atLeast("driftsim.node.partitions-per-device", 1, partitionsPerDevice);
  }

  /** Whether this node hosts partitions. */
  public boolean hostsPartitions() {
    return roles.contains(PARTITIONS);
  }

  static NodeSettings from(Settings s) {
    return Rules.located(s, () -> new NodeSettings(s.strings("driftsim.node.roles"),
        s.integer("driftsim.node.partitions-per-device"), s.string("driftsim.node.jobs-dir")));
  }
}
