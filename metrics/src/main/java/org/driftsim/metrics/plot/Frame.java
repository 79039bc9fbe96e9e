package org.driftsim.metrics.plot;

/**
 * Maps world coordinates (y up) to pixel coordinates (y down) of a plot area: world
 * {@code [xMin, xMax]} covers pixel columns {@code [left, left + width)} and world
 * {@code [yMin, yMax]} covers rows {@code [top + height, top)}.
 */
record Frame(double xMin, double xMax, double yMin, double yMax,
    int left, int top, int width, int height) {

  /** Continuous pixel x of world x (the pixel column is its floor). */
  double pixelX(double x) {
    return left + (x - xMin) / (xMax - xMin) * width;
  }

  /** Continuous pixel y of world y. */
  double pixelY(double y) {
    return top + (yMax - y) / (yMax - yMin) * height;
  }

  /** The pixel (column, row) holding a world point. */
  int[] pixel(double x, double y) {
    return new int[] {(int) Math.floor(pixelX(x)), (int) Math.floor(pixelY(y))};
  }

  /** Widens the shorter world side so that one world unit has the same length on both axes. */
  Frame equalAspect() {
    double perPixelX = (xMax - xMin) / width;
    double perPixelY = (yMax - yMin) / height;
    if (perPixelX > perPixelY) {
      double grow = (perPixelX * height - (yMax - yMin)) / 2;
      return new Frame(xMin, xMax, yMin - grow, yMax + grow, left, top, width, height);
    }
    double grow = (perPixelY * width - (xMax - xMin)) / 2;
    return new Frame(xMin - grow, xMax + grow, yMin, yMax, left, top, width, height);
  }
}
