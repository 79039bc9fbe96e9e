package org.driftsim.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.driftsim.config.ConfigError;
import org.driftsim.config.JobSettings;
import org.driftsim.config.RuntimeSettings;
import org.driftsim.config.Settings;
import org.driftsim.config.TrainingSettings;
import org.driftsim.datasets.Distribution;
import org.driftsim.datasets.Rngs;
import org.driftsim.datasets.Targets;
import org.driftsim.datasets.earth.EarthDataset;
import org.driftsim.datasets.earth.EarthEvents;
import org.driftsim.datasets.earth.EarthSplit;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.nn.MlpSpec;
import org.driftsim.gpu.nn.Network;
import org.driftsim.gpu.nn.Networks;
import org.driftsim.gpu.nn.OutputHead;
import org.driftsim.gpu.nn.OutputHeads;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;
import org.driftsim.gpu.optim.Optimizers;
import org.driftsim.gpu.optim.Schedule;
import org.driftsim.gpu.train.Generator;

/**
 * What {@code train}, {@code sample} and {@code eval} build from a job's settings: the data (a
 * synthetic target's training set, or an Earth data set's split), the manifolds, the network and
 * its output head, the optimizer, and sampling from a set of weights.
 *
 * <p>Randomness is keyed by (seed, step, purpose): the training set is
 * {@code (seed, 0, "train-set")}, the noise of step s {@code (seed, s, "z")}, a synthetic split
 * {@code (seed, 0, "split-<name>")}, samples {@code (seed, 0, "sample")}.
 */
final class TrainingSetup {
  /** Rows of noise pushed through the network at once when sampling. */
  private static final int SAMPLE_CHUNK = 4096;

  final Settings settings;
  final JobSettings job;
  final TrainingSettings training;
  final RuntimeSettings runtime;
  /** The data's manifold (evaluation and plots). */
  final Manifold dataManifold;
  /** Where the generator's outputs and the field live. */
  final Manifold driftManifold;
  /** The synthetic target, or null for Earth data. */
  final Distribution target;
  /** The Earth data, or null for a synthetic target. */
  final EarthSplit earth;
  final double[][] trainSet;
  final MlpSpec mlp;

  private TrainingSetup(Settings settings) {
    this.settings = settings;
    this.job = settings.job();
    this.training = settings.training();
    this.runtime = settings.runtime();
    TrainingSettings t = training;
    String earthName = t.earthDataset();
    if (earthName != null) {
      if (t.dataGeometry() != Geometry.SPHERE) {
        throw new ConfigError("driftsim.training.data-geometry must be sphere for Earth data ("
            + t.data() + "), got " + t.dataGeometry().cliName());
      }
      EarthDataset which;
      try {
        which = EarthDataset.parse("driftsim.training.data earth:", earthName);
      } catch (IllegalArgumentException e) {
        throw new ConfigError(e.getMessage());
      }
      try {
        earth = EarthEvents.load(Path.of(t.earthDirectory()), which);
      } catch (RuntimeException e) {
        throw new ConfigError("driftsim.training.earth-dir " + t.earthDirectory() + ": "
            + e.getMessage());
      }
      target = null;
      trainSet = earth.train();
      dataManifold = Geometry.SPHERE.manifold(3, 1);
    } else {
      try {
        target = Targets.parse(t.data(), t.dataGeometry());
      } catch (IllegalArgumentException e) {
        throw new ConfigError("driftsim.training.data: " + e.getMessage());
      }
      earth = null;
      dataManifold = t.dataGeometry().manifold(target.ambientDimension(), target.sequenceLength());
      trainSet = target.sample(t.trainSamples(), Rngs.stream(job.seed(), 0, "train-set"));
    }
    driftManifold = t.ambientDrift()
        ? Geometry.EUCLIDEAN.manifold(dataManifold.ambientDimension(), 1) : dataManifold;
    try {
      t.field().checkSupports(driftManifold);
    } catch (IllegalArgumentException e) {
      throw new ConfigError("driftsim.training.field " + e.getMessage());
    }
    if (t.evalMetrics().contains("tile") && dataManifold.geometry() == Geometry.SIMPLEX) {
      throw new ConfigError("driftsim.training.eval-metrics may list tile only for the"
          + " checkerboard target, got data = " + t.data());
    }
    if (runtime.bankPartitions() > trainSet.length
        || (t.positivesPerStep() > 0 && runtime.bankPartitions() > t.positivesPerStep())) {
      throw new ConfigError("driftsim.runtime.bank-partitions must not exceed the positives of"
          + " a step, got " + runtime.bankPartitions() + " partitions for "
          + (t.positivesPerStep() > 0 ? t.positivesPerStep() : trainSet.length) + " positives");
    }
    if (runtime.particlePartitions() > t.batch()) {
      throw new ConfigError("driftsim.runtime.particle-partitions must not exceed"
          + " driftsim.training.batch, got " + runtime.particlePartitions() + " > " + t.batch()
          + " (" + settings.where("driftsim.runtime.particle-partitions") + "; "
          + settings.where("driftsim.training.batch") + ")");
    }
    mlp = new MlpSpec(t.noiseDimension(), t.width(), t.depth(), head().inputDimension());
  }

