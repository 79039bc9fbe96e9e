package org.driftsim.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemoryBankTest {

  /** Points {@code (v, −v)} for the given values: easy to recognize after sampling. */
  private static double[][] points(double... values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[] {values[i], -values[i]};
    }
    return out;
  }

  /** The first coordinate of each point. */
  private static double[] firsts(double[][] x) {
    return Arrays.stream(x).mapToDouble(p -> p[0]).toArray();
  }

  private static double[] range(int from, int to) {
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = i;
    }
    return out;
  }

  @Test
  void aFullClassEvictsItsOldestPointsFirst() {
    MemoryBank bank = MemoryBank.unconditional(3, 2);
    bank.push(points(0, 1));
    assertArrayEquals(new double[] {0, 1}, firsts(bank.contents(0)));
    bank.push(points(2, 3, 4));
    assertArrayEquals(new double[] {2, 3, 4}, firsts(bank.contents(0)));
    assertArrayEquals(new double[] {4, -4}, bank.contents(0)[2]);
    bank.push(points(5));
    assertArrayEquals(new double[] {3, 4, 5}, firsts(bank.contents(0)));
    assertEquals(3, bank.size(0));
    assertEquals(6, bank.pushed(0));

    MemoryBank big = MemoryBank.unconditional(3, 2);
    big.push(points(range(0, 8))); // one batch larger than the capacity: its newest 3 stay
    assertArrayEquals(new double[] {5, 6, 7}, firsts(big.contents(0)));
  }

  @Test
  void pushedPointsAreCopied() {
    MemoryBank bank = MemoryBank.unconditional(2, 2);
    double[][] batch = points(1);
    bank.push(batch);
    batch[0][0] = 99;
    bank.contents(0)[0][0] = 98;
    assertArrayEquals(new double[] {1, -1}, bank.contents(0)[0]);
  }

  @Test
  void classesAreIsolated() {
    MemoryBank bank = new MemoryBank(3, 2, 2);
    bank.push(points(10, 20, 11, 21, 22, 23, 24), new int[] {0, 1, 0, 1, 1, 1, 1});
    assertArrayEquals(new double[] {10, 11}, firsts(bank.contents(0)));
    assertArrayEquals(new double[] {23, 24}, firsts(bank.contents(1))); // full: 20..22 evicted
    assertEquals(0, bank.size(2));
    assertEquals(4L, bank.size());
    for (long step = 0; step < 20; step++) {
      for (double v : firsts(bank.sample(0, 5, 1, step, "positives"))) {
        assertTrue(v == 10 || v == 11, "class 0 sample " + v);
      }
    }
    // A class's samples depend only on its own contents, not on the other classes.
    MemoryBank alone = new MemoryBank(3, 2, 2);
    alone.push(points(10, 11), new int[] {0, 0});
    for (long step = 0; step < 20; step++) {
      assertArrayEquals(firsts(alone.sample(0, 3, 1, step, "positives")),
          firsts(bank.sample(0, 3, 1, step, "positives")), "step " + step);
    }
  }

  /**
   * Drawing 5 of 10 points: no point twice in a draw; over 4,000 steps each point is drawn with
   * frequency 1/2 and comes first with frequency 1/10, both within 5 standard errors.
   */
  @Test
  void samplesAreUniformWithoutReplacement() {
    MemoryBank bank = MemoryBank.unconditional(10, 2);
    bank.push(points(range(0, 10)));
    int steps = 4000;
    int[] drawn = new int[10];
    int[] first = new int[10];
    for (long step = 0; step < steps; step++) {
      double[] x = firsts(bank.sample(0, 5, 42, step, "positives"));
      assertEquals(5, Arrays.stream(x).distinct().count(), "repeated point at step " + step);
      for (double v : x) {
        drawn[(int) v]++;
      }
      first[(int) x[0]]++;
    }
    for (int v = 0; v < 10; v++) {
      assertEquals(0.5, (double) drawn[v] / steps, 5 * Math.sqrt(0.25 / steps), "drawn " + v);
      assertEquals(0.1, (double) first[v] / steps, 5 * Math.sqrt(0.09 / steps), "first " + v);
    }
  }

  @Test
  void moreThanTheSizeTakesWholeRounds() {
    MemoryBank bank = MemoryBank.unconditional(8, 2);
    bank.push(points(range(0, 12))); // holds 4..11
    double[] x = firsts(bank.sample(0, 20, 3, 5, "negatives"));
    int[] times = new int[12];
    for (int round = 0; round < 20; round += 8) {
      double[] part = Arrays.copyOfRange(x, round, Math.min(round + 8, 20));
      assertEquals(part.length, Arrays.stream(part).distinct().count(), "round at " + round);
    }
    for (double v : x) {
      times[(int) v]++;
    }
    for (int v = 4; v < 12; v++) {
      assertTrue(times[v] == 2 || times[v] == 3, v + " drawn " + times[v] + " times");
    }
    assertEquals(0, Arrays.stream(times, 0, 4).sum(), "evicted points drawn");
    assertEquals(0, bank.sample(0, 0, 3, 5, "negatives").length);
  }

  @Test
  void samplingIsDeterministicGivenSeedStepAndPurpose() {
    MemoryBank bank = new MemoryBank(2, 50, 2);
    bank.push(points(range(0, 80)), Arrays.stream(range(0, 80)).mapToInt(v -> (int) v % 2)
        .toArray());
    double[] a = firsts(bank.sample(1, 10, 7, 3, "positives"));
    assertArrayEquals(a, firsts(bank.sample(1, 10, 7, 3, "positives")));
    assertFalse(Arrays.equals(a, firsts(bank.sample(1, 10, 7, 4, "positives"))), "step ignored");
    assertFalse(Arrays.equals(a, firsts(bank.sample(1, 10, 8, 3, "positives"))), "seed ignored");
    assertFalse(Arrays.equals(a, firsts(bank.sample(1, 10, 7, 3, "negatives"))),
        "purpose ignored");
    double[][][] perClass = bank.samplePerClass(10, 7, 3, "positives");
    assertArrayEquals(a, firsts(perClass[1]));
    assertArrayEquals(firsts(bank.sample(0, 10, 7, 3, "positives")), firsts(perClass[0]));
  }

  /** The whole-bank pool skips empty classes; 1 of 4 points is drawn with frequency 1/4. */
  @Test
  void sampleAllDrawsFromThePoolOfAllClasses() {
    MemoryBank bank = new MemoryBank(4, 5, 2);
    bank.push(points(0, 20, 21, 22), new int[] {0, 2, 2, 2}); // classes 1 and 3 empty
    double[] all = firsts(bank.sampleAll(4, 1, 0, "pool"));
    Arrays.sort(all);
    assertArrayEquals(new double[] {0, 20, 21, 22}, all);
    int steps = 4000;
    int[] count = new int[23];
    for (long step = 0; step < steps; step++) {
      count[(int) bank.sampleAll(1, 1, step, "pool")[0][0]]++;
    }
    for (int v : new int[] {0, 20, 21, 22}) {
      assertEquals(0.25, (double) count[v] / steps, 5 * Math.sqrt(0.1875 / steps), "point " + v);
    }
    assertArrayEquals(firsts(bank.sampleAll(3, 1, 9, "pool")),
        firsts(bank.sampleAll(3, 1, 9, "pool")));
  }

  private static void assertSameState(MemoryBank.State a, MemoryBank.State b) {
    assertEquals(a.classes(), b.classes());
    assertEquals(a.capacity(), b.capacity());
    assertEquals(a.dimension(), b.dimension());
    assertTrue(Arrays.deepEquals(a.contents(), b.contents()), "contents");
    assertArrayEquals(a.writePositions(), b.writePositions(), "writePositions");
    assertArrayEquals(a.counts(), b.counts(), "counts");
    assertArrayEquals(a.pushed(), b.pushed(), "pushed");
  }

  @Test
  void restoringTheStateGivesTheSameFutureSamples() {
    MemoryBank bank = new MemoryBank(3, 4, 2);
    bank.push(points(range(0, 11)), new int[] {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0}); // class 0 wraps
    MemoryBank.State state = bank.state();
    assertArrayEquals(new int[] {8, 3, 0}, new int[] {
        (int) state.pushed()[0], state.counts()[1], state.contents()[2].length});
    assertArrayEquals(new int[] {0, 3, 0}, state.writePositions());
    MemoryBank restored = MemoryBank.restore(state);
    assertSameState(state, restored.state());
    for (int c = 0; c < 3; c++) {
      assertTrue(Arrays.deepEquals(bank.contents(c), restored.contents(c)), "class " + c);
    }
    for (long step = 10; step < 15; step++) {
      assertArrayEquals(firsts(bank.sample(0, 6, 5, step, "p")),
          firsts(restored.sample(0, 6, 5, step, "p")));
      assertArrayEquals(firsts(bank.sampleAll(6, 5, step, "p")),
          firsts(restored.sampleAll(6, 5, step, "p")));
      double[][] batch = points(100 + step, 200 + step);
      int[] labels = {(int) step % 3, 0};
      bank.push(batch, labels);
      restored.push(batch, labels);
    }
    assertSameState(bank.state(), restored.state());
    // The state is a copy: changing it changes neither bank.
    MemoryBank.State s = bank.state();
    s.contents()[0][0] = -1;
    s.counts()[0] = 0;
    assertSameState(bank.state(), restored.state());
    assertSameState(MemoryBank.unconditional(2, 3).state(),
        MemoryBank.restore(MemoryBank.unconditional(2, 3).state()).state());
  }

  static Stream<Arguments> badStates() {
    Function<MemoryBank.State, MemoryBank.State> same = s -> s;
    return Stream.of(
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), s.contents(), s.writePositions(),
            new int[] {3, 1}, s.pushed()),
            "state counts[0] must be min(pushed[0], capacity) = 4, got 3"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), s.contents(), new int[] {1, 1},
            s.counts(), s.pushed()),
            "state writePositions[0] must be pushed[0] mod capacity = 2, got 1"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), s.contents(), s.writePositions(),
            s.counts(), new long[] {6, -1}),
            "state pushed[1] must be >= 0, got -1"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), new double[][] {s.contents()[0],
                new double[3]}, s.writePositions(), s.counts(), s.pushed()),
            "state contents[1] must have length 2, got 3"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), s.contents(), s.writePositions(),
            new int[] {4}, s.pushed()),
            "state counts must have length 2, got 1"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), s.capacity(), s.dimension(), null, s.writePositions(), s.counts(),
            s.pushed()),
            "state contents must have length 2, got null"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> {
          double[][] contents = {s.contents()[0].clone(), s.contents()[1]};
          contents[0][5] = Double.NaN;
          return new MemoryBank.State(s.classes(), s.capacity(), s.dimension(), contents,
              s.writePositions(), s.counts(), s.pushed());
        }, "state contents[0][5] must be finite, got NaN"),
        Arguments.of((Function<MemoryBank.State, MemoryBank.State>) s -> new MemoryBank.State(
            s.classes(), 0, s.dimension(), s.contents(), s.writePositions(), s.counts(),
            s.pushed()),
            "capacity must be > 0, got 0"),
        Arguments.of(same, null));
  }

  /** A bank of 2 classes, capacity 4, dimension 2: class 0 pushed 6 times, class 1 once. */
  @ParameterizedTest
  @MethodSource("badStates")
  void inconsistentStatesAreRejected(
      Function<MemoryBank.State, MemoryBank.State> change, String message) {
    MemoryBank bank = new MemoryBank(2, 4, 2);
    bank.push(points(range(0, 7)), new int[] {0, 0, 0, 0, 0, 1, 0});
    MemoryBank.State state = change.apply(bank.state());
    if (message == null) {
      assertSameState(state, MemoryBank.restore(state).state()); // the unchanged state is fine
      return;
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MemoryBank.restore(state));
    assertEquals(message, e.getMessage());
  }

  /**
   * 8 points pushed to class 0 of capacity 5 (insertion indices 3..7 held), 2 to class 1
   * (indices 0, 1); 3 parts of capacity 2 get the indices congruent to their number mod 3.
   */
  @Test
  void splitIsRoundRobinByInsertionIndex() {
    MemoryBank bank = new MemoryBank(2, 5, 2);
    bank.push(points(0, 1, 2, 3, 100, 4, 5, 6, 7, 101),
        new int[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    List<MemoryBank> parts = bank.split(3);
    assertEquals(3, parts.size());
    double[][] class0 = {{3, 6}, {4, 7}, {5}};
    double[][] class1 = {{100}, {101}, {}};
    for (int p = 0; p < 3; p++) {
      MemoryBank part = parts.get(p);
      assertEquals(2, part.capacity(), "capacity of part " + p);
      assertEquals(2, part.classes());
      assertEquals(2, part.dimension());
      assertArrayEquals(class0[p], firsts(part.contents(0)), "class 0 of part " + p);
      assertArrayEquals(class1[p], firsts(part.contents(1)), "class 1 of part " + p);
    }
    assertArrayEquals(new double[] {3, 4, 5, 6, 7}, firsts(bank.contents(0)), "bank changed");
    List<MemoryBank> one = bank.split(1);
    assertTrue(Arrays.deepEquals(bank.contents(0), one.get(0).contents(0)));
    assertTrue(Arrays.deepEquals(bank.contents(1), one.get(0).contents(1)));
    List<MemoryBank> many = bank.split(7); // more parts than points: some parts stay empty
    assertEquals(1, many.get(0).capacity());
    assertArrayEquals(new double[] {7}, firsts(many.get(0).contents(0)));
    assertEquals(0, many.get(2).size(0));
  }

  static Stream<Arguments> badCalls() {
    MemoryBank bank = new MemoryBank(3, 4, 2);
    bank.push(points(1, 2), new int[] {0, 0});
    return Stream.of(
        Arguments.of((Executable) () -> new MemoryBank(3, 0, 2), "capacity must be > 0, got 0"),
        Arguments.of((Executable) () -> new MemoryBank(0, 4, 2), "classes must be > 0, got 0"),
        Arguments.of((Executable) () -> MemoryBank.unconditional(4, -1),
            "dimension must be > 0, got -1"),
        Arguments.of((Executable) () -> new MemoryBank(1, 1 << 20, 1 << 12),
            "capacity · dimension must be <= 2147483639 (one array per class), got 4294967296"),
        Arguments.of((Executable) () -> bank.push(points(1, 2), new int[] {0}),
            "labels must have one entry per point (2), got 1"),
        Arguments.of((Executable) () -> bank.push(points(1, 2), new int[] {0, 3}),
            "labels[1] must be in [0, 2], got 3"),
        Arguments.of((Executable) () -> bank.push(new double[][] {{1, 2}, {3}}, new int[] {0, 0}),
            "points[1] must have 2 coordinates, got 1"),
        Arguments.of((Executable) () -> bank.push(new double[][] {{1, Double.NaN}},
            new int[] {0}), "points[0][1] must be finite, got NaN"),
        Arguments.of((Executable) () -> bank.push(points(1)),
            "labels must be given for a bank of 3 classes, got none"),
        Arguments.of((Executable) () -> bank.sample(0, -1, 0, 0, "p"), "n must be >= 0, got -1"),
        Arguments.of((Executable) () -> bank.sample(3, 1, 0, 0, "p"),
            "label must be in [0, 2], got 3"),
        Arguments.of((Executable) () -> bank.sample(1, 2, 0, 0, "p"),
            "size of class 1 must be > 0 to sample 2 points, got 0"),
        Arguments.of((Executable) () -> new MemoryBank(2, 3, 1).sampleAll(1, 0, 0, "p"),
            "size of the bank must be > 0 to sample 1 points, got 0"),
        Arguments.of((Executable) () -> bank.sample(0, 1, 0, 0, ""),
            "purpose must be a non-empty string, got \"\""),
        Arguments.of((Executable) () -> bank.split(0), "parts must be > 0, got 0"));
  }

  @ParameterizedTest
  @MethodSource("badCalls")
  void badArgumentsFailWithOneClearMessage(Executable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Test
  void aRejectedBatchLeavesTheBankUnchanged() {
    MemoryBank bank = new MemoryBank(2, 3, 2);
    bank.push(points(1, 2), new int[] {0, 1});
    MemoryBank.State before = bank.state();
    assertThrows(IllegalArgumentException.class,
        () -> bank.push(points(3, 4, Double.POSITIVE_INFINITY), new int[] {0, 1, 0}));
    assertSameState(before, bank.state());
  }
}
