package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gatherer alone, with TestProbes as partitions and manual time: replies come back in
 * request order whatever their arrival order, silent partitions are re-asked (only they), late
 * and duplicate replies are dropped, and the last attempt's timeout fails the gather.
 */
class GathererTest {
  private static ActorTestKit testKit;
  private static ManualTime time;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(ManualTime.config());
    time = ManualTime.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Three probes as bank partitions; each gets a Release per attempt. */
  private static List<TestProbe<PartitionCommand>> probes() {
    List<TestProbe<PartitionCommand>> p = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      p.add(testKit.createTestProbe());
    }
    return p;
  }

  private static TestProbe<Gatherer.Result> gather(List<TestProbe<PartitionCommand>> probes,
      int maxAttempts) {
    TestProbe<Gatherer.Result> parent = testKit.createTestProbe();
    List<Gatherer.Request> requests = new ArrayList<>();
    for (int p = 0; p < probes.size(); p++) {
      requests.add(new Gatherer.Request(Partitions.Kind.BANK, p, 0,
          (attempt, replyTo) -> new PartitionCommand.Release("job", replyTo)));
    }
    Partitions partitions = (kind, id, message) -> probes.get(id).getRef().tell(message);
    Gatherer.Matcher byPartition = (reply, reqs) -> reply instanceof PartitionReply.Ack a
        && a.partition() < reqs.size() ? a.partition() : -1;
    testKit.spawn(Gatherer.create(7, requests, byPartition, partitions, TIMEOUT, maxAttempts,
        parent.getRef()));
    return parent;
  }

  private static PartitionReply.Ack ack(int partition, int size) {
    return new PartitionReply.Ack("job", partition, PartitionReply.AckKind.RELEASED, -1, size);
  }

  @Test
  void aSilentPartitionIsAskedAgainAndRepliesComeBackInRequestOrder() {
    List<TestProbe<PartitionCommand>> probes = probes();
    TestProbe<Gatherer.Result> parent = gather(probes, 3);
    PartitionCommand.Release r0 = probes.get(0).expectMessageClass(PartitionCommand.Release.class);
    probes.get(1).expectMessageClass(PartitionCommand.Release.class);
    PartitionCommand.Release r2 = probes.get(2).expectMessageClass(PartitionCommand.Release.class);
    r2.replyTo().tell(ack(2, 20)); // out of order
    r0.replyTo().tell(ack(0, 10));
    r0.replyTo().tell(ack(0, 99)); // a duplicate: dropped
    time.timePasses(TIMEOUT);
    PartitionCommand.Release again =
        probes.get(1).expectMessageClass(PartitionCommand.Release.class);
    probes.get(0).expectNoMessage(Duration.ofMillis(50)); // only the silent one is re-asked
    probes.get(2).expectNoMessage(Duration.ofMillis(50));
    again.replyTo().tell(ack(1, 11));
    Gatherer.Gathered g = assertInstanceOf(Gatherer.Gathered.class, parent.receiveMessage());
    assertEquals(7, g.tag());
    assertEquals(2, g.attempts());
    assertEquals(List.of(ack(0, 10), ack(1, 11), ack(2, 20)), g.replies());
  }

  @Test
  void theLastAttemptsTimeoutFailsTheGatherAndNamesTheSilentPartitions() {
    List<TestProbe<PartitionCommand>> probes = probes();
    TestProbe<Gatherer.Result> parent = gather(probes, 2);
    probes.get(0).expectMessageClass(PartitionCommand.Release.class).replyTo().tell(ack(0, 1));
    probes.get(1).expectMessageClass(PartitionCommand.Release.class);
    probes.get(2).expectMessageClass(PartitionCommand.Release.class);
    time.timePasses(TIMEOUT);
    probes.get(1).expectMessageClass(PartitionCommand.Release.class);
    probes.get(2).expectMessageClass(PartitionCommand.Release.class);
    time.timePasses(TIMEOUT);
    Gatherer.Failed f = assertInstanceOf(Gatherer.Failed.class, parent.receiveMessage());
    assertEquals("bank partition 1, bank partition 2 did not answer after 2 attempts of 5000 ms "
        + "each", f.reason());
    assertEquals(2, f.attempts());
  }

  @Test
  void nothingToGatherAnswersAtOnce() {
    TestProbe<Gatherer.Result> parent = gather(List.of(), 3);
    Gatherer.Gathered g = assertInstanceOf(Gatherer.Gathered.class, parent.receiveMessage());
    assertEquals(List.of(), g.replies());
  }

  /** Its commands are the adapted reply and the timeout, both handled in createReceive. */
  @Test
  void everyCommandIsOneTheGathererHandles() {
    Set<String> permitted = new java.util.TreeSet<>();
    for (Class<?> c : Gatherer.Command.class.getPermittedSubclasses()) {
      permitted.add(c.getSimpleName());
    }
    assertEquals(Set.of("Reply", "Timeout"), permitted);
  }
}