  /** Builds and checks everything the settings describe (data files are read here). */
  static TrainingSetup of(Settings settings) {
    return new TrainingSetup(settings);
  }

  /** A fresh output head for the drift manifold. */
  OutputHead head() {
    return OutputHeads.forManifold(driftManifold);
  }

  /** The learning-rate schedule: linear warm-up from 0, then constant or cosine to 0. */
  Schedule schedule() {
    TrainingSettings t = training;
    return t.schedule().equals("cosine")
        ? Schedule.warmupCosine(0, t.learningRate(), t.warmupSteps(), t.steps(), 0)
        : t.warmupSteps() > 0 ? Schedule.warmupConstant(0, t.learningRate(), t.warmupSteps())
        : Schedule.constant(t.learningRate());
  }

  /** Clipping (if any), then Adam or AdamW. */
  Optimizer optimizer() {
    TrainingSettings t = training;
    Optimizer base = t.optimizer().equals("adamw")
        ? Optimizers.adamw(schedule(), t.beta1(), t.beta2(), t.epsilon(), t.weightDecay())
        : Optimizers.adam(schedule(), t.beta1(), t.beta2(), t.epsilon());
    return t.clip() > 0 ? Optimizers.chain(Optimizers.clipByGlobalNorm(t.clip()), base) : base;
  }

  /** A freshly initialized generator (weights from the job's seed). */
  Generator newGenerator() {
    return new Generator(Networks.mlp(mlp, job.seed()), head(), optimizer(),
        new Ema(training.ema()));
  }

  /** The step's noise, {@code [batch, k]} row-major. */
  float[] noise(long step, int rows, String purpose) {
    float[] z = new float[rows * mlp.inputDimension()];
    RandomGenerator rng = Rngs.stream(job.seed(), step, purpose);
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) rng.nextGaussian();
    }
    return z;
  }

  /**
   * {@code n} samples of the generator with these weights, on the data manifold (projected
   * there when the generator lives in the ambient space); deterministic for a given seed.
   */
  double[][] sample(float[] weights, int n, long seed) {
    Network network = Networks.mlp(mlp, job.seed());
    if (weights.length != network.parameterCount()) {
      throw new IllegalArgumentException("the weights must have " + network.parameterCount()
          + " parameters for the network " + mlp + ", got " + weights.length);
    }
    network.setParameters(weights);
    Generator g = new Generator(network, head(), optimizer(), new Ema(0)); // never stepped
    double[][] out = new double[n][];
    RandomGenerator rng = Rngs.stream(seed, 0, "sample");
    int k = mlp.inputDimension();
    for (int from = 0; from < n; from += SAMPLE_CHUNK) {
      int rows = Math.min(SAMPLE_CHUNK, n - from);
      float[] z = new float[rows * k];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rng.nextGaussian();
      }
      double[][] x = g.generate(z, rows);
      System.arraycopy(x, 0, out, from, rows);
    }
    return toData(out);
  }

  /** Generated points on the data manifold: the ambient ones projected, the others as they are. */
  double[][] toData(double[][] x) {
    if (!training.ambientDrift()) {
      return x;
    }
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = project(dataManifold.geometry(), x[i]);
    }
    return out;
  }

  /**
   * The point of the data manifold an ambient point stands for: itself on R^d, x/|x| on the
   * sphere, (√(1+|s|²), s) for the spatial part s on the hyperboloid.
   */
  static double[] project(Geometry geometry, double[] x) {
    double[] y = x.clone();
    switch (geometry) {
      case SPHERE -> {
        double norm = 0;
        for (double v : x) {
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
          Arrays.fill(y, 0);
          y[y.length - 1] = 1; // the north pole for the one point without a direction
        } else {
          for (int k = 0; k < y.length; k++) {
            y[k] = x[k] / norm;
          }
        }
      }
      case HYPERBOLOID -> {
        double s = 0;
        for (int k = 1; k < x.length; k++) {
          s += x[k] * x[k];
        }
        y[0] = Math.sqrt(1 + s);
      }
      default -> { }
    }
    return y;
  }

  /**
   * Reference samples of a split: Earth data its train, val or test split (n ignored); a
   * synthetic target {@code n} fresh samples keyed by the split's name (train: the training
   * set).
   */
  double[][] reference(String split, int n) {
    if (!split.equals("train") && !split.equals("val") && !split.equals("test")) {
      throw new IllegalArgumentException("--split must be train, val or test, got " + split);
    }
    if (earth != null) {
      return switch (split) {
        case "train" -> earth.train();
        case "val" -> earth.validation();
        default -> earth.test();
      };
    }
    if (split.equals("train")) {
      return trainSet;
    }
    return target.sample(n, Rngs.stream(job.seed(), 0, "split-" + split));
  }

  /** The data's description for messages, e.g. {@code checkerboard on S^2}. */
  String describe() {
    return training.data() + " on " + dataManifold
        + (training.ambientDrift() ? " (drift in the ambient " + driftManifold + ")" : "");
  }
}
