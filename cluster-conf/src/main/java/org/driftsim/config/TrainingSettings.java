package org.driftsim.config;

import java.util.List;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.field.FieldSpec;

/**
 * {@code driftsim.training}: a one-step generator trained by drifting (MATH.md §4). Every key is
 * described in {@code reference.conf}.
 *
 * @param dataGeometry the data's geometry: euclidean (R²), sphere (S²), hyperboloid (H²) or
 *     simplex (categorical toys)
 * @param data a synthetic target spec or {@code earth:NAME}
 * @param earthDirectory where {@code earth:NAME} data is read from
 * @param trainSamples synthetic training-set size (ignored for Earth data: its train split)
 * @param driftGeometry {@code manifold} (the data's geometry) or {@code euclidean} (ambient space,
 *     additive updates; samples projected onto the data manifold for evaluation)
 * @param batch generated samples per step
 * @param positivesPerStep positives per step from the positive memory bank; 0: the whole
 *     training set every step
 * @param negativeBank capacity of the negative memory bank (recent generated samples); 0: none
 * @param negativesPerStep extra negatives drawn from that bank per step
 * @param steps optimizer steps
 * @param field the drift field with one kernel per temperature
 * @param eta the target's step size: t = exp_x(η·V)
 * @param stepCap the largest norm of η·V, or 0 for none
 * @param noiseDimension k of z ∈ R^k
 * @param width hidden width of the MLP
 * @param depth hidden layers of the MLP
 * @param optimizer adam or adamw
 * @param learningRate the peak learning rate
 * @param beta1 Adam's β1
 * @param beta2 Adam's β2
 * @param epsilon Adam's ε
 * @param weightDecay AdamW's decoupled weight decay
 * @param warmupSteps linear warm-up steps
 * @param schedule constant or cosine after the warm-up
 * @param clip gradient-norm clip, 0 for none
 * @param ema EMA decay of the weights
 * @param metricsEvery a metrics line every this many steps
 * @param evalEvery evaluation every this many steps (0: only at the end)
 * @param evalMetrics metric names
 * @param evalSamples EMA samples per evaluation
 * @param plotEvery a sample plot every this many steps (0: only at the end)
 * @param checkpointEvery a checkpoint every this many steps (0: only at the end)
 * @param checkpointKeep checkpoints kept
 */
