package org.driftsim.datasets.bank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.driftsim.datasets.Rngs;
import org.driftsim.geometry.Checks;

/**
 * Per-class FIFO queues of recent points, the memory banks of Deng et al. (MATH.md §4): each of
 * {@code classes} classes keeps its newest {@code capacity} points ({@code double[dimension]}
 * each, ambient coordinates); an unconditional bank has a single class 0.
 *
 * <pre>{@code
 * MemoryBank positives = new MemoryBank(10, 128, 3);        // 10 classes, 128 points each, S²
 * positives.push(batch, labels);                            // batch [B][3], labels [B]
 * double[][] y = positives.sample(7, 64, seed, step, "positives");   // [64][3] from class 7
 * MemoryBank.State saved = positives.state();               // plain arrays, for a checkpoint
 * MemoryBank again = MemoryBank.restore(saved);             // identical future samples
 * }</pre>
 *
 * <p><b>Storage.</b> Class {@code c} is a ring of {@code capacity} slots; a push writes slot
 * {@code writePositions[c]} and advances it modulo the capacity, evicting the oldest point once
 * the class is full. Slots fill from 0, so the held points are always slots
 * {@code 0..counts[c]−1}, and the oldest one is slot {@code (writePositions[c] − counts[c]) mod
 * capacity}. The <i>insertion index</i> of a point is its rank among all points ever pushed to its
 * class ({@code 0, 1, …}); the held points have insertion indices
 * {@code pushed[c] − counts[c] .. pushed[c] − 1}.
 *
 * <p><b>Sampling.</b> Every draw comes from {@link Rngs#stream}: a class's sample from the key
 * {@code (seed, step, purpose + "/class=" + c)}, so that classes are independent of each other and
 * of the order in which they are sampled; a sample of the whole bank from
 * {@code (seed, step, purpose)}. Points are drawn uniformly without replacement when
 * {@code n ≤ size}; a larger {@code n} takes the whole pool in random order, then starts another
 * round without replacement, and so on (every point appears ⌊n/size⌋ or ⌈n/size⌉ times). Draw
 * order: a partial Fisher–Yates shuffle of the pool (oldest first; for the whole bank class by
 * class), one {@code nextInt(size − r)} per output point, {@code r} its position in the round,
 * continuing from the previous round's arrangement.
 *
 * <p>A bank is not thread-safe; one owner (a bank partition) pushes and samples.
 */
public final class MemoryBank {
  /** The longest Java array a bank allocates. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final int classes;
  private final int capacity;
  private final int dimension;
  /** Per class the ring of slots, {@code [capacity · dimension]}; null until the first push. */
  private final double[][] slots;
  private final int[] writePositions;
  private final int[] counts;
  private final long[] pushed;

  /**
   * The full state of a bank as plain arrays, what a checkpoint stores; {@link #restore} turns it
   * back into an equal bank.
   *
   * @param classes number of classes, ≥ 1
   * @param capacity points kept per class, ≥ 1
   * @param dimension coordinates per point, ≥ 1
   * @param contents per class the held points in slot order, slots {@code 0..counts[c]−1}
   *     flattened row by row: {@code [classes][counts[c] · dimension]}
   * @param writePositions per class the slot the next push writes, {@code pushed[c] mod capacity}
   * @param counts per class the number of held points, {@code min(pushed[c], capacity)}
   * @param pushed per class the number of points ever pushed
   */
  public record State(int classes, int capacity, int dimension, double[][] contents,
      int[] writePositions, int[] counts, long[] pushed) {}

