package org.driftsim.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  @TempDir
  Path dir;

  private static final int BLUE = Canvas.PALETTE[0].getRGB() & 0xFFFFFF;
  private static final int ORANGE = Canvas.PALETTE[1].getRGB() & 0xFFFFFF;

  @Test
  void writesAValidPngOfTheRequestedSize() throws IOException {
    double[] x = {0, 100, 200, 300};
    Path file = dir.resolve("loss.png");
    LinePlot.create().withSize(500, 300).withTitle("loss").withLabels("step", "loss")
        .withYScale(LinePlot.Scale.LOG)
        .withSeries("train", x, new double[] {1, 0.1, 0.02, 0.011})
        .withSeries("eval", x, new double[] {2, 0.3, Double.NaN, 0})
        .write(file, WriteMode.CREATE_NEW);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(500, image.getWidth());
    assertEquals(300, image.getHeight());
  }

  /** A horizontal line is drawn through the pixels the frame maps it to, in series order. */
  @Test
  void seriesAreDrawnWhereTheFrameMapsThem() {
    LinePlot plot = LinePlot.create().withSize(400, 300)
        .withSeries("", new double[] {0, 10}, new double[] {1, 1})
        .withSeries("", new double[] {0, 10}, new double[] {3, 3});
    Frame f = plot.frame();
    assertEquals(0, f.xMin());
    assertEquals(10, f.xMax());
    assertEquals(0.9, f.yMin(), 1e-12); // range [1, 3] padded by 5%
    assertEquals(3.1, f.yMax(), 1e-12);
    BufferedImage image = plot.render();
    int[] low = f.pixel(5, 1);
    int[] high = f.pixel(7.5, 3);
    assertEquals(BLUE, image.getRGB(low[0], low[1]) & 0xFFFFFF);
    assertEquals(ORANGE, image.getRGB(high[0], high[1]) & 0xFFFFFF);
  }

  /** A log axis spans whole decades and ignores values ≤ 0. */
  @Test
  void logAxisSpansWholeDecades() {
    Frame f = LinePlot.create().withYScale(LinePlot.Scale.LOG)
        .withSeries("", new double[] {1, 2, 3}, new double[] {0.03, -1, 0.5}).frame();
    assertEquals(-2, f.yMin(), 0);
    assertEquals(0, f.yMax(), 0);
  }

  @Test
  void emptyPlotRenders() {
    BufferedImage image = LinePlot.create().withSize(64, 64).render();
    assertEquals(64, image.getWidth());
  }

  @Test
  void mismatchedSeriesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinePlot.create().withSeries("loss", new double[] {1, 2}, new double[] {1}));
    assertEquals("y of series \"loss\" must have 2 values (the length of x), got 1",
        e.getMessage());
  }

  @Test
  void ticksAreNiceNumbers() {
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10},
        Ticks.linear(0, 10, 6), 1e-12);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-0.2, 0, 0.2},
        Ticks.linear(-0.25, 0.3, 3), 1e-12);
    assertEquals("0.25", Ticks.label(0.25, 0.05));
    assertEquals("1000", Ticks.label(1000, 200));
    assertEquals("0.001", Ticks.decadeLabel(-3));
    assertEquals("1e-5", Ticks.decadeLabel(-5));
  }
}