public record TrainingSettings(Geometry dataGeometry, String data, String earthDirectory,
    int trainSamples, String driftGeometry, int batch, int positivesPerStep, int negativeBank,
    int negativesPerStep, int steps, FieldSpec field, double eta, double stepCap,
    int noiseDimension, int width, int depth, String optimizer, double learningRate,
    double beta1, double beta2, double epsilon, double weightDecay, int warmupSteps,
    String schedule, double clip, double ema, int metricsEvery, int evalEvery,
    List<String> evalMetrics, int evalSamples, int plotEvery, int checkpointEvery,
    int checkpointKeep) {

  /** The metric names {@code eval-metrics} may list. */
  public static final List<String> METRICS =
      List.of("mmd", "sw2", "sinkhorn", "nn1", "c2st", "tile");

  private static final String P = "driftsim.training.";

  public TrainingSettings {
    Rules.nonEmpty(P + "data", data);
    Rules.atLeast(P + "train-samples", 2, trainSamples);
    Rules.oneOf(P + "drift-geometry", List.of("manifold", "euclidean"), driftGeometry);
    if (driftGeometry.equals("euclidean") && dataGeometry == Geometry.SIMPLEX) {
      throw new ConfigError(P + "drift-geometry must be manifold for simplex data, got euclidean");
    }
    Rules.atLeast(P + "batch", 2, batch);
    Rules.atLeast(P + "positives-per-step", 0, positivesPerStep);
    Rules.atLeast(P + "negative-bank", 0, negativeBank);
    Rules.atLeast(P + "negatives-per-step", 0, negativesPerStep);
    if (negativesPerStep > 0 && negativeBank == 0) {
      throw new ConfigError(P + "negatives-per-step must be 0 without a negative bank"
          + " (negative-bank = 0), got " + negativesPerStep);
    }
    Rules.atLeast(P + "steps", 1, steps);
    Rules.positive(P + "eta", eta);
    Rules.nonNegative(P + "step-cap", stepCap);
    Rules.atLeast(P + "noise-dimension", 1, noiseDimension);
    Rules.atLeast(P + "width", 1, width);
    Rules.atLeast(P + "depth", 1, depth);
    Rules.oneOf(P + "optimizer", List.of("adam", "adamw"), optimizer);
    Rules.positive(P + "learning-rate", learningRate);
    unitInterval(P + "beta1", beta1);
    unitInterval(P + "beta2", beta2);
    Rules.positive(P + "epsilon", epsilon);
    Rules.nonNegative(P + "weight-decay", weightDecay);
    if (weightDecay > 0 && optimizer.equals("adam")) {
      throw new ConfigError(P + "weight-decay must be 0 with optimizer adam (use adamw), got "
          + weightDecay);
    }
    Rules.atLeast(P + "warmup-steps", 0, warmupSteps);
    Rules.oneOf(P + "schedule", List.of("constant", "cosine"), schedule);
    Rules.nonNegative(P + "clip", clip);
    if (!(ema >= 0 && ema < 1)) {
      throw new ConfigError(P + "ema must be a number in [0, 1), got " + ema);
    }
    Rules.atLeast(P + "metrics-every", 1, metricsEvery);
    Rules.atLeast(P + "eval-every", 0, evalEvery);
    for (String m : evalMetrics) {
      Rules.oneOf(P + "eval-metrics[" + evalMetrics.indexOf(m) + "]", METRICS, m);
    }
    if (evalMetrics.contains("tile") && !data.strip().startsWith("checkerboard")) {
      throw new ConfigError(P + "eval-metrics may list tile only for the checkerboard target,"
          + " got data = " + data);
    }
    evalMetrics = List.copyOf(evalMetrics);
    Rules.atLeast(P + "eval-samples", 2, evalSamples);
    Rules.atLeast(P + "plot-every", 0, plotEvery);
    Rules.atLeast(P + "checkpoint-every", 0, checkpointEvery);
    Rules.atLeast(P + "checkpoint-keep", 1, checkpointKeep);
  }

  private static void unitInterval(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new ConfigError(key + " must be a number in [0, 1), got " + value);
    }
  }

  /** The Earth data set name of {@code data = "earth:NAME"}, or null for a synthetic target. */
  public String earthDataset() {
    String d = data.strip();
    return d.startsWith("earth:") ? d.substring("earth:".length()).strip() : null;
  }

  /** Whether the generator and the field live in the ambient Euclidean space of the data. */
  public boolean ambientDrift() {
    return driftGeometry.equals("euclidean");
  }

  static TrainingSettings from(Settings s) {
    return Rules.located(s, () -> {
      Geometry geometry = Geometry.parse(P + "data-geometry", s.string(P + "data-geometry"));
      FieldSpec field = Rules.field(s, P);
      return new TrainingSettings(geometry, s.string(P + "data"), s.string(P + "earth-dir"),
          s.integer(P + "train-samples"), s.string(P + "drift-geometry"), s.integer(P + "batch"),
          s.integer(P + "positives-per-step"), s.integer(P + "negative-bank"),
          s.integer(P + "negatives-per-step"), s.integer(P + "steps"), field,
          s.number(P + "eta"), s.number(P + "step-cap"), s.integer(P + "noise-dimension"),
          s.integer(P + "width"), s.integer(P + "depth"), s.string(P + "optimizer"),
          s.number(P + "learning-rate"), s.number(P + "beta1"), s.number(P + "beta2"),
          s.number(P + "epsilon"), s.number(P + "weight-decay"), s.integer(P + "warmup-steps"),
          s.string(P + "schedule"), s.number(P + "clip"), s.number(P + "ema"),
          s.integer(P + "metrics-every"), s.integer(P + "eval-every"),
          s.strings(P + "eval-metrics"), s.integer(P + "eval-samples"),
          s.integer(P + "plot-every"), s.integer(P + "checkpoint-every"),
          s.integer(P + "checkpoint-keep"));
    });
  }
}
