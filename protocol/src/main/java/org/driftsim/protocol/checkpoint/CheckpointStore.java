package org.driftsim.protocol.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoints of one job in one directory: {@code checkpoint-<step>.ckpt} files (see
 * {@link CheckpointCodec}) and a manifest, {@value #MANIFEST}.
 *
 * <p>{@link #write} writes the new file under a temporary name in the same directory, forces it
 * to disk, renames it atomically, forces the directory (where the platform allows), then writes
 * the manifest the same way; only after both are durable does it delete the checkpoints beyond
 * the newest {@code keep}. A failure at any point leaves the previous checkpoints and manifest
 * as they were (a new checkpoint whose manifest could not be written is deleted again). An existing step is never overwritten.
 *
 * <p>The manifest is text, one checkpoint a line, oldest first:
 * <pre>
 * driftsim-checkpoint-manifest 1
 * &lt;step&gt; &lt;file&gt; &lt;bytes&gt; &lt;crc32 of the whole file, 8 hex digits&gt; &lt;crc32 of the config&gt;
 * </pre>
 *
 * <p>{@link #readLatestValid} tries the checkpoints newest first (those of the manifest and any
 * {@code checkpoint-*.ckpt} file it does not list) and returns the newest that passes the
 * manifest's length and checksum and the codec's checks, with the problems of the newer ones.
 */
public final class CheckpointStore {
  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.txt";
  static final String MANIFEST_HEADER = "driftsim-checkpoint-manifest 1";
  private static final Pattern FILE_NAME = Pattern.compile("checkpoint-(\\d{1,19})\\.ckpt");

  /**
   * The file operations a store uses to write, so that tests can make one fail. Reads go
   * through {@link Files} directly.
   */
  public interface FileOps {
    /** Creates or truncates {@code file}, writes {@code bytes}, forces them to the device. */
    void writeAndForce(Path file, byte[] bytes) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists. */
    void moveAtomically(Path from, Path to) throws IOException;

    /** Forces the directory's entries to the device where the platform supports it. */
    void forceDirectory(Path dir) throws IOException;

    /** Deletes {@code file} if it exists. */
    void deleteIfExists(Path file) throws IOException;

    /** The real file system. */
    static FileOps system() {
      return SystemFileOps.INSTANCE;
    }
  }

  /** One line of the manifest. */
  public record Entry(long step, String file, long bytes, long crc32, long configCrc32) {}

  /**
   * The checkpoint read, the file it came from, and what was wrong with newer ones.
   *
   * @param problems e.g. {@code "checkpoint-120.ckpt: checksum mismatch (...)"}, newest first
   */
  public record Loaded(Checkpoint checkpoint, Path file, List<String> problems) {
    public Loaded {
      problems = List.copyOf(problems);
    }

    /** E.g. {@code "checkpoint-120.ckpt: checksum mismatch (...); using checkpoint-100.ckpt"}. */
    public String report() {
      List<String> parts = new ArrayList<>(problems);
      parts.add("using " + file.getFileName());
      return String.join("; ", parts);
    }
  }

  private final Path dir;
  private final int keep;
  private final CheckpointCodec codec;
  private final FileOps ops;

  /** A store on {@code dir} (created if missing) that keeps the newest {@code keep}. */
  public CheckpointStore(Path dir, int keep) {
    this(dir, keep, new CheckpointCodec(), FileOps.system());
  }

  /**
   * @param keep how many checkpoints to keep, ≥ 1
   * @throws IllegalArgumentException {@code "keep must be >= 1, got 0"}
   */
  public CheckpointStore(Path dir, int keep, CheckpointCodec codec, FileOps ops) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
    this.codec = codec;
    this.ops = ops;
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** The file name of the checkpoint of {@code step}. */
  public static String fileName(long step) {
    return "checkpoint-" + step + ".ckpt";
  }

  /**
   * Writes {@code checkpoint} durably, records it in the manifest, then deletes the checkpoints
   * beyond the newest {@code keep}.
   *
   * @return the new file
   * @throws IllegalStateException when a checkpoint of the same step exists (never overwritten)
   * @throws UncheckedIOException when writing fails; the previous checkpoints and the manifest
   *     are then unchanged
   */
  public synchronized Path write(Checkpoint checkpoint) {
    try {
      Files.createDirectories(dir);
      String name = fileName(checkpoint.step());
      Path target = dir.resolve(name);
      List<Entry> entries = new ArrayList<>(readManifestOrEmpty());
      if (Files.exists(target) || entries.stream().anyMatch(e -> e.step() == checkpoint.step())) {
        throw new IllegalStateException("checkpoint " + target + " already exists; refusing to "
            + "overwrite step " + checkpoint.step());
      }
      byte[] bytes = codec.encode(checkpoint);
      writeAtomically(target, bytes);

      entries.add(new Entry(checkpoint.step(), name, bytes.length, CheckpointCodec.crc32(bytes),
          CheckpointCodec.crc32(checkpoint.config().getBytes(StandardCharsets.UTF_8))));
      entries.sort(Comparator.comparingLong(Entry::step));
      List<Entry> kept = entries.subList(Math.max(0, entries.size() - keep), entries.size());
      try {
        writeAtomically(dir.resolve(MANIFEST), manifestBytes(kept));
      } catch (IOException | RuntimeException e) {
        // Roll back: the directory is left as it was, the previous manifest still the truth.
        try {
          ops.deleteIfExists(target);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }

      // Only now, with the new checkpoint and the manifest durable, drop the old ones.
      TreeSet<Long> keptSteps = new TreeSet<>();
      kept.forEach(e -> keptSteps.add(e.step()));
      for (Path file : checkpointFiles().values()) {
        long step = stepOf(file.getFileName().toString());
        if (!keptSteps.contains(step) && step < keptSteps.first()) {
          ops.deleteIfExists(file);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + checkpoint.step() + " to " + dir
          + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The newest checkpoint that passes every check, with the problems of the newer ones.
   *
   * @return empty when the directory holds no checkpoint at all
   * @throws CheckpointFormatException when there are checkpoints but none is valid; the message
   *     lists each one's problem
   */
  public synchronized Optional<Loaded> readLatestValid() {
    List<String> problems = new ArrayList<>();
    TreeMap<Long, Entry> manifest = new TreeMap<>();
    try {
      for (Entry e : readManifestOrEmpty()) {
        manifest.put(e.step(), e);
      }
    } catch (CheckpointFormatException e) {
      problems.add(e.getMessage() + "; checking the files by their headers alone");
    } catch (IOException e) {
      problems.add(MANIFEST + ": cannot be read (" + e.getMessage() + ")");
    }
    TreeMap<Long, Path> files;
    try {
      files = checkpointFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("listing checkpoints in " + dir + " failed", e);
    }
    TreeSet<Long> steps = new TreeSet<>(Comparator.reverseOrder());
    steps.addAll(manifest.keySet());
    steps.addAll(files.keySet());
    if (steps.isEmpty()) {
      return Optional.empty();
    }
    for (long step : steps) {
      Entry entry = manifest.get(step);
      String name = entry != null ? entry.file() : fileName(step);
      Path file = dir.resolve(name);
      try {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
          problems.add(name + ": missing (listed in " + MANIFEST + ")");
          continue;
        }
        if (entry != null && bytes.length != entry.bytes()) {
          problems.add(name + ": " + (bytes.length < entry.bytes() ? "truncated" : "wrong length")
              + " (expected " + entry.bytes() + " bytes as in " + MANIFEST + ", found "
              + bytes.length + ")");
          continue;
        }
        if (entry != null && CheckpointCodec.crc32(bytes) != entry.crc32()) {
          problems.add(name + ": checksum mismatch (expected CRC32 "
              + String.format("%08x", entry.crc32()) + " as in " + MANIFEST + ", found "
              + String.format("%08x", CheckpointCodec.crc32(bytes)) + ")");
          continue;
        }
        Checkpoint checkpoint = codec.decode(bytes, file.toString());
        if (checkpoint.step() != step) {
          problems.add(name + ": wrong step (expected " + step + ", found "
              + checkpoint.step() + ")");
          continue;
        }
        return Optional.of(new Loaded(checkpoint, file, problems));
      } catch (CheckpointFormatException e) {
        problems.add(e.getMessage()); // names the file already
      } catch (IOException e) {
        problems.add(name + ": cannot be read (" + e.getMessage() + ")");
      }
    }
    throw new CheckpointFormatException("no valid checkpoint in " + dir + ": "
        + String.join("; ", problems));
  }

  /**
   * Before a job resumes from the checkpoint of {@code step}: every newer checkpoint file (those
   * {@link #readLatestValid} passed over as damaged) is renamed to
   * {@code <name>.damaged} (kept for inspection, never deleted) and dropped from the manifest, so
   * that the resumed job can write those steps again.
   *
   * @return the files set aside, as renamed
   */
  public synchronized List<Path> setAsideAfter(long step) {
    try {
      List<Path> moved = new ArrayList<>();
      for (var e : checkpointFiles().entrySet()) {
        if (e.getKey() > step) {
          Path file = e.getValue();
          Path aside = file.resolveSibling(file.getFileName() + ".damaged");
          for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + ".damaged-" + i);
          }
          ops.moveAtomically(file, aside);
          moved.add(aside);
        }
      }
      List<Entry> entries;
      try {
        entries = new ArrayList<>(readManifestOrEmpty());
      } catch (CheckpointFormatException e) {
        entries = new ArrayList<>(); // a damaged manifest is rebuilt from the valid file
      }
      entries.removeIf(e -> e.step() > step);
      if (entries.stream().noneMatch(e -> e.step() == step)) {
        Path file = dir.resolve(fileName(step));
        byte[] bytes = Files.readAllBytes(file);
        Checkpoint c = codec.decode(bytes, file.toString());
        entries.add(new Entry(step, file.getFileName().toString(), bytes.length,
            CheckpointCodec.crc32(bytes),
            CheckpointCodec.crc32(c.config().getBytes(StandardCharsets.UTF_8))));
        entries.sort(Comparator.comparingLong(Entry::step));
      }
      writeAtomically(dir.resolve(MANIFEST), manifestBytes(entries));
      return moved;
    } catch (IOException e) {
      throw new UncheckedIOException("setting aside the checkpoints after step " + step + " in "
          + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** The manifest's entries, oldest first; empty when there is no manifest yet. */
  public synchronized List<Entry> manifest() {
    try {
      return readManifestOrEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Entry> readManifestOrEmpty() throws IOException {
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String where = file + ": ";
    if (lines.isEmpty() || !lines.get(0).equals(MANIFEST_HEADER)) {
      throw new CheckpointFormatException(where + "line 1: expected \"" + MANIFEST_HEADER
          + "\", found \"" + (lines.isEmpty() ? "" : lines.get(0)) + "\"");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(" +");
      if (f.length != 5) {
        throw new CheckpointFormatException(where + "line " + (i + 1) + ": expected 5 fields, "
            + "found " + f.length);
      }
      try {
        long step = Long.parseLong(f[0]);
        if (!f[1].equals(fileName(step))) {
          throw new CheckpointFormatException(where + "line " + (i + 1) + ": expected file "
              + fileName(step) + ", found " + f[1]);
        }
        entries.add(new Entry(step, f[1], Long.parseLong(f[2]), Long.parseLong(f[3], 16),
            Long.parseLong(f[4], 16)));
      } catch (NumberFormatException e) {
        throw new CheckpointFormatException(where + "line " + (i + 1) + ": expected numbers, "
            + "found \"" + line + "\"");
      }
    }
    return entries;
  }

  private static byte[] manifestBytes(List<Entry> entries) {
    StringBuilder s = new StringBuilder(MANIFEST_HEADER).append('\n');
    for (Entry e : entries) {
      s.append(e.step()).append(' ').append(e.file()).append(' ').append(e.bytes()).append(' ')
          .append(String.format("%08x", e.crc32())).append(' ')
          .append(String.format("%08x", e.configCrc32())).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      ops.writeAndForce(tmp, bytes);
      ops.moveAtomically(tmp, target);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    ops.forceDirectory(dir);
  }

  private TreeMap<Long, Path> checkpointFiles() throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "checkpoint-*.ckpt")) {
      for (Path p : stream) {
        long step = stepOf(p.getFileName().toString());
        if (step >= 0) {
          files.put(step, p);
        }
      }
    }
    return files;
  }

  private static long stepOf(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      return -1;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private enum SystemFileOps implements FileOps {
    INSTANCE;

    @Override
    public void writeAndForce(Path file, byte[] bytes) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
      // Linux and macOS let a directory be opened for reading and forced; Windows does not.
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
          return;
        }
        throw e;
      }
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
      Files.deleteIfExists(file);
    }
  }
}
