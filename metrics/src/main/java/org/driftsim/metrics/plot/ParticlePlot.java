package org.driftsim.metrics.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.driftsim.geometry.Checks;
import org.driftsim.geometry.Geometry;

/**
 * A PNG scatter plot of particles on R², S² or H² ({@link Projections}): R² as a plain scatter
 * with ticks (bounds from the data, with equal scales on both axes, or given), S² as the Lambert
 * equal-area disk of radius 2 about the north pole (outline drawn, equator optional), H² as the
 * Poincaré disk (unit circle drawn). An optional second point set (e.g. target samples) is drawn
 * first, in orange; the particles on top in blue, as 3×3-pixel dots. Points with a non-finite
 * coordinate are not drawn and their number is added to the title.
 *
 * <p>Instances are immutable; the {@code with…} methods return modified copies.
 *
 * <pre>{@code
 * ParticlePlot.of(Geometry.SPHERE).withTitle("step 200").withTarget(data).withEquator()
 *     .write(runDir.resolve("particles-000200.png"), particles, WriteMode.CREATE_NEW);
 * }</pre>
 */
public final class ParticlePlot {
  /** Default width and height in pixels. */
  public static final int DEFAULT_SIZE = 640;
  static final Color PARTICLES = Canvas.PALETTE[0];
  static final Color TARGET = Canvas.PALETTE[1];
  /** Margin around a disk plot. */
  static final int DISK_MARGIN = 10;
  /** Margins of the R² plot: left (tick labels), right, top, bottom (tick labels). */
  static final int[] AXES_MARGINS = {60, 16, 12, 30};

