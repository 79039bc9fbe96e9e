package org.driftsim.datasets;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Deterministic random streams keyed by (seed, step, purpose); every random draw in Driftsim
 * comes from one of these (DESIGN.md §5).
 *
 * <pre>{@code
 * RandomGenerator z = Rngs.stream(seed, step, "generator-noise");
 * double[][] data = Targets.parse("checkerboard", Geometry.SPHERE)
 *     .sample(4096, Rngs.stream(seed, step, "positives"));
 * }</pre>
 *
 * <p><b>Generator.</b> The JDK 17 {@code L64X128MixRandom} (an LXM generator: a 64-bit LCG added
 * to a 128-bit xoroshiro, then a mixing function; period 2^192), created through
 * {@link RandomGeneratorFactory#create(long)}. Its {@code long} constructor derives the LCG addend
 * {@code a} and the xoroshiro state from the seed with the JDK's own bijective mixers, and LXM
 * generators with different addends are the JDK's recommended way to get independent streams.
 * (The factory's {@code byte[]} seeding is not used: in JDK 17 it ignores most of the seed bits.)
 *
 * <p><b>Key mixing.</b> The three keys are absorbed into one 64-bit generator seed, 64 bits at a
 * time: the words are {@code seed}, {@code step}, the UTF-8 byte length of {@code purpose}, then
 * the UTF-8 bytes of {@code purpose} packed little-endian eight per word (the last word padded
 * with zeros). Starting from {@code h = 0}, each word {@code w} does
 * {@code h = mix64((h ^ w) + 0x9E3779B97F4A7C15)}, where {@code mix64} is the SplitMix64
 * finalizer (Stafford's variant 13; a bijection of 64-bit words with full avalanche). Because
 * every round is a bijection of {@code h} for a fixed word and of the word for a fixed {@code h},
 * two keys whose purposes have the same UTF-8 length never collide; keys whose purposes differ in
 * length collide with probability about 2^-64. Different steps or purposes therefore get
 * different generator seeds, which the JDK spreads over both the addend and the xoroshiro state:
 * independent streams.
 *
 * <p>The sequence of a stream is fixed by this class and the JDK's {@code L64X128MixRandom}
 * algorithm; {@code RngsTest} pins the first values so that a change is noticed. A returned
 * generator is not thread-safe: give each thread its own stream (a distinct purpose).
 */
public final class Rngs {
  /** The JDK algorithm behind every stream. */
  public static final String ALGORITHM = "L64X128MixRandom";

  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of(ALGORITHM);
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Rngs() {}

  /**
   * A fresh generator for one use of randomness.
   *
   * @param seed the run's seed
   * @param step the training or simulation step (or any other counter, e.g. an epoch)
   * @param purpose a non-empty name of what the numbers are for, e.g. {@code "generator-noise"}
   * @return a new generator; equal keys give equal sequences
   */
  public static RandomGenerator stream(long seed, long step, String purpose) {
    return FACTORY.create(key(seed, step, purpose));
  }

  /**
   * The 64-bit generator seed of a key (the mixing described in the class comment), for logs and
   * for reproducing a stream elsewhere with {@code RandomGeneratorFactory.of(ALGORITHM)}.
   */
  public static long key(long seed, long step, String purpose) {
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.isEmpty()) {
      throw new IllegalArgumentException("purpose must be a non-empty string, got \"\"");
    }
    byte[] bytes = purpose.getBytes(StandardCharsets.UTF_8);
    long h = 0;
    h = absorb(h, seed);
    h = absorb(h, step);
    h = absorb(h, bytes.length);
    for (int start = 0; start < bytes.length; start += Long.BYTES) {
      long word = 0;
      int end = Math.min(start + Long.BYTES, bytes.length);
      for (int i = end - 1; i >= start; i--) {
        word = (word << 8) | (bytes[i] & 0xFFL); // little-endian: bytes[start] is the low byte
      }
      h = absorb(h, word);
    }
    return h;
  }

  private static long absorb(long h, long word) {
    return mix64((h ^ word) + GOLDEN_GAMMA);
  }

  /** SplitMix64's finalizer (Stafford variant 13): a bijection with full avalanche. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
