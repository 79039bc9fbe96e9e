package org.driftsim.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.driftsim.geometry.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParticlePlotTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path dir;

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static final int PARTICLE = ParticlePlot.PARTICLES.getRGB() & 0xFFFFFF;
  private static final int TARGET = ParticlePlot.TARGET.getRGB() & 0xFFFFFF;
  private static final int WHITE = 0xFFFFFF;

  @Test
  void testsRunHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "surefire must set java.awt.headless=true");
  }

  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"EUCLIDEAN", "SPHERE", "HYPERBOLOID"})
  void writesAValidPngOfTheRequestedSize(Geometry g) throws IOException {
    double[][] points = g == Geometry.EUCLIDEAN ? new double[][] {{0, 0}, {1, 2}}
        : g == Geometry.SPHERE ? new double[][] {{0, 0, 1}, {1, 0, 0}}
        : new double[][] {{1, 0, 0}, {Math.cosh(1), Math.sinh(1), 0}};
    Path file = dir.resolve("particles-" + g.cliName() + ".png");
    ParticlePlot.of(g).withSize(320, 240).withTitle("step 200").withTarget(points)
        .write(file, points, WriteMode.CREATE_NEW);
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(320, image.getWidth());
    assertEquals(240, image.getHeight());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  /** With no title, the chart origin is the image centre on the disk plots. */
  @ParameterizedTest
  @EnumSource(value = Geometry.class, names = {"SPHERE", "HYPERBOLOID"})
  void aPointAtTheChartOriginColoursTheCentre(Geometry g) {
    double[] origin = g == Geometry.SPHERE ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
    ParticlePlot plot = ParticlePlot.of(g).withSize(200, 200);
    BufferedImage empty = plot.render(new double[0][]);
    BufferedImage image = plot.render(new double[][] {origin});
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        assertEquals(WHITE, rgb(empty, 100 + dx, 100 + dy));
        assertEquals(PARTICLE, rgb(image, 100 + dx, 100 + dy), "offset " + dx + "," + dy);
      }
    }
    assertEquals(WHITE, rgb(image, 100, 103));
    // The target set is drawn under the particles, in its own colour.
    BufferedImage both = plot.withTarget(new double[][] {origin})
        .render(new double[][] {g == Geometry.SPHERE ? new double[] {1, 0, 0}
            : new double[] {Math.cosh(1), Math.sinh(1), 0}});
    assertEquals(TARGET, rgb(both, 100, 100));
  }

  /**
   * 200×200 disk plots: the plot area is the 180-pixel square at (10, 10) and covers
   * [−1.025 R, 1.025 R]² with R = 2 (S²) or 1 (H²).
   */
  @Test
  void pointsLandOnTheExpectedPixels() {
    ParticlePlot sphere = ParticlePlot.of(Geometry.SPHERE).withSize(200, 200);
    Frame fs = sphere.frame(new double[0][]);
    // Equator point (1,0,0) → (√2, 0): column 10 + (√2 + 2.05)/4.1·180 = 162.09.
    assertArrayEquals(new int[] {162, 100}, sphere.pixel(fs, new double[] {1, 0, 0}));
    // South pole → (0, −2): row 10 + (2.05 + 2)/4.1·180 = 187.80.
    assertArrayEquals(new int[] {100, 187}, sphere.pixel(fs, new double[] {0, 0, -1}));
    BufferedImage image = sphere.render(new double[][] {{1, 0, 0}, {0, 0, -1}});
    assertEquals(PARTICLE, rgb(image, 162, 100));
    assertEquals(PARTICLE, rgb(image, 100, 187));

    ParticlePlot hyper = ParticlePlot.of(Geometry.HYPERBOLOID).withSize(200, 200);
    Frame fh = hyper.frame(new double[0][]);
    // Distance d = 2·atanh(0.5) along x₂ → Poincaré (0, 0.5): row 10 + (1.025 − 0.5)/2.05·180.
    double d = 2 * 0.5 * Math.log(3); // 2·atanh(1/2) = ln 3
    double[] p = {Math.cosh(d), 0, Math.sinh(d)};
    assertArrayEquals(new int[] {100, 56}, hyper.pixel(fh, p));
    assertEquals(PARTICLE, rgb(hyper.render(new double[][] {p}), 100, 56));

    // R² with bounds [−4,4]²: area at (60, 12), 124×158 pixels; (2, −2) → (153, 130.5).
    ParticlePlot plane = ParticlePlot.of(Geometry.EUCLIDEAN).withSize(200, 200)
        .withBounds(new ParticlePlot.Bounds(-4, 4, -4, 4));
    Frame fe = plane.frame(new double[0][]);
    assertArrayEquals(new int[] {153, 130}, plane.pixel(fe, new double[] {2, -2}));
    assertEquals(PARTICLE, rgb(plane.render(new double[][] {{2, -2}}), 153, 130));
  }

  /** Bounds from the data: padded by 5% and widened so both axes have the same scale. */
  @Test
  void euclideanBoundsComeFromTheDataWithEqualScales() {
    ParticlePlot plot = ParticlePlot.of(Geometry.EUCLIDEAN).withSize(400, 300);
    double[][] points = {{-2, -1}, {2, 1}, {0, 0.5}};
    Frame f = plot.frame(points);
    assertEquals((f.xMax() - f.xMin()) / f.width(), (f.yMax() - f.yMin()) / f.height(), 1e-12);
    assertTrue(f.xMin() <= -2.2 + 1e-12 && f.xMax() >= 2.2 - 1e-12);
    assertTrue(f.yMin() <= -1.1 + 1e-12 && f.yMax() >= 1.1 - 1e-12);
    BufferedImage image = plot.render(points);
    for (double[] p : points) {
      int[] px = plot.pixel(f, p);
      assertEquals(PARTICLE, rgb(image, px[0], px[1]), Arrays.toString(p));
    }
  }

  @Test
  void nonFinitePointsAreSkippedAndCounted() {
    BufferedImage image = ParticlePlot.of(Geometry.SPHERE).withSize(200, 200)
        .render(new double[][] {{0, 0, 1}, {Double.NaN, 0, 1}});
    // The note moves the disk down by the title band; the title row is no longer blank.
    boolean inked = false;
    for (int x = 0; x < 200; x++) {
      for (int y = 0; y < Canvas.TITLE_BAND; y++) {
        inked |= rgb(image, x, y) != WHITE;
      }
    }
    assertTrue(inked, "the title band shows the count of points not drawn");
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParticlePlot.of(Geometry.SPHERE).render(new double[][] {{0, 0, 1}, {0, 1}}));
    assertEquals("particles[1] must have 3 coordinates for sphere, got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParticlePlot.of(Geometry.HYPERBOLOID).withEquator());
    assertEquals("the equator option must be used with geometry sphere, got hyperboloid",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParticlePlot.of(Geometry.SIMPLEX));
    assertEquals("geometry must be one of euclidean, sphere, hyperboloid, got simplex",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParticlePlot.of(Geometry.SPHERE).withSize(10, 200));
    assertEquals("plot width must be in [64, 16384], got 10", e.getMessage());
  }
}
