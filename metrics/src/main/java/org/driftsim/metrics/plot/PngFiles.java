package org.driftsim.metrics.plot;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes PNG files atomically: the image is encoded in memory, written to a hidden temporary file
 * in the target's directory ({@code .NAME.RANDOM.tmp}), forced to disk, then moved into place.
 * On any failure the temporary file is removed and the target is untouched.
 *
 * <ul>
 *   <li>{@link WriteMode#REPLACE}: an atomic rename over the target (a plain move where the file
 *       system has no atomic move).
 *   <li>{@link WriteMode#CREATE_NEW}: the temporary file is hard-linked to the target name, which
 *       fails if the name exists, so even a racing writer is never overwritten; where the file
 *       system has no hard links, a move that refuses an existing target.
 * </ul>
 */
public final class PngFiles {
  private PngFiles() {}

  /**
   * Writes an image as a PNG file.
   *
   * @throws UncheckedIOException if the file cannot be written, or exists and the mode is
   *     {@link WriteMode#CREATE_NEW} (message {@code "cannot write F: file exists (…)"})
   */
  public static void write(Path target, RenderedImage image, WriteMode mode) {
    byte[] png = encode(image);
    Path absolute = target.toAbsolutePath();
    if (mode == WriteMode.CREATE_NEW && Files.exists(absolute)) {
      throw exists(target, null);
    }
    Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      // Not Files.createTempFile: its files are private (0600), and the rename would keep that.
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        out.write(png);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      if (mode == WriteMode.REPLACE) {
        try {
          Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        boolean linked;
        try {
          Files.createLink(absolute, tmp);
          linked = true;
        } catch (FileAlreadyExistsException e) {
          throw e;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
          linked = false;
        }
        if (linked) {
          try {
            Files.delete(tmp);
          } catch (IOException ignored) {
            // The image is in place; a leftover hidden temporary file does less harm than
            // reporting a failed write.
          }
        } else {
          Files.move(tmp, absolute); // refuses an existing target
        }
      }
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(tmp, e);
      throw exists(target, e);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + target + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Encodes an image as PNG bytes, in memory (no ImageIO disk cache). */
  static byte[] encode(RenderedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static UncheckedIOException exists(Path target, FileAlreadyExistsException cause) {
    FileAlreadyExistsException e = cause != null ? cause
        : new FileAlreadyExistsException(target.toString());
    return new UncheckedIOException("cannot write " + target
        + ": file exists (pass WriteMode.REPLACE to overwrite it)", e);
  }

  private static void deleteQuietly(Path tmp, Exception failure) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }
}
