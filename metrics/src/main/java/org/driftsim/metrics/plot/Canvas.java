package org.driftsim.metrics.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Drawing shared by the plots: the blank image, titles, axes with ticks. */
final class Canvas {
  static final Color AXES = new Color(80, 80, 80);
  static final Color GUIDES = new Color(160, 160, 160);
  static final Color GRID = new Color(232, 232, 232);
  /** Series and point colours (the usual "tab10" start): blue, orange, green, red, purple. */
  static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
  static final int TITLE_BAND = 26;
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

  private Canvas() {}

  /** A white RGB image and its graphics, antialiased. */
  static BufferedImage blank(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(FONT);
    return g;
  }

  /** The title centred in the band at the top of the image. */
  static void title(Graphics2D g, String title, int width) {
    if (title.isEmpty()) {
      return;
    }
    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    int x = Math.max(4, (width - fm.stringWidth(title)) / 2);
    g.drawString(title, x, (TITLE_BAND + fm.getAscent() - fm.getDescent()) / 2 + 2);
    g.setFont(FONT);
  }

  /**
   * The plot box, light grid lines and labelled ticks.
   *
   * @param xTicks world x of the ticks, with their labels
   * @param yTicks world y of the ticks, with their labels
   */
  static void axes(Graphics2D g, Frame f, double[] xTicks, String[] xLabels, double[] yTicks,
      String[] yLabels) {
    FontMetrics fm = g.getFontMetrics();
    int bottom = f.top() + f.height();
    int right = f.left() + f.width();
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < xTicks.length; i++) {
      int px = (int) Math.round(f.pixelX(xTicks[i]));
      g.setColor(GRID);
      g.drawLine(px, f.top(), px, bottom);
      g.setColor(AXES);
      g.drawLine(px, bottom, px, bottom + 4);
      g.drawString(xLabels[i], px - fm.stringWidth(xLabels[i]) / 2, bottom + 6 + fm.getAscent());
    }
    for (int i = 0; i < yTicks.length; i++) {
      int py = (int) Math.round(f.pixelY(yTicks[i]));
      g.setColor(GRID);
      g.drawLine(f.left(), py, right, py);
      g.setColor(AXES);
      g.drawLine(f.left() - 4, py, f.left(), py);
      g.drawString(yLabels[i], f.left() - 7 - fm.stringWidth(yLabels[i]),
          py + (fm.getAscent() - fm.getDescent()) / 2);
    }
    g.setColor(AXES);
    g.drawRect(f.left(), f.top(), f.width(), f.height());
  }

  /** Labels for evenly spaced linear ticks, with as many decimals as their step needs. */
  static String[] labels(double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.max(Math.abs(ticks[0]), 1);
    String[] out = new String[ticks.length];
    for (int i = 0; i < ticks.length; i++) {
      out[i] = Ticks.label(ticks[i], step);
    }
    return out;
  }

  /** A label under the x axis, centred, and a label left of the y axis, rotated. */
  static void axisLabels(Graphics2D g, Frame f, String xLabel, String yLabel, int imageHeight) {
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    if (!xLabel.isEmpty()) {
      g.drawString(xLabel, f.left() + (f.width() - fm.stringWidth(xLabel)) / 2,
          Math.min(imageHeight - 4, f.top() + f.height() + 24 + fm.getAscent()));
    }
    if (!yLabel.isEmpty()) {
      AffineTransform saved = g.getTransform();
      g.translate(4 + fm.getAscent(), f.top() + (f.height() + fm.stringWidth(yLabel)) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(yLabel, 0, 0);
      g.setTransform(saved);
    }
  }
}
