package org.driftsim.gpu.nn;

/**
 * A float64 SiLU MLP on the flat parameter layout of the ND4J network (per layer: W row-major
 * [fanIn, fanOut], then b), written as plainly as possible: the reference the float32 network
 * is compared with, and the function finite differences are taken of.
 */
final class ReferenceMlp {
  private final MlpSpec spec;
  private double[][] pre; // per hidden layer, [B·width]
  private double[][] act; // activations: act[0] = z, act[l+1] = silu(pre[l])
  private int batch;

  ReferenceMlp(MlpSpec spec) {
    this.spec = spec;
  }

  private int fanIn(int l) {
    return l == 0 ? spec.inputDimension() : spec.width();
  }

  private int fanOut(int l) {
    return l == spec.depth() ? spec.outputDimension() : spec.width();
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** f_θ(z) for {@code batch} rows, [batch, outputDimension]. */
  double[] forward(double[] theta, double[] z, int batch) {
    this.batch = batch;
    int layers = spec.depth() + 1;
    pre = new double[layers][];
    act = new double[layers + 1][];
    act[0] = z.clone();
    int off = 0;
    for (int l = 0; l < layers; l++) {
      int in = fanIn(l);
      int out = fanOut(l);
      double[] y = new double[batch * out];
      for (int i = 0; i < batch; i++) {
        for (int o = 0; o < out; o++) {
          double s = theta[off + in * out + o];
          for (int k = 0; k < in; k++) {
            s += act[l][i * in + k] * theta[off + k * out + o];
          }
          y[i * out + o] = s;
        }
      }
      pre[l] = y;
      if (l < layers - 1) {
        double[] a = new double[y.length];
        for (int j = 0; j < y.length; j++) {
          a[j] = y[j] * sigmoid(y[j]);
        }
        act[l + 1] = a;
      } else {
        act[l + 1] = y;
      }
      off += in * out + out;
    }
    return act[layers];
  }

  /** The gradient of ⟨gradOut, f_θ(z)⟩ for the last forward pass. */
  double[] backward(double[] theta, double[] gradOut) {
    int layers = spec.depth() + 1;
    double[] grad = new double[theta.length];
    int[] offsets = new int[layers];
    for (int l = 1; l < layers; l++) {
      offsets[l] = offsets[l - 1] + fanIn(l - 1) * fanOut(l - 1) + fanOut(l - 1);
    }
    double[] delta = gradOut.clone();
    for (int l = layers - 1; l >= 0; l--) {
      int in = fanIn(l);
      int out = fanOut(l);
      if (l < layers - 1) {
        for (int j = 0; j < delta.length; j++) {
          double x = pre[l][j];
          double s = sigmoid(x);
          delta[j] *= s * (1 + x * (1 - s));
        }
      }
      int off = offsets[l];
      double[] next = new double[batch * in];
      for (int i = 0; i < batch; i++) {
        for (int o = 0; o < out; o++) {
          double d = delta[i * out + o];
          grad[off + in * out + o] += d;
          for (int k = 0; k < in; k++) {
            grad[off + k * out + o] += act[l][i * in + k] * d;
            next[i * in + k] += d * theta[off + k * out + o];
          }
        }
      }
      delta = next;
    }
    return grad;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
