package org.driftsim.gpu.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;
import org.driftsim.gpu.optim.Optimizers;
import org.driftsim.gpu.optim.Schedule;
import org.junit.jupiter.api.Test;

/**
 * End to end on toy problems: the MLP, a head, the loss of MATH.md §4 against fixed targets,
 * and the optimizer chain (clipping, Adam, warm-up and cosine decay), with the weight average.
 * The loss must fall by a large factor (seeded; observed about 8000× on R², 970× on S², 240× for
 * the averaged weights, so the bounds of 100× and 20× leave room without being vacuous).
 */
class FitToTargetsTest {
  private static final int N = 128;
  private static final int STEPS = 250;

  private static Optimizer optimizer() {
    return Optimizers.chain(Optimizers.clipByGlobalNorm(1.0),
        Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
        Optimizers.scaleByLearningRate(Schedule.warmupCosine(1e-4, 1e-2, 20, STEPS, 1e-4)));
  }

  private static float[] gaussian(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  /** Mean squared Euclidean distance of the outputs to the targets. */
  private static double euclideanLoss(Network net, float[] z, double[] t) {
    float[] x = net.forward(z, N);
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += (x[j] - t[j]) * (x[j] - t[j]);
    }
    return s / N;
  }

  @Test
  void adamMovesSamplesOntoFixedTargetsInTheEuclideanPlane() {
    Random r = new Random(41);
    float[] z = gaussian(r, N * 2);
    double[] t = new double[N * 2];
    for (int i = 0; i < N; i++) {
      double a = z[2 * i];
      double b = z[2 * i + 1];
      t[2 * i] = 1 + 2 * Math.tanh(a);
      t[2 * i + 1] = -1 + b * b / 3 + 0.5 * a;
    }
    Network net = Networks.mlp(new MlpSpec(2, 32, 2, 2), 42);
    float[] params = net.parameters();
    Optimizer opt = optimizer();
    Optimizer.State state = opt.init(params);
    Ema ema = new Ema(0.99);
    Ema.State average = ema.init(params);
    double initial = euclideanLoss(net, z, t);
    float[] gx = new float[N * 2];
    for (int step = 0; step < STEPS; step++) {
      float[] x = net.forward(z, N);
      for (int j = 0; j < x.length; j++) {
        gx[j] = (float) (2 * (x[j] - t[j]) / N); // MATH.md §4: 2(x − t)/N
      }
      Optimizer.Update u = opt.update(net.backward(gx), state, params);
      Optimizers.applyUpdates(params, u.updates());
      state = u.state();
      net.setParameters(params);
      average = ema.update(params, average);
    }
    double last = euclideanLoss(net, z, t);
    assertTrue(last < initial / 100, "loss " + initial + " → " + last);
    net.setParameters(average.weights());
    double averaged = euclideanLoss(net, z, t);
    assertTrue(averaged < initial / 20, "EMA weights: loss " + initial + " → " + averaged);
  }

  @Test
  void adamMovesSamplesOntoFixedTargetsOnTheSphere() {
    Random r = new Random(43);
    OutputHead head = OutputHeads.sphere(2);
    float[] z = gaussian(r, N * 3);
    double[] raw = new double[N * 3];
    for (int i = 0; i < N; i++) {
      raw[3 * i] = z[3 * i] + 0.5 * z[3 * i + 1];
      raw[3 * i + 1] = Math.sin(z[3 * i + 2]);
      raw[3 * i + 2] = 1 + 0.3 * z[3 * i];
    }
    double[] t = new double[N * 3];
    head.forward(raw, N, t);
    Network net = Networks.mlp(new MlpSpec(3, 32, 2, 3), 44);
    float[] params = net.parameters();
    Optimizer opt = optimizer();
    Optimizer.State state = opt.init(params);
    double[] u = new double[N * 3];
    double[] x = new double[N * 3];
    double[] g = new double[N * 3];
    double[] gu = new double[N * 3];
    double[] log = new double[3];
    float[] gradU = new float[N * 3];
    double initial = 0;
    double last = 0;
    for (int step = 0; step <= STEPS; step++) {
      float[] out = net.forward(z, N);
      for (int j = 0; j < u.length; j++) {
        u[j] = out[j];
      }
      head.forward(u, N, x);
      double loss = 0;
      for (int i = 0; i < N; i++) {
        double d = head.manifold().log(java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3),
            java.util.Arrays.copyOfRange(t, 3 * i, 3 * i + 3), log);
        loss += d * d / N;
        for (int k = 0; k < 3; k++) {
          g[3 * i + k] = -2 * log[k] / N; // MATH.md §4: −2 log_x(t)/N
        }
      }
      if (step == 0) {
        initial = loss;
      }
      last = loss;
      if (step == STEPS) {
        break;
      }
      head.toAmbientGradient(g, N, g);
      head.backward(u, g, N, gu);
      for (int j = 0; j < gu.length; j++) {
        gradU[j] = (float) gu[j];
      }
      Optimizer.Update upd = opt.update(net.backward(gradU), state, params);
      Optimizers.applyUpdates(params, upd.updates());
      state = upd.state();
      net.setParameters(params);
    }
    assertTrue(last < initial / 100, "geodesic loss " + initial + " → " + last);
  }
}