  /**
   * World bounds of an R² plot.
   *
   * @param xMin left edge, finite, below xMax
   * @param xMax right edge
   * @param yMin bottom edge, finite, below yMax
   * @param yMax top edge
   */
  public record Bounds(double xMin, double xMax, double yMin, double yMax) {
    /** Checks that the bounds are finite and not empty. */
    public Bounds {
      if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
        throw new IllegalArgumentException(
            "x bounds must be finite with xMin < xMax, got [" + xMin + ", " + xMax + "]");
      }
      if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
        throw new IllegalArgumentException(
            "y bounds must be finite with yMin < yMax, got [" + yMin + ", " + yMax + "]");
      }
    }
  }

  private final Geometry geometry;
  private final int width;
  private final int height;
  private final String title;
  private final double[][] target;
  private final boolean equator;
  private final Bounds bounds;

  private ParticlePlot(Geometry geometry, int width, int height, String title, double[][] target,
      boolean equator, Bounds bounds) {
    this.geometry = geometry;
    this.width = width;
    this.height = height;
    this.title = title;
    this.target = target;
    this.equator = equator;
    this.bounds = bounds;
  }

  /** A {@value #DEFAULT_SIZE}×{@value #DEFAULT_SIZE} plot without title for a geometry. */
  public static ParticlePlot of(Geometry geometry) {
    if (geometry == null || geometry == Geometry.SIMPLEX) {
      throw new IllegalArgumentException(
          "geometry must be one of euclidean, sphere, hyperboloid, got " + geometry);
    }
    return new ParticlePlot(geometry, DEFAULT_SIZE, DEFAULT_SIZE, "", null, false, null);
  }

  /** The image size in pixels (each at least 64). */
  public ParticlePlot withSize(int width, int height) {
    Checks.inRange("plot width", width, 64, 16_384);
    Checks.inRange("plot height", height, 64, 16_384);
    return new ParticlePlot(geometry, width, height, title, target, equator, bounds);
  }

  /** A title line above the plot, e.g. {@code "step 200"}. */
  public ParticlePlot withTitle(String title) {
    return new ParticlePlot(geometry, width, height, title == null ? "" : title.strip(), target,
        equator, bounds);
  }

  /** A second point set (e.g. target samples), drawn under the particles in orange; copied. */
  public ParticlePlot withTarget(double[][] points) {
    double[][] copy = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      copy[i] = points[i].clone();
    }
    checkRows("target", copy);
    return new ParticlePlot(geometry, width, height, title, copy, equator, bounds);
  }

  /** Draws the equator (the circle of radius √2) on an S² plot. */
  public ParticlePlot withEquator() {
    if (geometry != Geometry.SPHERE) {
      throw new IllegalArgumentException(
          "the equator option must be used with geometry sphere, got " + geometry.cliName());
    }
    return new ParticlePlot(geometry, width, height, title, target, true, bounds);
  }

  /** Fixed world bounds of an R² plot (otherwise they come from the data). */
  public ParticlePlot withBounds(Bounds bounds) {
    if (geometry != Geometry.EUCLIDEAN) {
      throw new IllegalArgumentException(
          "plot bounds must be used with geometry euclidean, got " + geometry.cliName());
    }
    return new ParticlePlot(geometry, width, height, title, target, equator, bounds);
  }

  /**
   * Draws the particles.
   *
   * @param particles {@code [n][2]} on R², {@code [n][3]} on S² and H² (n may be 0)
   */
  public BufferedImage render(double[][] particles) {
    checkRows("particles", particles);
    int hidden = nonFinite(particles) + (target == null ? 0 : nonFinite(target));
    String line = title;
    if (hidden > 0) {
      String note = hidden + (hidden == 1 ? " point" : " points") + " not finite, not drawn";
      line = line.isEmpty() ? note : line + " (" + note + ")";
    }
    Frame f = frame(particles, !line.isEmpty());
    BufferedImage image = Canvas.blank(width, height);
    Graphics2D g = Canvas.graphics(image);
    try {
      Canvas.title(g, line, width);
      if (geometry == Geometry.EUCLIDEAN) {
        double[] xt = Ticks.linear(f.xMin(), f.xMax(), 6);
        double[] yt = Ticks.linear(f.yMin(), f.yMax(), 6);
        Canvas.axes(g, f, xt, Canvas.labels(xt), yt, Canvas.labels(yt));
      } else {
        g.setColor(Canvas.GUIDES);
        g.setStroke(new BasicStroke(1.2f));
        circle(g, f, geometry == Geometry.SPHERE ? 2.0 : 1.0);
        if (equator) {
          g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {4f, 4f}, 0f));
          circle(g, f, Math.sqrt(2.0));
        }
      }
      g.setClip(f.left(), f.top(), f.width() + 1, f.height() + 1);
      if (target != null) {
        dots(g, f, target, TARGET);
      }
      dots(g, f, particles, PARTICLES);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Renders and writes a PNG file atomically ({@link PngFiles}). */
  public void write(Path file, double[][] particles, WriteMode mode) {
    PngFiles.write(file, render(particles), mode);
  }

  /** The world-to-pixel map of a rendering without a title line (for tests). */
  Frame frame(double[][] particles) {
    return frame(particles, !title.isEmpty());
  }

  private Frame frame(double[][] particles, boolean titled) {
    int band = titled ? Canvas.TITLE_BAND : 0;
    if (geometry == Geometry.EUCLIDEAN) {
      int left = AXES_MARGINS[0];
      int top = band + AXES_MARGINS[2];
      int w = Math.max(1, width - AXES_MARGINS[0] - AXES_MARGINS[1]);
      int h = Math.max(1, height - top - AXES_MARGINS[3]);
      if (bounds != null) {
        return new Frame(bounds.xMin(), bounds.xMax(), bounds.yMin(), bounds.yMax(),
            left, top, w, h);
      }
      double[] range = dataRange(particles);
      return new Frame(range[0], range[1], range[2], range[3], left, top, w, h).equalAspect();
    }
    // A square area centred in what is left below the title; the disk fills it up to 2.5%.
    int side = Math.max(1, Math.min(width - 2 * DISK_MARGIN, height - band - 2 * DISK_MARGIN));
    int left = (width - side) / 2;
    int top = band + (height - band - side) / 2;
    double r = (geometry == Geometry.SPHERE ? 2.0 : 1.0) * 1.025;
    return new Frame(-r, r, -r, r, left, top, side, side);
  }

  /** Finite data range of particles and target, padded by 5% (±1 around a single value). */
  private double[] dataRange(double[][] particles) {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    extend(r, particles);
    if (target != null) {
      extend(r, target);
    }
    if (r[0] > r[1]) {
      return new double[] {-1, 1, -1, 1}; // nothing finite to show
    }
    for (int axis = 0; axis < 2; axis++) {
      double lo = r[2 * axis];
      double hi = r[2 * axis + 1];
      double pad = hi > lo ? 0.05 * (hi - lo) : 1.0;
      r[2 * axis] = lo - pad;
      r[2 * axis + 1] = hi + pad;
    }
    return r;
  }

  private static void extend(double[] r, double[][] points) {
    for (double[] p : points) {
      if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
        r[0] = Math.min(r[0], p[0]);
        r[1] = Math.max(r[1], p[0]);
        r[2] = Math.min(r[2], p[1]);
        r[3] = Math.max(r[3], p[1]);
      }
    }
  }

  /** The pixel a point is drawn at (centre of its dot). */
  int[] pixel(Frame f, double[] point) {
    double[] xy = Projections.project(geometry, point);
    return f.pixel(xy[0], xy[1]);
  }

  private void dots(Graphics2D g, Frame f, double[][] points, Color color) {
    g.setColor(color);
    for (double[] p : points) {
      if (!finite(p)) {
        continue;
      }
      double[] xy = Projections.project(geometry, p);
      if (!finite(xy)) {
        continue; // e.g. the zero vector on S², which has no direction
      }
      int[] px = f.pixel(xy[0], xy[1]);
      g.fillRect(px[0] - 1, px[1] - 1, 3, 3);
    }
  }

  private static void circle(Graphics2D g, Frame f, double radius) {
    double x0 = f.pixelX(-radius);
    double x1 = f.pixelX(radius);
    double y0 = f.pixelY(radius);
    double y1 = f.pixelY(-radius);
    g.draw(new Ellipse2D.Double(x0, y0, x1 - x0, y1 - y0));
  }

  private void checkRows(String name, double[][] points) {
    int d = geometry == Geometry.EUCLIDEAN ? 2 : 3;
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != d) {
        throw new IllegalArgumentException(name + "[" + i + "] must have " + d
            + " coordinates for " + geometry.cliName() + ", got " + points[i].length);
      }
    }
  }

  private static int nonFinite(double[][] points) {
    int count = 0;
    for (double[] p : points) {
      if (!finite(p)) {
        count++;
      }
    }
    return count;
  }

  private static boolean finite(double[] p) {
    for (double c : p) {
      if (!Double.isFinite(c)) {
        return false;
      }
    }
    return true;
  }
}
