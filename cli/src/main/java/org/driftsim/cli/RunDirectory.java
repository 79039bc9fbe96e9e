package org.driftsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.driftsim.geometry.io.PointCsv;

/**
 * A run directory: the resolved config, {@code metrics.jsonl}, {@code particles/*.csv} and
 * {@code plots/*.png}. Files are written by one background thread (the coordinator hands work
 * over and never waits); every file but the appended metrics is written atomically, and a
 * directory that already holds files is never reused.
 */
final class RunDirectory implements AutoCloseable {
  private final Path root;
  private final ExecutorService writer;
  private final Writer metrics;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private final List<String> keptMetrics;

  private RunDirectory(Path root, List<String> subdirectories, List<String> keptMetrics)
      throws IOException {
    this.root = root;
    this.keptMetrics = List.copyOf(keptMetrics);
    for (String d : subdirectories) {
      Files.createDirectories(root.resolve(d));
    }
    this.metrics = keptMetrics.isEmpty() && Files.notExists(root.resolve("metrics.jsonl"))
        ? Files.newBufferedWriter(root.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
        : Files.newBufferedWriter(root.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "driftsim-run-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Creates a new run directory.
   *
   * @throws IllegalArgumentException if {@code root} exists and is not an empty directory
   */
  static RunDirectory create(Path root) {
    return create(root, List.of("particles", "plots"));
  }

  /**
   * Creates a new run directory with these subdirectories.
   *
   * @throws IllegalArgumentException if {@code root} exists and is not an empty directory
   */
  static RunDirectory create(Path root, List<String> subdirectories) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new IllegalArgumentException("--run-dir " + root + " is a file; expected a new"
          + " directory (a run directory is never reused)");
    }
    if (Files.exists(root)) {
      boolean empty;
      try (var entries = Files.list(root)) {
        empty = Files.isDirectory(root) && entries.findAny().isEmpty();
      } catch (IOException e) {
        throw new IllegalArgumentException("--run-dir " + root + " cannot be read: " + e);
      }
      if (!empty) {
        throw new IllegalArgumentException("--run-dir " + root + " already exists and is not an"
            + " empty directory; expected a new directory (a run directory is never reused)");
      }
    }
    try {
      return new RunDirectory(root, subdirectories, List.of());
    } catch (IOException e) {
      throw new IllegalArgumentException("--run-dir " + root + " cannot be created: " + e);
    }
  }

  /**
   * Reopens a run directory to continue a job from the checkpoint of {@code step}: the lines of
   * {@code metrics.jsonl} up to that step are kept (the later ones, and a final line, belong to
   * steps that will run again); the file as it was is first copied to
   * {@code metrics.jsonl.before-resume-<step>} (nothing is lost), then rewritten atomically.
   *
   * @throws IllegalArgumentException if {@code root} is not a directory
   */
  static RunDirectory resume(Path root, List<String> subdirectories, long step) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("--resume " + root + " is not a directory");
    }
    Path file = root.resolve("metrics.jsonl");
    List<String> kept = new java.util.ArrayList<>();
    try {
      if (Files.exists(file)) {
        java.util.regex.Pattern stepKey = java.util.regex.Pattern.compile("\"step\": (\\d+)");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          java.util.regex.Matcher m = stepKey.matcher(line);
          // A line cut by a kill has no closing brace: it is dropped with the later ones.
          if (m.find() && Long.parseLong(m.group(1)) <= step && line.endsWith("}")
              && !line.contains("\"final\": true")) {
            kept.add(line);
          }
        }
        Path backup = root.resolve("metrics.jsonl.before-resume-" + step);
        for (int i = 2; Files.exists(backup); i++) {
          backup = root.resolve("metrics.jsonl.before-resume-" + step + "-" + i);
        }
        Files.copy(file, backup);
        Path tmp = root.resolve(".metrics.jsonl.tmp");
        Files.deleteIfExists(tmp);
        Files.write(tmp, kept, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return new RunDirectory(root, subdirectories, kept);
    } catch (IOException e) {
      throw new IllegalArgumentException("--resume " + root + ": " + file
          + " cannot be rewritten: " + e);
    }
  }

  /** The metrics lines a resumed run kept (empty for a new run). */
  List<String> keptMetrics() {
    return keptMetrics;
  }

  /** runs/<config file name>-<yyyyMMdd-HHmmss>, with -2, -3, … if taken. */
  static Path defaultFor(Path config) {
    String name = config.getFileName().toString().replaceFirst("\\.conf$", "");
    Path base = Path.of("runs", name + "-" + java.time.LocalDateTime.now().format(
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path dir = base;
    for (int i = 2; Files.exists(dir); i++) {
      dir = Path.of(base + "-" + i);
    }
    return dir;
  }

  Path root() {
    return root;
  }

  /** Runs file work on the writer thread; the first failure is kept and rethrown at close. */
  void submit(String what, ThrowingRunnable task) {
    writer.execute(() -> {
      try {
        task.run();
      } catch (Exception | Error e) {
        failure.compareAndSet(null, new IllegalStateException("writing " + what + " in " + root
            + " failed: " + e, e));
      }
    });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Writes a text file atomically. */
  void writeText(String name, String text) {
    Path target = root.resolve(name);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Queues a particle snapshot {@code particles/NAME.csv}. */
  void particles(String name, double[][] points) {
    csv("particles/" + name + ".csv", points);
  }

  /** Queues a point file at {@code relative} (e.g. {@code samples/final.csv}). */
  void csv(String relative, double[][] points) {
    submit(relative, () -> PointCsv.writeAtomically(root.resolve(relative), points));
  }

  /** Queues one {@code metrics.jsonl} line from ordered fields (numbers, strings, booleans). */
  void metrics(Map<String, Object> fields) {
    String line = json(fields);
    submit("metrics.jsonl", () -> {
      metrics.write(line);
      metrics.write('\n');
      metrics.flush();
    });
  }

  static String json(Map<String, Object> fields) {
    StringBuilder b = new StringBuilder("{");
    for (var e : fields.entrySet()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append('"').append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof Double d) {
        b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.9g", d) : "null");
      } else if (v instanceof Number || v instanceof Boolean) {
        b.append(v);
      } else {
        b.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return b.append('}').toString();
  }

  /** Waits for queued writes and closes; rethrows the first write failure. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("run directory writes did not finish in 10 minutes");
      }
      metrics.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finishing " + root, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + root.resolve("metrics.jsonl"), e);
    }
    Throwable f = failure.get();
    if (f != null) {
      throw (RuntimeException) f;
    }
  }
}
