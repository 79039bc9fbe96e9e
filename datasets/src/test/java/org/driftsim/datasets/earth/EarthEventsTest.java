package org.driftsim.datasets.earth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.driftsim.geometry.io.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EarthEventsTest {
  /** Six events; rows 0..5 are lines 2..7. */
  private static final String EVENTS =
      "lat,lon\n0,0\n0,90\n90,0\n-90,-180\n45,45\n-30.5,180\n";
  private static final String TRAIN = "4\n0\n2\n5\n";
  private static final String VAL = "1\n";
  private static final String TEST = "3\n";

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The fixture: volcano.csv and its split in {@code dir}. */
  private static void fixture(Path dir) throws IOException {
    write(dir.resolve("volcano.csv"), EVENTS);
    write(dir.resolve("splits_seed42/volcano_train_idx.txt"), TRAIN);
    write(dir.resolve("splits_seed42/volcano_val_idx.txt"), VAL);
    write(dir.resolve("splits_seed42/volcano_test_idx.txt"), TEST);
  }

  @Test
  void loadsTheEventsOnTheSphereInSplitOrder(@TempDir Path dir) throws IOException {
    fixture(dir);
    EarthSplit s = EarthEvents.load(dir, EarthDataset.VOLCANO);
    assertEquals(EarthDataset.VOLCANO, s.dataset());
    assertEquals(6, s.rows());
    assertArrayEquals(new int[] {4, 0, 2, 5}, s.trainRows());
    assertArrayEquals(new int[] {1}, s.validationRows());
    assertArrayEquals(new int[] {3}, s.testRows());
    double h = Math.sqrt(0.5);
    double c = Math.cos(Math.toRadians(-30.5));
    double z = Math.sin(Math.toRadians(-30.5));
    double[][] train = {{0.5, 0.5, h}, {1, 0, 0}, {0, 0, 1}, {-c, 0, z}};
    assertEquals(4, s.train().length);
    for (int i = 0; i < train.length; i++) {
      assertArrayEquals(train[i], s.train()[i], 1e-15, "train point " + i);
    }
    assertArrayEquals(new double[] {0, 1, 0}, s.validation()[0], 1e-15);
    assertArrayEquals(new double[] {0, 0, -1}, s.test()[0], 1e-15);
    for (double[][] part : new double[][][] {s.train(), s.validation(), s.test()}) {
      for (double[] x : part) {
        assertEquals(1.0, Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]), 1e-15);
      }
    }
  }

  @Test
  void blankLinesAreSkippedAndLinesCountedPhysically(@TempDir Path dir) throws IOException {
    fixture(dir);
    write(dir.resolve("volcano.csv"), "lat,lon\r\n\r\n0,0\n\n0,90\n90,0\n-90,-180\n45,45\n"
        + "-30.5,180\n\n");
    write(dir.resolve("splits_seed42/volcano_val_idx.txt"), "\n1\n\n");
    EarthSplit s = EarthEvents.load(dir, EarthDataset.VOLCANO);
    assertEquals(6, s.rows());
    assertArrayEquals(new double[] {1, 0, 0}, s.train()[1], 1e-15);
    write(dir.resolve("volcano.csv"), "lat,lon\n\n0,0\n\nabc,1\n");
    DataFileException e = assertThrows(DataFileException.class,
        () -> EarthEvents.load(dir, EarthDataset.VOLCANO));
    assertEquals(dir.resolve("volcano.csv") + ":5: 'abc' in column 1 (lat) is not a number; "
        + "expected a decimal number", e.getMessage());
  }

  /**
   * One broken file each: which file (relative to the data folder), its new content (null:
   * deleted), and the message with {@code D} standing for the data folder.
   */
  static Stream<Arguments> brokenFiles() {
    String events = "volcano.csv";
    String train = "splits_seed42/volcano_train_idx.txt";
    String val = "splits_seed42/volcano_val_idx.txt";
    String test = "splits_seed42/volcano_test_idx.txt";
    String range =
        "; expected a row index in [0, 6) (0-based, header not counted) of D/volcano.csv";
    String once = "; expected each row index exactly once across the train, val and test files";
    return Stream.of(
        Arguments.of(events, null,
            "D/volcano.csv: no such file; expected a readable CSV file with the header lat,lon"),
        Arguments.of(events, "",
            "D/volcano.csv: empty file; expected the header lat,lon, then one event per line"),
        Arguments.of(events, "lat,lon\n",
            "D/volcano.csv: no events after the header; expected at least one line of lat,lon"
                + " in degrees"),
        Arguments.of(events, "lat,long\n0,0\n",
            "D/volcano.csv:1: header 'lat,long'; expected the header lat,lon (latitude, then"
                + " longitude, in degrees)"),
        Arguments.of(events, "lat\n0\n",
            "D/volcano.csv:1: header 'lat'; expected the header lat,lon (latitude, then"
                + " longitude, in degrees)"),
        Arguments.of(events, "lon,lat\n0,0\n",
            "D/volcano.csv:1: header 'lon,lat'; expected the header lat,lon (latitude, then"
                + " longitude, in degrees)"),
        Arguments.of(events, "10.5,20\n0,0\n",
            "D/volcano.csv:1: header '10.5,20'; expected the header lat,lon (latitude, then"
                + " longitude, in degrees)"),
        Arguments.of(events, "lat,lon\n0,0\n10,20,30\n",
            "D/volcano.csv:3: 3 columns; expected 2 (lat,lon as in the header)"),
        Arguments.of(events, "lat,lon\n0,0\n10\n",
            "D/volcano.csv:3: 1 column; expected 2 (lat,lon as in the header)"),
        Arguments.of(events, "lat,lon\n0,0\n1O,20\n",
            "D/volcano.csv:3: '1O' in column 1 (lat) is not a number; expected a decimal number"),
        Arguments.of(events, "lat,lon\n0,0\n10,\n",
            "D/volcano.csv:3: empty value in column 2 (lon) is not a number; expected a decimal"
                + " number"),
        Arguments.of(events, "lat,lon\n0,0\nNaN,20\n",
            "D/volcano.csv:3: NaN in column 1 (lat); expected a finite number"),
        Arguments.of(events, "lat,lon\n0,0\n10,-inf\n",
            "D/volcano.csv:3: -inf in column 2 (lon); expected a finite number"),
        Arguments.of(events, "lat,lon\n0,0\n1e999,0\n",
            "D/volcano.csv:3: 1e999 in column 1 (lat) is out of range; expected a finite number"),
        Arguments.of(events, "lat,lon\n0,0\n90.5,20\n",
            "D/volcano.csv:3: latitude 90.5 is outside [-90, 90]; expected degrees of latitude"
                + " in [-90, 90]"),
        Arguments.of(events, "lat,lon\n0,0\n-90.001,20\n",
            "D/volcano.csv:3: latitude -90.001 is outside [-90, 90]; expected degrees of latitude"
                + " in [-90, 90]"),
        Arguments.of(events, "lat,lon\n0,0\n10,270\n",
            "D/volcano.csv:3: longitude 270 is outside [-180, 180]; expected degrees of longitude"
                + " in [-180, 180] (east positive)"),
        Arguments.of(events, "lat,lon\n0,0\n10,-180.5\n",
            "D/volcano.csv:3: longitude -180.5 is outside [-180, 180]; expected degrees of"
                + " longitude in [-180, 180] (east positive)"),
        Arguments.of(val, null, "D/splits_seed42/volcano_val_idx.txt: no such file; expected the"
            + " val split of D/volcano.csv: 0-based row indices, one per line"),
        Arguments.of(train, "4\n6\n2\n5\n",
            "D/splits_seed42/volcano_train_idx.txt:2: index 6 is out of range" + range),
        Arguments.of(train, "4\n-1\n2\n5\n",
            "D/splits_seed42/volcano_train_idx.txt:2: index -1 is out of range" + range),
        Arguments.of(train, "4\n99999999999999999999\n",
            "D/splits_seed42/volcano_train_idx.txt:2: index 99999999999999999999 is out of range"
                + range),
        Arguments.of(train, "4\n0.0\n2\n5\n",
            "D/splits_seed42/volcano_train_idx.txt:2: '0.0' is not an integer" + range),
        Arguments.of(train, "4\n0,2\n5\n",
            "D/splits_seed42/volcano_train_idx.txt:2: '0,2' is not an integer" + range),
        Arguments.of(train, "4\n0\n4\n5\n",
            "D/splits_seed42/volcano_train_idx.txt:3: index 4 repeats volcano_train_idx.txt:1"
                + once),
        Arguments.of(test, "0\n",
            "D/splits_seed42/volcano_test_idx.txt:1: index 0 repeats volcano_train_idx.txt:2"
                + once),
        Arguments.of(test, "",
            "D/splits_seed42/volcano_{train,val,test}_idx.txt: 4 + 1 + 0 = 5 row indices;"
                + " expected 6, one per row of D/volcano.csv (the split must partition the rows)"));
  }

  @ParameterizedTest
  @MethodSource("brokenFiles")
  void brokenFilesFailWithOneMessageNamingFileAndLine(String file, String content,
      String message, @TempDir Path dir) throws IOException {
    fixture(dir);
    if (content == null) {
      Files.delete(dir.resolve(file));
    } else {
      write(dir.resolve(file), content);
    }
    DataFileException e = assertThrows(DataFileException.class,
        () -> EarthEvents.load(dir, EarthDataset.VOLCANO));
    assertEquals(message.replace("D/", dir + "/"), e.getMessage());
  }

  @Test
  void datasetNamesParse() {
    assertEquals(EarthDataset.FIRE, EarthDataset.parse("dataset", "fire"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EarthDataset.parse("dataset", "quakes"));
    assertEquals("dataset must be one of volcano, earthquake, fire, flood, got quakes",
        e.getMessage());
  }

  /** The README's split sizes: n_val = n_test = ⌊0.1·N⌋, train the rest. */
  @ParameterizedTest
  @EnumSource(EarthDataset.class)
  void realFilesHaveTheDocumentedRowsAndAPartitioningSplit(EarthDataset dataset) {
    Path earth = sharedEarth();
    assumeTrue(earth != null, "shared/datasets/earth not found above " + workingDirectory());
    EarthSplit s = EarthEvents.load(earth, dataset);
    int n = dataset.documentedRows();
    assertEquals(n, s.rows(), dataset + ": rows");
    assertEquals(n / 10, s.validationRows().length, dataset + ": val");
    assertEquals(n / 10, s.testRows().length, dataset + ": test");
    assertEquals(n - 2 * (n / 10), s.trainRows().length, dataset + ": train");
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.trainRows()),
        Arrays.stream(s.validationRows())), Arrays.stream(s.testRows())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, n).toArray(), all, dataset + ": not a partition");
    assertEquals(s.trainRows().length, s.train().length);
    for (double[] x : s.train()) {
      assertEquals(1.0, Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]), 1e-15);
    }
  }

  /** Spot checks against the files: first train row of volcano, first test row of earthquake. */
  @Test
  void realFilesMapTheRowsTheSplitNames() {
    Path earth = sharedEarth();
    assumeTrue(earth != null, "shared/datasets/earth not found above " + workingDirectory());
    EarthSplit volcano = EarthEvents.load(earth, EarthDataset.VOLCANO);
    assertEquals(146, volcano.trainRows()[0]); // splits_seed42/volcano_train_idx.txt:1
    assertArrayEquals(EarthEvents.toSphere(37.734, 15.004), volcano.train()[0], 0.0); // line 148
    EarthSplit quakes = EarthEvents.load(earth, EarthDataset.EARTHQUAKE);
    assertEquals(1410, quakes.testRows()[0]);
    assertArrayEquals(EarthEvents.toSphere(46.9, -2.0), quakes.test()[0], 0.0); // line 1412
  }

  private static Path workingDirectory() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  /**
   * {@code shared/datasets/earth} in the nearest folder above the working directory that has
   * one: {@code /work/shared} beside the worktrees here, {@code ../shared} beside the clone on
   * CI.
   */
  private static Path sharedEarth() {
    for (Path p = workingDirectory(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("datasets").resolve("earth");
      if (Files.isRegularFile(candidate.resolve("volcano.csv"))) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void toSphereFollowsMathSection6() {
    double[] x = EarthEvents.toSphere(30, 60);
    double c = Math.sqrt(3) / 2;
    assertArrayEquals(new double[] {c * 0.5, c * c, 0.5}, x, 1e-15);
    assertEquals(-1.0, EarthEvents.toSphere(-90, 0)[2], 0.0);
  }
}