  /**
   * An empty bank.
   *
   * @param classes number of classes (1 for an unconditional bank)
   * @param capacity points kept per class
   * @param dimension coordinates per point
   * @throws IllegalArgumentException {@code "capacity must be > 0, got 0"} and the like, also when
   *     {@code capacity · dimension} does not fit an array
   */
  public MemoryBank(int classes, int capacity, int dimension) {
    this.classes = Checks.positive("classes", classes);
    this.capacity = Checks.positive("capacity", capacity);
    this.dimension = Checks.positive("dimension", dimension);
    if ((long) capacity * dimension > MAX_ARRAY) {
      throw new IllegalArgumentException("capacity · dimension must be <= " + MAX_ARRAY
          + " (one array per class), got " + (long) capacity * dimension);
    }
    this.slots = new double[classes][];
    this.writePositions = new int[classes];
    this.counts = new int[classes];
    this.pushed = new long[classes];
  }

  /** An empty bank with a single class 0. */
  public static MemoryBank unconditional(int capacity, int dimension) {
    return new MemoryBank(1, capacity, dimension);
  }

  /** Number of classes. */
  public int classes() {
    return classes;
  }

  /** Points kept per class. */
  public int capacity() {
    return capacity;
  }

  /** Coordinates per point. */
  public int dimension() {
    return dimension;
  }

  /** Number of points held by class {@code label} (at most the capacity). */
  public int size(int label) {
    return counts[checkLabel("label", label)];
  }

  /** Number of points held by all classes together. */
  public long size() {
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    return total;
  }

  /** Number of points ever pushed to class {@code label}. */
  public long pushed(int label) {
    return pushed[checkLabel("label", label)];
  }

  /**
   * Pushes a batch into an unconditional bank (class 0).
   *
   * @param points {@code [B][dimension]}, finite
   * @throws IllegalArgumentException if the bank has more than one class
   */
  public void push(double[][] points) {
    if (classes != 1) {
      throw new IllegalArgumentException(
          "labels must be given for a bank of " + classes + " classes, got none");
    }
    push(points, new int[points.length]);
  }

  /**
   * Pushes a batch, point {@code i} into class {@code labels[i]}, in batch order; a class that is
   * full evicts its oldest point for each new one. The whole batch is checked before anything is
   * written, so a rejected batch leaves the bank unchanged. The points are copied.
   *
   * @param points {@code [B][dimension]}, finite
   * @param labels {@code [B]}, each in {@code [0, classes−1]}
   */
  public void push(double[][] points, int[] labels) {
    if (labels.length != points.length) {
      throw new IllegalArgumentException("labels must have one entry per point ("
          + points.length + "), got " + labels.length);
    }
    for (int i = 0; i < points.length; i++) {
      double[] x = points[i];
      if (x == null || x.length != dimension) {
        throw new IllegalArgumentException("points[" + i + "] must have " + dimension
            + " coordinates, got " + (x == null ? "null" : x.length));
      }
      for (int d = 0; d < dimension; d++) {
        if (!Double.isFinite(x[d])) {
          throw new IllegalArgumentException(
              "points[" + i + "][" + d + "] must be finite, got " + x[d]);
        }
      }
      checkLabel("labels[" + i + "]", labels[i]);
    }
    for (int i = 0; i < points.length; i++) {
      pushOne(labels[i], points[i], 0);
    }
  }

  /** The points held by class {@code label}, oldest first: {@code [size(label)][dimension]}. */
  public double[][] contents(int label) {
    int c = checkLabel("label", label);
    double[][] out = new double[counts[c]][];
    for (int k = 0; k < counts[c]; k++) {
      out[k] = point(c, slotOfAge(c, k));
    }
    return out;
  }

