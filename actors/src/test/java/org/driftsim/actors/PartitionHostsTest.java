package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.typed.Cluster;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;

/**
 * Where the partitions are, asked from either kind of node: a coordinator-only node runs just a
 * sharding proxy, whose own statistics are always empty, so it has to ask a hosting member.
 */
class PartitionHostsTest {

  @Test
  void aCoordinatorOnlyNodeSeesThePartitionHostsAndWhatTheyHold() throws Exception {
    int seed = ClusterSimulationTest.freePort();
    try (DriftsimNode host = DriftsimNode.start(ClusterSimulationTest.settings("[partitions]"),
            ClusterSimulationTest.nodeConfig(seed, seed));
        DriftsimNode coordinator = DriftsimNode.start(
            ClusterSimulationTest.settings("[coordinator]"),
            ClusterSimulationTest.nodeConfig(ClusterSimulationTest.freePort(), seed))) {
      coordinator.awaitMembers(2, Duration.ofSeconds(60));
      coordinator.awaitPartitionHosts(1, Duration.ofSeconds(60));
      Address hostAddress = Cluster.get(host.system()).selfMember().address();
      assertEquals(Map.of(hostAddress, 0), coordinator.partitionsByHost(Duration.ofSeconds(5)),
          "the host's region is registered and holds no partition yet");

      List<ReferenceSet> positives = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        positives.add(ReferenceSet.of(Side.POSITIVE, new double[][] {{p, 0}, {0, p + 1}}));
      }
      FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=1)"),
          List.of(1.0));
      JobCoordinator.Outcome out = coordinator.ask(to -> new JobCoordinator.ComputeField("hosts",
          spec, new Euclidean(2), QueryBatch.of(new double[][] {{0.5, 0.5}}), positives, null,
          new SimulationJob.Runtime(Duration.ofSeconds(30), 2, 1 << 20), to),
          Duration.ofSeconds(60));
      assertInstanceOf(JobCoordinator.FieldComputed.class, out, out::toString);

      Map<Address, Integer> expected = Map.of(hostAddress, 3);
      assertEquals(expected, coordinator.partitionsByHost(Duration.ofSeconds(5)));
      assertEquals(expected, host.partitionsByHost(Duration.ofSeconds(5)));
      assertEquals(3, host.partitionsStarted());
      assertEquals(0, coordinator.partitionsStarted());
    }
  }
}
