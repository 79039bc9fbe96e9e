package org.driftsim.metrics.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.driftsim.geometry.Checks;

/**
 * A PNG line plot of x/y series with ticked axes, for loss and metric curves. Each series gets
 * the next colour of the palette (blue, orange, green, red, purple, brown) and, if it has a name,
 * a legend entry. A non-finite point (or, on a log axis, a value ≤ 0) breaks its line.
 *
 * <p>Instances are immutable; the {@code with…} methods return modified copies.
 *
 * <pre>{@code
 * LinePlot.create().withTitle("training loss").withLabels("step", "loss")
 *     .withYScale(LinePlot.Scale.LOG).withSeries("loss", steps, losses)
 *     .write(runDir.resolve("loss.png"), WriteMode.REPLACE);
 * }</pre>
 */
public final class LinePlot {
  /** Default image size in pixels. */
  public static final int DEFAULT_WIDTH = 800;
  /** Default image size in pixels. */
  public static final int DEFAULT_HEIGHT = 480;
  /** Margins: left (tick labels and y label), right, top, bottom (tick labels and x label). */
  static final int[] MARGINS = {84, 20, 12, 50};

  /** How the y axis maps values. */
  public enum Scale {
    LINEAR,
    /** Base-10 logarithmic; ticks at powers of ten, values ≤ 0 are not drawn. */
    LOG
  }

  private record Series(String name, double[] x, double[] y) {}

  private final int width;
  private final int height;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Scale yScale;
  private final List<Series> series;