  /**
   * Draws {@code n} points of class {@code label} (see the class comment for the stream and the
   * draw order).
   *
   * @return {@code [n][dimension]}, copies
   * @throws IllegalArgumentException if {@code n < 0}, or {@code n > 0} and the class is empty
   */
  public double[][] sample(int label, int n, long seed, long step, String purpose) {
    int c = checkLabel("label", label);
    checkCount(n, counts[c], "class " + c);
    int[] order = draw(counts[c], n, Rngs.stream(seed, step, classPurpose(purpose, c)));
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = point(c, slotOfAge(c, order[i]));
    }
    return out;
  }

  /**
   * Draws {@code n} points from every class, class {@code c} exactly as
   * {@link #sample(int, int, long, long, String) sample(c, n, seed, step, purpose)}.
   *
   * @return {@code [classes][n][dimension]}
   */
  public double[][][] samplePerClass(int n, long seed, long step, String purpose) {
    double[][][] out = new double[classes][][];
    for (int c = 0; c < classes; c++) {
      out[c] = sample(c, n, seed, step, purpose);
    }
    return out;
  }

  /**
   * Draws {@code n} points from the pool of all classes together (class by class, oldest first),
   * each held point equally likely, with the stream {@code (seed, step, purpose)}.
   *
   * @return {@code [n][dimension]}, copies
   */
  public double[][] sampleAll(int n, long seed, long step, String purpose) {
    long total = size();
    checkCount(n, total, "the bank");
    if (total > MAX_ARRAY) {
      throw new IllegalArgumentException("size of the bank must be <= " + MAX_ARRAY
          + " to sample it as one pool, got " + total);
    }
    int[] order = draw((int) total, n, Rngs.stream(seed, step, purpose));
    // Pool position → class: the first counts[0] positions are class 0, and so on.
    int[] firstPosition = new int[classes + 1];
    for (int c = 0; c < classes; c++) {
      firstPosition[c + 1] = firstPosition[c] + counts[c];
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      int position = order[i];
      // The last class starting at or before the position: it holds the position, because an
      // empty class starts where the next one does and is therefore never the last such class.
      int lo = 0;
      int hi = classes - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (firstPosition[mid] <= position) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      int c = lo;
      out[i] = point(c, slotOfAge(c, position - firstPosition[c]));
    }
    return out;
  }

  /**
   * Splits the held points over {@code parts} fresh banks, for sharding: part {@code p} receives,
   * class by class, the points whose insertion index {@code i} has {@code i mod parts = p}, oldest
   * first (round-robin by insertion index, so a point's part does not depend on what was evicted
   * before it). Each part has the same classes and dimension and capacity
   * {@code ceil(capacity / parts)}, which holds its share; its counters start from its own
   * pushes. The bank itself is unchanged.
   *
   * @return {@code parts} banks, part {@code p} at index {@code p}
   */
  public List<MemoryBank> split(int parts) {
    Checks.positive("parts", parts);
    int partCapacity = (int) ((capacity + (long) parts - 1) / parts);
    List<MemoryBank> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      out.add(new MemoryBank(classes, partCapacity, dimension));
    }
    for (int c = 0; c < classes; c++) {
      long oldestIndex = pushed[c] - counts[c];
      for (int k = 0; k < counts[c]; k++) {
        int p = (int) ((oldestIndex + k) % parts);
        out.get(p).pushOne(c, slots[c], slotOfAge(c, k) * dimension);
      }
    }
    return out;
  }

  /** The state as plain arrays (copies), see {@link State}. */
  public State state() {
    double[][] contents = new double[classes][];
    for (int c = 0; c < classes; c++) {
      contents[c] = slots[c] == null ? new double[0]
          : Arrays.copyOf(slots[c], counts[c] * dimension);
    }
    return new State(classes, capacity, dimension, contents, writePositions.clone(),
        counts.clone(), pushed.clone());
  }

  /**
   * A bank equal to the one whose {@link #state()} was taken: same contents, positions and
   * counters, hence the same future samples and evictions. The state is checked and copied.
   *
   * @throws IllegalArgumentException naming the inconsistent field, e.g.
   *     {@code "state counts[1] must be min(pushed[1], capacity) = 4, got 5"}
   */
  public static MemoryBank restore(State state) {
    MemoryBank bank = new MemoryBank(state.classes(), state.capacity(), state.dimension());
    int classes = state.classes();
    sameLength("state contents", state.contents() == null ? -1 : state.contents().length, classes);
    sameLength("state writePositions",
        state.writePositions() == null ? -1 : state.writePositions().length, classes);
    sameLength("state counts", state.counts() == null ? -1 : state.counts().length, classes);
    sameLength("state pushed", state.pushed() == null ? -1 : state.pushed().length, classes);
    int capacity = state.capacity();
    int dimension = state.dimension();
    for (int c = 0; c < classes; c++) {
      long pushed = state.pushed()[c];
      if (pushed < 0) {
        throw new IllegalArgumentException("state pushed[" + c + "] must be >= 0, got " + pushed);
      }
      long count = Math.min(pushed, capacity);
      if (state.counts()[c] != count) {
        throw new IllegalArgumentException("state counts[" + c + "] must be min(pushed[" + c
            + "], capacity) = " + count + ", got " + state.counts()[c]);
      }
      long position = pushed % capacity;
      if (state.writePositions()[c] != position) {
        throw new IllegalArgumentException("state writePositions[" + c + "] must be pushed[" + c
            + "] mod capacity = " + position + ", got " + state.writePositions()[c]);
      }
      double[] contents = state.contents()[c];
      sameLength("state contents[" + c + "]", contents == null ? -1 : contents.length,
          (int) count * dimension);
      for (int k = 0; k < contents.length; k++) {
        if (!Double.isFinite(contents[k])) {
          throw new IllegalArgumentException(
              "state contents[" + c + "][" + k + "] must be finite, got " + contents[k]);
        }
      }
      if (count > 0) {
        bank.slots[c] = Arrays.copyOf(contents, capacity * dimension);
      }
      bank.counts[c] = (int) count;
      bank.writePositions[c] = (int) position;
      bank.pushed[c] = pushed;
    }
    return bank;
  }

  /** Writes one point ({@code dimension} values of {@code from} at {@code offset}) into class c. */
  private void pushOne(int c, double[] from, int offset) {
    if (slots[c] == null) {
      slots[c] = new double[capacity * dimension];
    }
    System.arraycopy(from, offset, slots[c], writePositions[c] * dimension, dimension);
    writePositions[c] = writePositions[c] + 1 == capacity ? 0 : writePositions[c] + 1;
    counts[c] = Math.min(counts[c] + 1, capacity);
    pushed[c]++;
  }

  /** The slot of the k-th oldest held point of class c (k = 0: the oldest). */
  private int slotOfAge(int c, int k) {
    int slot = writePositions[c] - counts[c] + k;
    return slot < 0 ? slot + capacity : slot;
  }

  private double[] point(int c, int slot) {
    return Arrays.copyOfRange(slots[c], slot * dimension, (slot + 1) * dimension);
  }

  /**
   * Positions {@code 0..size−1} in the order drawn: rounds of a partial Fisher–Yates shuffle (see
   * the class comment).
   */
  private static int[] draw(int size, int n, RandomGenerator rng) {
    int[] out = new int[n];
    if (n == 0) {
      return out;
    }
    int[] pool = new int[size];
    for (int k = 0; k < size; k++) {
      pool[k] = k;
    }
    for (int i = 0; i < n; i++) {
      int r = i % size;
      int j = r + rng.nextInt(size - r);
      int swap = pool[r];
      pool[r] = pool[j];
      pool[j] = swap;
      out[i] = pool[r];
    }
    return out;
  }

  private static String classPurpose(String purpose, int c) {
    if (purpose == null || purpose.isEmpty()) {
      throw new IllegalArgumentException(
          "purpose must be a non-empty string, got " + (purpose == null ? "null" : "\"\""));
    }
    return purpose + "/class=" + c;
  }

  private static void checkCount(int n, long available, String what) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n > 0 && available == 0) {
      throw new IllegalArgumentException(
          "size of " + what + " must be > 0 to sample " + n + " points, got 0");
    }
  }

  private int checkLabel(String name, int label) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          name + " must be in [0, " + (classes - 1) + "], got " + label);
    }
    return label;
  }

  private static void sameLength(String name, int length, int expected) {
    if (length != expected) {
      throw new IllegalArgumentException(name + " must have length " + expected + ", got "
          + (length < 0 ? "null" : String.valueOf(length)));
    }
  }
}
