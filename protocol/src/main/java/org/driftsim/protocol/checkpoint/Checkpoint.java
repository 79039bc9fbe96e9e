package org.driftsim.protocol.checkpoint;

import java.util.List;
import org.driftsim.datasets.bank.MemoryBank;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;

/**
 * Everything a job needs to resume at {@code step}: the generator's parameters, their EMA, the
 * optimizer's state, the memory banks and the simulated particles. Randomness is keyed by
 * (seed, step, purpose), so {@code seed} and {@code step} are the whole RNG state.
 *
 * <p>A plain record: arrays are held as given (not copied), and equality is the record's
 * (identity for arrays); compare arrays with {@code Arrays.equals}.
 *
 * @param formatVersion the on-disk format this checkpoint was read from or is written as
 *     ({@link #FORMAT_VERSION} for new ones)
 * @param codeVersion the Driftsim version that wrote it, e.g. {@code "0.1.0-SNAPSHOT"}
 * @param step the number of completed steps, ≥ 0
 * @param config the job's resolved configuration (HOCON, as rendered)
 * @param generator the generator's flattened parameters (empty for a simulation without one)
 * @param ema the exponential moving average of {@code generator}, or null when the job keeps none
 * @param optimizer the optimizer's state ({@link Optimizer.Stateless} when there is none)
 * @param seed the job's seed
 * @param banks the memory banks' states, in partition order (may be empty)
 * @param particles the simulated particles {@code [N][D]}, or null when the job has none
 */
public record Checkpoint(int formatVersion, String codeVersion, long step, String config,
    float[] generator, Ema.State ema, Optimizer.State optimizer, long seed,
    List<MemoryBank.State> banks, double[][] particles) {

  /** The format version this release writes. */
  public static final int FORMAT_VERSION = 1;

  /**
   * @throws IllegalArgumentException {@code "step must be >= 0, got -1"} and the like
   */
  public Checkpoint {
    if (formatVersion < 1) {
      throw new IllegalArgumentException("formatVersion must be >= 1, got " + formatVersion);
    }
    if (codeVersion == null || codeVersion.isBlank()) {
      throw new IllegalArgumentException("codeVersion must be non-blank, got "
          + (codeVersion == null ? "null" : "\"" + codeVersion + "\""));
    }
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (config == null) {
      throw new IllegalArgumentException("config must be non-null, got null");
    }
    if (generator == null) {
      throw new IllegalArgumentException("generator must be non-null (empty for none), got null");
    }
    if (ema != null && ema.average() != null && ema.average().length != generator.length) {
      throw new IllegalArgumentException("ema.average must have the length of generator ("
          + generator.length + "), got " + ema.average().length);
    }
    if (optimizer == null) {
      throw new IllegalArgumentException(
          "optimizer must be non-null (Optimizer.Stateless for none), got null");
    }
    if (banks == null) {
      throw new IllegalArgumentException("banks must be non-null (empty for none), got null");
    }
    for (int i = 0; i < banks.size(); i++) {
      if (banks.get(i) == null) {
        throw new IllegalArgumentException("banks[" + i + "] must be non-null, got null");
      }
    }
    banks = List.copyOf(banks);
    if (particles != null) {
      for (int i = 0; i < particles.length; i++) {
        if (particles[i] == null) {
          throw new IllegalArgumentException("particles[" + i + "] must be non-null, got null");
        }
        if (particles[i].length != particles[0].length) {
          throw new IllegalArgumentException("particles[" + i + "] must have the length of "
              + "particles[0] (" + particles[0].length + "), got " + particles[i].length);
        }
      }
    }
  }
}
