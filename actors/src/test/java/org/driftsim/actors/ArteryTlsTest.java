package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.typed.Cluster;
import org.driftsim.config.ConfigError;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes in one JVM on Artery's {@code tls-tcp} transport, configured by
 * {@code cluster-conf/examples/node-tls.conf} with throw-away keystores that keytool generates
 * here: they form a cluster, a field query crosses between them, and their port speaks TLS 1.3
 * with mutual authentication only.
 */
class ArteryTlsTest {
  private static final Path EXAMPLE = Path.of("..", "cluster-conf", "examples", "node-tls.conf");
  private static final String PASSWORD = "test-only-" + Long.toHexString(new Random().nextLong());

  @TempDir Path dir;

  /** Runs the JDK's keytool; fails with its output unless it exits with 0 within 30 s. */
  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-J-XX:TieredStopAtLevel=1"); // a short-lived JVM: start quickly
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
      fail("keytool did not finish within 30 s: " + command + "\n" + output);
    }
    assertEquals(0, p.exitValue(), () -> "keytool " + String.join(" ", args) + "\n" + output);
  }

  /**
   * One key for the cluster (keytool, as the example describes) and a trust store holding its
   * certificate (the example's -exportcert / -importcert, done here with the KeyStore API to spare
   * two JVM start-ups).
   */
  private static void createStores(Path keyStore, Path trustStore) throws Exception {
    keytool("-genkeypair", "-alias", "driftsim", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=driftsim-test-cluster", "-keystore", keyStore.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("driftsim", keys.getCertificate("driftsim"));
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD.toCharArray());
    }
  }

  /**
   * The example with its environment variables given (the launcher takes them from the
   * environment), then this test's port, seed, shard count and engine over it.
   */
  private static Config nodeConfig(Config example, int port, int seedPort, String roles) {
    return ConfigFactory.parseString("pekko.remote.artery.canonical.port = " + port + "\n"
            + "pekko.cluster.seed-nodes = [\"pekko://driftsim@127.0.0.1:" + seedPort + "\"]\n"
            + "pekko.cluster.sharding.number-of-shards = 16\n"
            + "driftsim.node.roles = " + roles + "\n"
            + "driftsim.runtime.engine = reference\n")
        .withFallback(example);
  }

  @Test
  void twoNodesFormAClusterOverTlsAndAFieldQueryCrossesIt() throws Exception {
    Path keyStore = dir.resolve("node-keystore.p12");
    Path trustStore = dir.resolve("cluster-truststore.p12");
    createStores(keyStore, trustStore);
    // The launcher resolves ${VAR} from the environment; here a resolver plays the environment.
    Map<String, String> environment = Map.of(
        "DRIFTSIM_TLS_KEY_STORE", keyStore.toString(),
        "DRIFTSIM_TLS_TRUST_STORE", trustStore.toString(),
        "DRIFTSIM_TLS_KEY_STORE_PASSWORD", PASSWORD,
        "DRIFTSIM_TLS_TRUST_STORE_PASSWORD", PASSWORD);
    ConfigResolver variables = new ConfigResolver() {
      @Override
      public ConfigValue lookup(String path) {
        String value = environment.get(path);
        return value == null ? null : ConfigValueFactory.fromAnyRef(value, "test environment");
      }

      @Override
      public ConfigResolver withFallback(ConfigResolver fallback) {
        return this;
      }
    };
    Config example = ConfigFactory.parseFile(EXAMPLE.toFile()).resolve(ConfigResolveOptions
        .defaults().setUseSystemEnvironment(false).appendResolver(variables));
    assertEquals("tls-tcp", example.getString("pekko.remote.artery.transport"));
    assertEquals(keyStore.toString(),
        example.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store"));
    assertEquals(PASSWORD,
        example.getString("pekko.remote.artery.ssl.config-ssl-engine.key-password"));

    if (System.getenv("DRIFTSIM_TLS_KEY_STORE_PASSWORD") == null) {
      // `driftsim node --config node-tls.conf` without the password variables stops at once.
      ConfigError missing = assertThrows(ConfigError.class,
          () -> Settings.of(ConfigFactory.parseFile(EXAMPLE.toFile()), EXAMPLE.toString()));
      assertTrue(missing.getMessage().contains("${DRIFTSIM_TLS_KEY_STORE_PASSWORD}"),
          missing::getMessage);
    }

    int seed = ClusterSimulationTest.freePort();
    Config first = nodeConfig(example, seed, seed, "[coordinator, partitions]");
    Config second = nodeConfig(example, ClusterSimulationTest.freePort(), seed, "[partitions]");
    // As `driftsim node --config FILE` starts a node: settings and Pekko config from one file.
    try (DriftsimNode a = DriftsimNode.start(Settings.of(first, "a"), first);
        DriftsimNode b = DriftsimNode.start(Settings.of(second, "b"), second)) {
      assertEquals("tls-tcp",
          a.system().settings().config().getString("pekko.remote.artery.transport"));
      a.awaitMembers(2, Duration.ofSeconds(20));
      b.awaitMembers(2, Duration.ofSeconds(20));
      a.awaitPartitionHosts(2, Duration.ofSeconds(20));

      // Four bank partitions over the two hosts; the coordinator on a merges their replies.
      Random r = new Random(5);
      Manifold m = new Euclidean(3);
      double[][] queries = gaussian(r, 25, 3);
      List<ReferenceSet> positives = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        positives.add(ReferenceSet.of(Side.POSITIVE, gaussian(r, 30, 3)));
      }
      FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=1)"),
          List.of(1.0));
      JobCoordinator.Outcome out = a.ask(to -> new JobCoordinator.ComputeField("tls", spec, m,
          QueryBatch.of(queries), positives, null,
          new SimulationJob.Runtime(Duration.ofSeconds(10), 2, 1 << 20), to),
          Duration.ofSeconds(20));
      double[][] field = assertInstanceOf(JobCoordinator.FieldComputed.class, out,
          out::toString).field();
      try (FieldEngine<?> direct = Engines.create("reference", 1)) {
        @SuppressWarnings("unchecked")
        double[][] expected = Engines.compute((FieldEngine<Object>) direct, spec, m,
            QueryBatch.of(queries), positives);
        for (int i = 0; i < expected.length; i++) {
          for (int k = 0; k < 3; k++) {
            assertEquals(expected[i][k], field[i][k], 1e-12 * (1 + Math.abs(expected[i][k])),
                "query " + i + " component " + k);
          }
        }
      }
      Map<Address, Integer> hosts = a.partitionsByHost(Duration.ofSeconds(5));
      assertEquals(2, hosts.size(), hosts::toString);
      assertTrue(b.partitionsStarted() > 0 && a.partitionsStarted() > 0,
          "partitions on a: " + a.partitionsStarted() + ", on b: " + b.partitionsStarted());
      Address addressA = Cluster.get(a.system()).selfMember().address();
      Address addressB = Cluster.get(b.system()).selfMember().address();
      assertEquals(new java.util.TreeSet<>(List.of(addressA.toString(), addressB.toString())),
          new java.util.TreeSet<>(hosts.keySet().stream().map(Address::toString).toList()));

      // The port speaks TLS 1.3 and presents the cluster's certificate ...
      try (SSLSocket socket = connect(seed, context(keyStore, trustStore, true))) {
        socket.startHandshake();
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
        assertEquals("CN=driftsim-test-cluster",
            ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
      }
      // ... and, with mutual authentication, drops a client that presents no certificate (in
      // TLS 1.3 the server checks the client's certificate after the client's handshake ends,
      // so the refusal arrives on the first read).
      try (SSLSocket socket = connect(seed, context(keyStore, trustStore, false))) {
        socket.setSoTimeout(5000);
        try {
          socket.startHandshake();
          InputStream in = socket.getInputStream();
          int read = in.read();
          assertEquals(-1, read, "the server sent data to a client without a certificate");
        } catch (SocketTimeoutException e) {
          fail("the server kept a client without a certificate connected for 5 s");
        } catch (SSLException expected) {
          // refused: certificate_required / bad_certificate
        }
      }
    }
  }

  private static double[][] gaussian(Random r, int n, int d) {
    double[][] out = new double[n][d];
    for (double[] row : out) {
      for (int k = 0; k < d; k++) {
        row[k] = r.nextGaussian();
      }
    }
    return out;
  }

  private static SSLContext context(Path keyStore, Path trustStore, boolean withKey)
      throws Exception {
    KeyManager[] keys = null;
    if (withKey) {
      KeyStore ks = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      keys = kmf.getKeyManagers();
    }
    KeyStore ts = KeyStore.getInstance(trustStore.toFile(), PASSWORD.toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys, tmf.getTrustManagers(), null);
    return context;
  }

  private static SSLSocket connect(int port, SSLContext context) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    return socket;
  }
}