  private LinePlot(int width, int height, String title, String xLabel, String yLabel,
      Scale yScale, List<Series> series) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.yScale = yScale;
    this.series = List.copyOf(series);
  }

  /** An empty {@value #DEFAULT_WIDTH}×{@value #DEFAULT_HEIGHT} plot with a linear y axis. */
  public static LinePlot create() {
    return new LinePlot(DEFAULT_WIDTH, DEFAULT_HEIGHT, "", "", "", Scale.LINEAR, List.of());
  }

  /** The image size in pixels (each at least 64). */
  public LinePlot withSize(int width, int height) {
    Checks.inRange("plot width", width, 64, 16_384);
    Checks.inRange("plot height", height, 64, 16_384);
    return new LinePlot(width, height, title, xLabel, yLabel, yScale, series);
  }

  /** A title line above the plot. */
  public LinePlot withTitle(String title) {
    return new LinePlot(width, height, strip(title), xLabel, yLabel, yScale, series);
  }

  /** Axis labels (empty for none). */
  public LinePlot withLabels(String xLabel, String yLabel) {
    return new LinePlot(width, height, title, strip(xLabel), strip(yLabel), yScale, series);
  }

  /** The y axis scale. */
  public LinePlot withYScale(Scale scale) {
    return new LinePlot(width, height, title, xLabel, yLabel, Objects.requireNonNull(scale, "scale"),
        series);
  }

  /**
   * Adds a series (copied).
   *
   * @param name legend entry; empty for none
   * @param x x values
   * @param y y values, as many as x
   */
  public LinePlot withSeries(String name, double[] x, double[] y) {
    String n = strip(name);
    if (x.length != y.length) {
      throw new IllegalArgumentException("y of series \"" + n + "\" must have " + x.length
          + " values (the length of x), got " + y.length);
    }
    List<Series> more = new ArrayList<>(series);
    more.add(new Series(n, x.clone(), y.clone()));
    return new LinePlot(width, height, title, xLabel, yLabel, yScale, more);
  }

  /** Draws the plot. */
  public BufferedImage render() {
    Frame f = frame();
    BufferedImage image = Canvas.blank(width, height);
    Graphics2D g = Canvas.graphics(image);
    try {
      Canvas.title(g, title, width);
      double[] xt = Ticks.linear(f.xMin(), f.xMax(), 8);
      double[] yt;
      String[] yl;
      if (yScale == Scale.LOG) {
        int[] decades = Ticks.decades(Math.pow(10, f.yMin()), Math.pow(10, f.yMax()));
        yt = new double[decades.length];
        yl = new String[decades.length];
        for (int i = 0; i < decades.length; i++) {
          yt[i] = decades[i];
          yl[i] = Ticks.decadeLabel(decades[i]);
        }
      } else {
        yt = Ticks.linear(f.yMin(), f.yMax(), 6);
        yl = Canvas.labels(yt);
      }
      Canvas.axes(g, f, xt, Canvas.labels(xt), yt, yl);
      Canvas.axisLabels(g, f, xLabel, yLabel, height);
      g.setClip(f.left(), f.top(), f.width() + 1, f.height() + 1);
      g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      for (int s = 0; s < series.size(); s++) {
        g.setColor(color(s));
        g.draw(path(f, series.get(s)));
      }
      g.setClip(null);
      legend(g, f);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Renders and writes a PNG file atomically ({@link PngFiles}). */
  public void write(Path file, WriteMode mode) {
    PngFiles.write(file, render(), mode);
  }

  /** The world-to-pixel map; on a log axis world y is log10 of the value. */
  Frame frame() {
    int band = title.isEmpty() ? 0 : Canvas.TITLE_BAND;
    int left = MARGINS[0];
    int top = band + MARGINS[2];
    int w = Math.max(1, width - MARGINS[0] - MARGINS[1]);
    int h = Math.max(1, height - top - MARGINS[3]);
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        double y = worldY(s.y()[i]);
        if (Double.isFinite(s.x()[i]) && Double.isFinite(y)) {
          xMin = Math.min(xMin, s.x()[i]);
          xMax = Math.max(xMax, s.x()[i]);
          yMin = Math.min(yMin, y);
          yMax = Math.max(yMax, y);
        }
      }
    }
    if (xMin > xMax) { // nothing to draw: a unit box (one decade on a log axis)
      return new Frame(0, 1, 0, 1, left, top, w, h);
    }
    if (xMin == xMax) {
      xMin -= 0.5;
      xMax += 0.5;
    }
    if (yScale == Scale.LOG) {
      // Whole decades, so that at least two ticks are visible.
      double lo = Math.floor(yMin);
      double hi = Math.ceil(yMax);
      return new Frame(xMin, xMax, lo, hi > lo ? hi : lo + 1, left, top, w, h);
    }
    double pad = yMax > yMin ? 0.05 * (yMax - yMin) : Math.max(0.5, 0.1 * Math.abs(yMin));
    return new Frame(xMin, xMax, yMin - pad, yMax + pad, left, top, w, h);
  }

  private double worldY(double y) {
    if (yScale == Scale.LOG) {
      return y > 0 ? Math.log10(y) : Double.NaN;
    }
    return y;
  }

  private Path2D path(Frame f, Series s) {
    Path2D.Double p = new Path2D.Double();
    boolean pen = false; // whether the last point was drawable
    for (int i = 0; i < s.x().length; i++) {
      double y = worldY(s.y()[i]);
      if (!Double.isFinite(s.x()[i]) || !Double.isFinite(y)) {
        pen = false; // a gap in the line
        continue;
      }
      double px = f.pixelX(s.x()[i]);
      double py = f.pixelY(y);
      if (pen) {
        p.lineTo(px, py);
      } else {
        p.moveTo(px, py);
        p.lineTo(px, py); // a lone point still shows as a round dot
      }
      pen = true;
    }
    return p;
  }

  private void legend(Graphics2D g, Frame f) {
    List<Integer> named = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      if (!series.get(s).name().isEmpty()) {
        named.add(s);
      }
    }
    if (named.isEmpty()) {
      return;
    }
    FontMetrics fm = g.getFontMetrics();
    int lineHeight = fm.getHeight();
    int textWidth = 0;
    for (int s : named) {
      textWidth = Math.max(textWidth, fm.stringWidth(series.get(s).name()));
    }
    int boxWidth = 34 + textWidth;
    int boxHeight = 8 + lineHeight * named.size();
    int x = f.left() + f.width() - boxWidth - 8;
    int y = f.top() + 8;
    g.setColor(Color.WHITE);
    g.fillRect(x, y, boxWidth, boxHeight);
    g.setColor(Canvas.GUIDES);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, boxWidth, boxHeight);
    for (int k = 0; k < named.size(); k++) {
      int s = named.get(k);
      int baseline = y + 4 + lineHeight * k + fm.getAscent();
      int mid = baseline - (fm.getAscent() - fm.getDescent()) / 2;
      g.setColor(color(s));
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x + 6, mid, x + 24, mid);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s).name(), x + 30, baseline);
    }
  }

  private static Color color(int s) {
    return Canvas.PALETTE[s % Canvas.PALETTE.length];
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
