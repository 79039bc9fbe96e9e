package org.driftsim.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The golden files of {@code src/test/resources/golden}: one per manifest ({@code <manifest>.bin}),
 * the golden sample of {@link Samples} encoded with replyTo {@value #REPLY_TO} (a path without
 * uid, so the bytes do not depend on the run). {@link GoldenFilesTest} reads them back.
 *
 * <p>They are written only on request, when a new message kind is added (a changed format gets a
 * new manifest and a new file; existing files are never rewritten):
 * <pre>
 * mvn -B -pl protocol test -Dtest=GoldenFiles -Ddriftsim.golden.write=true
 * </pre>
 */
class GoldenFiles {
  /** The actor system's name and the replyTo path stored in every golden command. */
  static final String SYSTEM = "golden";
  static final String REPLY_TO = "pekko://golden/user/probe";

  /** Writes the ActorRef as its path without uid. */
  static final WireCodec.Refs PATH_ONLY = new WireCodec.Refs() {
    @Override
    public String toWire(ActorRef<?> ref) {
      return ref.path().toString();
    }

    @Override
    public <T> ActorRef<T> fromWire(String serialized) {
      throw new UnsupportedOperationException("golden files are read by the serializer");
    }
  };

  /** A system named "golden" with an actor at /user/probe. */
  static ActorTestKit system() {
    return ActorTestKit.create(SYSTEM);
  }

  static ActorRef<PartitionReply> probe(ActorTestKit testKit) {
    return testKit.spawn(Behaviors.ignore(), "probe");
  }

  static String fileName(WireCodec.Kind kind) {
    return kind.manifest + ".bin";
  }

  static byte[] read(WireCodec.Kind kind) {
    try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + fileName(kind))) {
      if (in == null) {
        throw new IllegalStateException("no golden file " + fileName(kind)
            + "; write it as the class comment of GoldenFiles says");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "driftsim.golden.write", matches = "true")
  void write() throws IOException {
    ActorTestKit testKit = system();
    try {
      ActorRef<PartitionReply> probe = probe(testKit);
      Map<Class<?>, WireMessage> golden = Samples.golden(probe);
      WireCodec codec = new WireCodec(PATH_ONLY);
      Path dir = Path.of("src/test/resources/golden");
      Files.createDirectories(dir);
      for (WireCodec.Kind kind : WireCodec.Kind.values()) {
        Path file = dir.resolve(fileName(kind));
        if (Files.exists(file)) {
          continue; // never rewritten: peers and old releases wrote these bytes
        }
        Files.write(file, codec.encode(golden.get(kind.type)).toByteArray());
        System.out.println("wrote " + file.toAbsolutePath());
      }
    } finally {
      testKit.shutdownTestKit();
    }
  }
}
