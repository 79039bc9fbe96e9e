package org.driftsim.gpu.nn;

import static org.driftsim.gpu.nn.ReferenceMlp.dot;
import static org.driftsim.gpu.nn.ReferenceMlp.norm;
import static org.driftsim.gpu.nn.ReferenceMlp.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ND4J float32 MLP against the float64 {@link ReferenceMlp} (forward and backward), the
 * reference's backward against central finite differences in float64, and the float32
 * network's own gradient against finite differences along directions (a step large enough for
 * float32, a 1e-2 bound relative to the gradient norm).
 */
class MlpTest {
  private static final MlpSpec SPEC = new MlpSpec(3, 16, 3, 4);
  private static final int BATCH = 9;

  private static float[] gaussian(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * r.nextGaussian());
    }
    return a;
  }

  private static void assertRelativeClose(double[] expected, double[] actual, double relative,
      String what) {
    double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], relative * scale, what + " [" + i + "]");
    }
  }

  @Test
  void forwardAndBackwardMatchTheFloat64Reference() {
    Random r = new Random(11);
    Network net = Networks.mlp(SPEC, 5);
    float[] z = gaussian(r, BATCH * 3, 1);
    double[] theta = toDouble(net.parameters());
    ReferenceMlp ref = new ReferenceMlp(SPEC);
    double[] expected = ref.forward(theta, toDouble(z), BATCH);
    double[] out = toDouble(net.forward(z, BATCH));
    assertRelativeClose(expected, out, 1e-5, "output");
    float[] gOut = gaussian(r, BATCH * 4, 1);
    double[] gradExpected = ref.backward(theta, toDouble(gOut));
    double[] grad = toDouble(net.backward(gOut));
    assertEquals(SPEC.parameterCount(), grad.length);
    // Every entry, relative to the largest: catches a wrong block (e.g. the biases).
    assertRelativeClose(gradExpected, grad, 1e-5, "gradient");
    assertTrue(norm(gradExpected) > 0);
  }

  @Test
  void referenceBackwardMatchesFiniteDifferences() {
    Random r = new Random(12);
    double[] theta = toDouble(Networks.mlp(SPEC, 6).parameters());
    for (int i = 0; i < theta.length; i++) {
      theta[i] += 0.1 * r.nextGaussian(); // nonzero biases too
    }
    double[] z = toDouble(gaussian(r, BATCH * 3, 1));
    double[] g = toDouble(gaussian(r, BATCH * 4, 1));
    ReferenceMlp ref = new ReferenceMlp(SPEC);
    ref.forward(theta, z, BATCH);
    double[] grad = ref.backward(theta, g);
    double h = 1e-6;
    double scale = Arrays.stream(grad).map(Math::abs).max().orElse(0);
    for (int i = 0; i < theta.length; i++) {
      double keep = theta[i];
      theta[i] = keep + h;
      double plus = dot(g, ref.forward(theta, z, BATCH));
      theta[i] = keep - h;
      double minus = dot(g, ref.forward(theta, z, BATCH));
      theta[i] = keep;
      assertEquals((plus - minus) / (2 * h), grad[i], 1e-7 * scale, "parameter " + i);
    }
  }

  @Test
  void float32GradientMatchesFiniteDifferencesAlongDirections() {
    Random r = new Random(13);
    Network net = Networks.mlp(SPEC, 7);
    float[] theta = net.parameters();
    float[] z = gaussian(r, BATCH * 3, 1);
    float[] gOut = gaussian(r, BATCH * 4, 1);
    net.forward(z, BATCH);
    double[] grad = toDouble(net.backward(gOut).clone());
    double gradNorm = norm(grad);
    double[][] directions = {grad.clone(), toDouble(gaussian(r, theta.length, 1)),
        toDouble(gaussian(r, theta.length, 1))};
    for (double[] v : directions) {
      double vn = norm(v);
      for (int i = 0; i < v.length; i++) {
        v[i] /= vn;
      }
      // h·v moves each entry by about 1e-2/√P ≈ 4e-4, far above float32 rounding of θ.
      double h = 1e-2;
      double plus = loss(net, theta, v, h, z, gOut);
      double minus = loss(net, theta, v, -h, z, gOut);
      double fd = (plus - minus) / (2 * h);
      assertEquals(fd, dot(grad, v), 1e-2 * gradNorm, "directional derivative");
    }
  }

  private static double loss(Network net, float[] theta, double[] v, double h, float[] z,
      float[] gOut) {
    float[] p = new float[theta.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (theta[i] + h * v[i]);
    }
    net.setParameters(p);
    double l = dot(toDouble(gOut), toDouble(net.forward(z, BATCH)));
    net.setParameters(theta);
    return l;
  }

  @Test
  void siluGradientIsFiniteForLargePreActivations() {
    // ND4J's own swish gradient is NaN above ≈ 44.4; ours is σ + a − aσ.
    MlpSpec spec = new MlpSpec(2, 8, 2, 2);
    Network net = Networks.mlp(spec, 8);
    float[] theta = net.parameters();
    for (int i = 0; i < theta.length; i++) {
      theta[i] *= 40;
    }
    net.setParameters(theta);
    Random r = new Random(14);
    float[] z = gaussian(r, 6 * 2, 3);
    float[] gOut = gaussian(r, 6 * 2, 1);
    ReferenceMlp ref = new ReferenceMlp(spec);
    double[] out = ref.forward(toDouble(theta), toDouble(z), 6);
    assertTrue(Arrays.stream(out).map(Math::abs).max().orElse(0) > 1e3, "large activations");
    net.forward(z, 6);
    double[] grad = toDouble(net.backward(gOut));
    double[] expected = ref.backward(toDouble(theta), toDouble(gOut));
    assertTrue(Arrays.stream(grad).allMatch(Double::isFinite), "finite gradient");
    assertRelativeClose(expected, grad, 1e-5, "gradient at large activations");
  }

  @Test
  void initializationIsSeededAndScaled() {
    MlpSpec spec = new MlpSpec(64, 64, 2, 8);
    float[] a = Networks.mlp(spec, 42).parameters();
    assertArrayEquals(a, Networks.mlp(spec, 42).parameters(), "same seed, same weights");
    assertFalse(Arrays.equals(a, Networks.mlp(spec, 43).parameters()), "another seed");
    // Layer 1 (64×64, He-normal): std √(2/64) = 0.177; 4096 draws give the std within 5%.
    int off = 64 * 64 + 64;
    double ss = 0;
    for (int i = off; i < off + 64 * 64; i++) {
      ss += a[i] * a[i];
    }
    assertEquals(Math.sqrt(2.0 / 64), Math.sqrt(ss / (64 * 64)), 0.05 * Math.sqrt(2.0 / 64));
    for (int i = off + 64 * 64; i < off + 64 * 64 + 64; i++) {
      assertEquals(0f, a[i], "biases start at 0");
    }
    // Output layer (64×8, Glorot-uniform): every weight within ±√(6/72).
    int out = 2 * (64 * 64 + 64);
    double limit = Math.sqrt(6.0 / 72);
    for (int i = out; i < out + 64 * 8; i++) {
      assertTrue(Math.abs(a[i]) <= limit * (1 + 1e-6), "output weight " + a[i]);
    }
  }

  @Test
  void parametersRoundTripAndBatchSizesChange() {
    Network net = Networks.mlp(SPEC, 9);
    Random r = new Random(15);
    float[] p = gaussian(r, SPEC.parameterCount(), 0.3);
    net.setParameters(p);
    assertArrayEquals(p, net.parameters());
    ReferenceMlp ref = new ReferenceMlp(SPEC);
    for (int batch : new int[] {5, 1, 5, 12}) {
      float[] z = gaussian(r, batch * 3, 1);
      double[] expected = ref.forward(toDouble(p), toDouble(z), batch);
      double[] out = toDouble(net.forward(z, batch));
      assertEquals(batch * 4, out.length);
      assertRelativeClose(expected, out, 1e-5, "batch " + batch);
    }
    // Same batch size, same buffers: the outputs and gradients are not reallocated per step.
    float[] z = gaussian(r, 12 * 3, 1);
    float[] first = net.forward(z, 12);
    float[] grad = net.backward(new float[12 * 4]);
    assertSame(first, net.forward(z, 12));
    assertSame(grad, net.backward(new float[12 * 4]));
  }

  @Test
  void badArgumentsAreNamed() {
    Network net = Networks.mlp(SPEC, 1);
    assertEquals("backward needs a forward pass first", assertThrows(
        IllegalStateException.class, () -> net.backward(new float[4])).getMessage());
    assertEquals("z must hold 2 rows of 3 (6 values), got 5 values", assertThrows(
        IllegalArgumentException.class, () -> net.forward(new float[5], 2)).getMessage());
    assertEquals("parameters must have length " + SPEC.parameterCount() + ", got 3",
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new float[3]))
            .getMessage());
    assertEquals("depth must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new MlpSpec(3, 16, 0, 4)).getMessage());
    net.forward(new float[6], 2);
    assertEquals("gradOutput must hold 2 rows of 4 (8 values), got 7 values", assertThrows(
        IllegalArgumentException.class, () -> net.backward(new float[7])).getMessage());
  }
}
