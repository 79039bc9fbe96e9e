package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.serialization.DisabledJavaSerializer;
import org.apache.pekko.serialization.JavaSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.driftsim.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The secure defaults every node starts from: Artery listens on 127.0.0.1 unless configured
 * otherwise, and Java serialization is off, both in the config and in a running node (a
 * {@link Serializable} message without a serializer binding never leaves the node; Java-serialized
 * bytes are not read).
 *
 * <p>Kryo (checkpoints) accepts registered classes only: {@code CheckpointCodec} runs Kryo with
 * registration required, and {@code CheckpointCodecTest.anUnregisteredClassIdIsNamed} (module
 * protocol) checks that a checkpoint naming an unregistered class is refused before anything of it
 * is decoded; {@code aPayloadOfAnotherRegisteredClassIsRefused} that only a {@code Checkpoint} is
 * accepted at the top. Writing cannot meet an unregistered class: the record's fields are final
 * types or the sealed {@code Optimizer.State}, all registered.
 */
class SecureDefaultsTest {

  /** A plain Serializable message with no serializer binding (not a WireMessage). */
  record Plain(String text) implements Serializable {}

  @Test
  void theConfigANodeStartsWithListensOnLoopbackWithJavaSerializationOff() {
    Config config = DriftsimNode.config(Settings.defaults(), ConfigFactory.empty());
    assertEquals("127.0.0.1", config.getString("pekko.remote.artery.canonical.hostname"));
    String bind = config.getString("pekko.remote.artery.bind.hostname");
    assertTrue(bind.isEmpty() || bind.equals("127.0.0.1"),
        "bind.hostname must be empty (= canonical.hostname) or 127.0.0.1, got '" + bind + "'");
    assertFalse(config.getBoolean("pekko.actor.allow-java-serialization"));
    assertEquals("tcp", config.getString("pekko.remote.artery.transport"));
    // A node config that only sets ports and seeds (the examples) keeps both.
    Config worker = DriftsimNode.config(Settings.defaults(),
        ClusterSimulationTest.nodeConfig(25521, 25520));
    assertEquals("127.0.0.1", worker.getString("pekko.remote.artery.canonical.hostname"));
    assertFalse(worker.getBoolean("pekko.actor.allow-java-serialization"));
  }

  @Test
  void aStartedNodeIsReachableOnLoopbackOnly() throws Exception {
    List<InetAddress> others = NetworkInterface.networkInterfaces()
        .filter(SecureDefaultsTest::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .toList();
    try (DriftsimNode node = DriftsimNode.start(Settings.defaults(), ConfigFactory.empty())) {
      node.awaitUp(Duration.ofSeconds(20));
      Config running = node.system().settings().config();
      assertEquals("127.0.0.1", running.getString("pekko.remote.artery.canonical.hostname"));
      assertFalse(running.getBoolean("pekko.actor.allow-java-serialization"));
      Address self = Cluster.get(node.system()).selfMember().address();
      assertEquals("127.0.0.1", self.getHost().get());
      int port = (Integer) self.getPort().get();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      }
      assumeFalse(others.isEmpty(), "this machine has no non-loopback IPv4 address to try");
      for (InetAddress other : others) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(other, port), 2000);
          fail("Artery accepted a connection on " + other.getHostAddress() + ":" + port);
        } catch (IOException expected) {
          // refused (or filtered): the port is bound to loopback only
        }
      }
    }
  }

  @Test
  void aSerializableMessageWithoutABindingIsRefusedAndJavaBytesAreNotRead() throws Exception {
    int seed = ClusterSimulationTest.freePort();
    try (DriftsimNode a = DriftsimNode.start(ClusterSimulationTest.settings("[partitions]"),
            ClusterSimulationTest.nodeConfig(seed, seed));
        DriftsimNode b = DriftsimNode.start(ClusterSimulationTest.settings("[partitions]"),
            ClusterSimulationTest.nodeConfig(ClusterSimulationTest.freePort(), seed))) {
      // The serializer a node picks for it is the disabled Java serializer, which refuses.
      Serialization serialization = SerializationExtension.get(a.system().classicSystem());
      Plain plain = new Plain("hello");
      Serializer chosen = serialization.findSerializerFor(plain);
      assertInstanceOf(DisabledJavaSerializer.class, chosen, chosen::toString);
      assertTrue(serialization.serialize(plain).isFailure(),
          "Java serialization of " + plain + " succeeded");
      // Bytes a peer serialized with Java serialization (serializer id 1) are not deserialized.
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(plain);
      }
      int javaId = a.system().settings().config().getInt(
          "pekko.actor.serialization-identifiers.\"" + JavaSerializer.class.getName() + "\"");
      assertTrue(serialization.deserialize(bytes.toByteArray(), javaId, "").isFailure(),
          "Java-serialized bytes were deserialized");

      // Over the wire: a's Serializable message to an actor on b is dropped, while a String
      // (Pekko's own String serializer) sent after it on the same connection arrives.
      a.awaitMembers(2, Duration.ofSeconds(20));
      BlockingQueue<Object> received = new LinkedBlockingQueue<>();
      ActorRef<Object> sink = b.system().systemActorOf(
          Behaviors.receiveMessage(msg -> {
            received.add(msg);
            return Behaviors.same();
          }), "sink", Props.empty());
      ActorRef<Object> remoteSink = ActorRefResolver.get(a.system()).resolveActorRef(
          ActorRefResolver.get(b.system()).toSerializationFormat(sink));
      assertTrue(ActorRefResolver.get(a.system()).toSerializationFormat(remoteSink)
          .contains(":" + Cluster.get(b.system()).selfMember().address().getPort().get()));
      remoteSink.tell(plain);
      remoteSink.tell("after");
      Object first = received.poll(15, TimeUnit.SECONDS);
      assertEquals("after", first, "expected only the String to arrive");
      assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS));
    }
  }

  private static boolean isUp(NetworkInterface n) {
    try {
      return n.isUp() && !n.isLoopback();
    } catch (IOException e) {
      return false;
    }
  }
}
