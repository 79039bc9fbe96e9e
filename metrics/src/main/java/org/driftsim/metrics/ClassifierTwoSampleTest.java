package org.driftsim.metrics;

import java.util.Random;
import org.driftsim.geometry.Manifold;
import org.driftsim.gpu.nn.MlpSpec;
import org.driftsim.gpu.nn.Network;
import org.driftsim.gpu.nn.Networks;
import org.driftsim.gpu.optim.Optimizer;
import org.driftsim.gpu.optim.Optimizers;
import org.driftsim.gpu.optim.Schedule;

/**
 * The classifier two-sample test (C2ST) of MATH.md §5: a small MLP learns to tell A (label 0)
 * from B (label 1) on half of the pooled points, and the result is its accuracy on the other
 * half. 0.5 is ideal (the samples are indistinguishable); 1 means perfectly separated samples.
 *
 * <p>Protocol, all seeded by {@link Settings#seed()}: the pool is shuffled, split into a training
 * and a held-out half (each sample split in proportion), features are the ambient coordinates
 * standardized with the training half's mean and standard deviation, and the classifier (SiLU MLP
 * of {@link Settings#width()} × {@link Settings#depth()}, one logit out) is trained full-batch
 * with Adam on the mean logistic loss for {@link Settings#steps()} steps. A held-out point counts
 * as correct when the sign of its logit matches its label (a logit of exactly 0 counts half).
 * Use samples of equal sizes: with n ≠ m a classifier that always answers the larger side scores
 * max(n, m)/(n + m).
 *
 * <pre>{@code
 * double c2st = new ClassifierTwoSampleTest(new Sphere(2), Settings.DEFAULT).accuracy(gen, test);
 * }</pre>
 */
public final class ClassifierTwoSampleTest {
  /**
   * The classifier and its training.
   *
   * @param width units per hidden layer, ≥ 1
   * @param depth hidden layers, ≥ 1
   * @param steps full-batch Adam steps, ≥ 1
   * @param learningRate Adam's step size, > 0
   * @param seed the shuffle, the split and the initial weights
   */
  public record Settings(int width, int depth, int steps, double learningRate, long seed) {
    /** 32 × 2 hidden units, 300 steps at 1e−2, seed 0. */
    public static final Settings DEFAULT = new Settings(32, 2, 300, 1e-2, 0);

    public Settings {
      if (width < 1) {
        throw new IllegalArgumentException("width must be >= 1, got " + width);
      }
      if (depth < 1) {
        throw new IllegalArgumentException("depth must be >= 1, got " + depth);
      }
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be >= 1, got " + steps);
      }
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be finite and > 0, got "
            + learningRate);
      }
    }
  }

  private final Manifold manifold;
  private final Settings settings;

  /**
   * @param manifold the manifold the samples lie on (checked; the classifier sees ambient
   *     coordinates)
   * @param settings the classifier and its training
   */
  public ClassifierTwoSampleTest(Manifold manifold, Settings settings) {
    this.manifold = manifold;
    this.settings = settings;
  }

  /**
   * The held-out accuracy of a classifier trained to separate A from B.
   *
   * @param a {@code [n][D]} points on the manifold, n ≥ 2
   * @param b {@code [m][D]} points on the manifold, m ≥ 2
   * @throws IllegalArgumentException for a set of fewer than 2 points, a row of the wrong length,
   *     a non-finite coordinate or a point off the manifold
   */
  public double accuracy(double[][] a, double[][] b) {
    PointSets.check("A", a, manifold, 2, "(one to train on, one to test)");
    PointSets.check("B", b, manifold, 2, "(one to train on, one to test)");
    int d = manifold.ambientDimension();
    Random random = new Random(settings.seed());
    int[] orderA = permutation(a.length, random);
    int[] orderB = permutation(b.length, random);
    int trainA = a.length / 2;
    int trainB = b.length / 2;
    int train = trainA + trainB;
    int test = a.length + b.length - train;
    // Rows: the training half first (A then B), then the held-out half.
    double[][] rows = new double[train + test][];
    float[] labels = new float[train + test];
    int r = 0;
    for (int i = 0; i < trainA; i++, r++) {
      rows[r] = a[orderA[i]];
    }
    for (int i = 0; i < trainB; i++, r++) {
      rows[r] = b[orderB[i]];
      labels[r] = 1f;
    }
    for (int i = trainA; i < a.length; i++, r++) {
      rows[r] = a[orderA[i]];
    }
    for (int i = trainB; i < b.length; i++, r++) {
      rows[r] = b[orderB[i]];
      labels[r] = 1f;
    }
    float[] features = standardized(rows, train, d); // [train + test, D]

    Network net = Networks.mlp(new MlpSpec(d, settings.width(), settings.depth(), 1),
        random.nextLong());
    Optimizer adam = Optimizers.adam(Schedule.constant(settings.learningRate()), 0.9, 0.999,
        1e-8);
    float[] params = net.parameters();
    Optimizer.State state = adam.init(params);
    float[] trainFeatures = java.util.Arrays.copyOf(features, train * d);
    float[] gradLogit = new float[train];
    for (int step = 0; step < settings.steps(); step++) {
      float[] logits = net.forward(trainFeatures, train);
      for (int i = 0; i < train; i++) {
        // d/dlogit of the mean logistic loss: (σ(logit) − y)/n
        gradLogit[i] = (float) ((sigmoid(logits[i]) - labels[i]) / train);
      }
      Optimizer.Update update = adam.update(net.backward(gradLogit), state, params);
      Optimizers.applyUpdates(params, update.updates());
      state = update.state();
      net.setParameters(params);
    }
    float[] testFeatures = java.util.Arrays.copyOfRange(features, train * d, (train + test) * d);
    float[] logits = net.forward(testFeatures, test);
    double correct = 0;
    for (int i = 0; i < test; i++) {
      float label = labels[train + i];
      if (logits[i] == 0f) {
        correct += 0.5;
      } else if ((logits[i] > 0f) == (label == 1f)) {
        correct += 1;
      }
    }
    return correct / test;
  }

  private static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  private static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher–Yates
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Row-major float32 features, standardized with the first {@code train} rows' statistics. */
  private static float[] standardized(double[][] rows, int train, int d) {
    double[] mean = new double[d];
    double[] var = new double[d];
    for (int i = 0; i < train; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += rows[i][k] / train;
      }
    }
    for (int i = 0; i < train; i++) {
      for (int k = 0; k < d; k++) {
        double c = rows[i][k] - mean[k];
        var[k] += c * c / train;
      }
    }
    float[] out = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      for (int k = 0; k < d; k++) {
        // A constant coordinate (e.g. every point at the same height) is centred, not scaled.
        double sd = var[k] > 0 ? Math.sqrt(var[k]) : 1.0;
        out[i * d + k] = (float) ((rows[i][k] - mean[k]) / sd);
      }
    }
    return out;
  }
}
