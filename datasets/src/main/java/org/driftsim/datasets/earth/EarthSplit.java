package org.driftsim.datasets.earth;

/**
 * One Earth data set split into train, validation and test points on S², in the order of the
 * split files (torch's {@code random_split} order), with the 0-based row of every point in the
 * events file (header not counted). The three row arrays partition {@code 0..rows−1}.
 *
 * @param dataset which data set
 * @param rows number of events in the file
 * @param train {@code [trainRows.length][3]} points, unit vectors
 * @param validation {@code [validationRows.length][3]} points (the {@code val} file)
 * @param test {@code [testRows.length][3]} points
 * @param trainRows row of each train point
 * @param validationRows row of each validation point
 * @param testRows row of each test point
 */
public record EarthSplit(EarthDataset dataset, int rows, double[][] train, double[][] validation,
    double[][] test, int[] trainRows, int[] validationRows, int[] testRows) {}
