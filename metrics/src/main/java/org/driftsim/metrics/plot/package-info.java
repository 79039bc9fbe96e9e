/**
 * PNG plots of runs with plain {@code java.awt} ({@link java.awt.image.BufferedImage} and
 * {@link javax.imageio.ImageIO}), safe in headless JVMs: {@link ParticlePlot} draws particles of
 * R², S² (Lambert azimuthal equal-area projection about the north pole) or H² (Poincaré disk),
 * optionally over target samples; {@link LinePlot} draws loss and metric curves.
 *
 * <p>Files are written atomically by {@link PngFiles}: the image goes to a temporary file in the
 * target's directory and is renamed into place when complete, and an existing file is replaced
 * only with {@link WriteMode#REPLACE}. Labels are drawn with the JDK's logical
 * {@code SansSerif} font, so the JVM needs some font installed (any fontconfig font).
 */
package org.driftsim.metrics.plot;
