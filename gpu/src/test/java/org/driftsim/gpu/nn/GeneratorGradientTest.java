package org.driftsim.gpu.nn;

import static org.driftsim.gpu.nn.ReferenceMlp.dot;
import static org.driftsim.gpu.nn.ReferenceMlp.norm;
import static org.driftsim.gpu.nn.ReferenceMlp.toDouble;
import static org.driftsim.gpu.nn.ReferenceMlp.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.geometry.Manifold;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole generator gradient of MATH.md §4 — the float32 ND4J network, the head's backward,
 * the Riemannian loss gradient {@code −2 log_x(t)/N} made ambient — against central finite
 * differences of {@code mean dist(head(f_θ(z)), t)²} computed in float64 with the reference MLP
 * and the geometry module, along the gradient and along random directions.
 */
class GeneratorGradientTest {

  static Stream<OutputHead> heads() {
    return Stream.of(OutputHeads.identity(3), OutputHeads.sphere(2),
        OutputHeads.hyperboloid(2, 80), OutputHeads.simplex(3, 2));
  }

  private static double[] gaussian(Random r, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * r.nextGaussian();
    }
    return a;
  }

  private static double loss(OutputHead head, double[] u, double[] t, int batch) {
    int m = head.outputDimension();
    double[] x = new double[batch * m];
    head.forward(u, batch, x);
    double s = 0;
    for (int i = 0; i < batch; i++) {
      double d = head.manifold().distance(Arrays.copyOfRange(x, i * m, (i + 1) * m),
          Arrays.copyOfRange(t, i * m, (i + 1) * m));
      s += d * d;
    }
    return s / batch;
  }

  /** {@code toAmbientGradient(−2 log_x(t)/N)} pulled back through the head: dL/du. */
  private static double[] outputGradient(OutputHead head, double[] u, double[] t, int batch) {
    Manifold manifold = head.manifold();
    int m = head.outputDimension();
    double[] x = new double[batch * m];
    head.forward(u, batch, x);
    double[] g = new double[batch * m];
    for (int i = 0; i < batch; i++) {
      double[] log = manifold.log(Arrays.copyOfRange(x, i * m, (i + 1) * m),
          Arrays.copyOfRange(t, i * m, (i + 1) * m));
      for (int k = 0; k < m; k++) {
        g[i * m + k] = -2 * log[k] / batch;
      }
    }
    head.toAmbientGradient(g, batch, g);
    double[] gu = new double[batch * head.inputDimension()];
    head.backward(u, g, batch, gu);
    return gu;
  }

  @ParameterizedTest
  @MethodSource("heads")
  void generatorGradientMatchesFiniteDifferences(OutputHead head) {
    MlpSpec spec = new MlpSpec(3, 16, 2, head.inputDimension());
    Network net = Networks.mlp(spec, 31);
    Random r = new Random(32);
    int batch = 6;
    float[] z = toFloat(gaussian(r, batch * 3, 1));
    double[] t = new double[batch * head.outputDimension()];
    head.forward(gaussian(r, batch * head.inputDimension(), 1), batch, t);

    double[] u = toDouble(net.forward(z, batch));
    double[] gu = outputGradient(head, u, t, batch);
    double[] grad = toDouble(net.backward(toFloat(gu)));

    double[] theta = toDouble(net.parameters());
    ReferenceMlp ref = new ReferenceMlp(spec);
    double[] z64 = toDouble(z);
    // Entry by entry against float64 back-propagation of the same loss.
    double[] u64 = ref.forward(theta, z64, batch);
    double[] expected = ref.backward(theta, outputGradient(head, u64, t, batch));
    double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
    for (int i = 0; i < grad.length; i++) {
      assertEquals(expected[i], grad[i], 1e-4 * scale, head + ", parameter " + i);
    }
    // Along directions against finite differences of the float64 loss.
    double gradNorm = norm(grad);
    double[][] directions = {grad.clone(), gaussian(r, grad.length, 1),
        gaussian(r, grad.length, 1)};
    double h = 1e-5;
    for (double[] v : directions) {
      double vn = norm(v);
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      for (int i = 0; i < v.length; i++) {
        v[i] /= vn;
        plus[i] += h * v[i];
        minus[i] -= h * v[i];
      }
      double fd = (loss(head, ref.forward(plus, z64, batch), t, batch)
          - loss(head, ref.forward(minus, z64, batch), t, batch)) / (2 * h);
      assertEquals(fd, dot(grad, v), 1e-4 * gradNorm, head + ": directional derivative");
    }
  }
}
