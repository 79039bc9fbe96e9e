package org.driftsim.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
  @TempDir
  Path dir;

  private List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void createNewNeverOverwrites() throws IOException {
    Path file = dir.resolve("plot.png");
    Files.writeString(file, "precious");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> PngFiles.write(file, Canvas.blank(64, 64), WriteMode.CREATE_NEW));
    assertEquals("cannot write " + file + ": file exists (pass WriteMode.REPLACE to overwrite it)",
        e.getMessage());
    assertEquals("precious", Files.readString(file));
    assertEquals(List.of("plot.png"), names());
  }

  @Test
  void replaceOverwritesWhole() throws IOException {
    Path file = dir.resolve("plot.png");
    Files.writeString(file, "old");
    PngFiles.write(file, Canvas.blank(80, 70), WriteMode.REPLACE);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(80, image.getWidth());
    assertEquals(70, image.getHeight());
    assertEquals(List.of("plot.png"), names());
  }

  @Test
  void aFailedWriteLeavesNothing() throws IOException {
    Path file = dir.resolve("missing-dir").resolve("plot.png");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> PngFiles.write(file, Canvas.blank(64, 64), WriteMode.REPLACE));
    assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
    assertEquals(List.of(), names());
  }

  @Test
  void encodedBytesAreAPng() throws IOException {
    byte[] png = PngFiles.encode(Canvas.blank(64, 64));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    Path file = dir.resolve("a.png");
    PngFiles.write(file, Canvas.blank(64, 64), WriteMode.CREATE_NEW);
    assertArrayEquals(png, Files.readAllBytes(file));
    assertFalse(names().stream().anyMatch(n -> n.endsWith(".tmp")));
  }
}
