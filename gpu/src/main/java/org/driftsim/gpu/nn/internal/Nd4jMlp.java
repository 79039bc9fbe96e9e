package org.driftsim.gpu.nn.internal;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.driftsim.gpu.nn.MlpSpec;
import org.driftsim.gpu.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SiLU MLP on ND4J float32 with a hand-written backward pass (MATH.md §4; why not SameDiff:
 * docs/ARCHITECTURE.md). Batch-major: activations are {@code [B, features]}.
 *
 * <p>Layers {@code l = 0 … depth}: {@code pre_l = a_l W_l + b_l}, {@code a_{l+1} = silu(pre_l)}
 * for the hidden ones, the last one linear. SiLU is {@code x·σ(x)} written out (σ by ND4J's
 * sigmoid op, the product in place), its derivative {@code σ + a − aσ} from the stored
 * {@code σ} and {@code a}: ND4J's own swish gradient returns NaN above about 44.4. Every matrix
 * product is an {@code Nd4j.gemm} into a preallocated array (the bias gradients too, as
 * {@code 1ᵀ·δ}); element-wise work is in place.
 *
 * <p>Flat parameter layout: for each layer in order, {@code W_l} row-major
 * {@code [fan_in, fan_out]}, then {@code b_l [fan_out]}. The host copy is the flat
 * {@code float[]}; the device arrays are written by {@link #setParameters} and read back by
 * {@link #parameters} and {@link #backward} (bulk copies of {@code parameterCount()} floats).
 */
public final class Nd4jMlp implements Network {
  private static final AffinityManager.Location HOST = AffinityManager.Location.HOST;

  private final MlpSpec spec;
  private final int depth;
  private final int[] fanIn;
  private final int[] fanOut;
  private final int[] offset; // flat offset of W_l; b_l follows it
  private final INDArray[] w; // [fanIn, fanOut]
  private final INDArray[] b; // [1, fanOut]
  private final INDArray[] dw; // [fanIn, fanOut]
  private final INDArray[] db; // [1, fanOut]
  private final float[] grad; // [P], returned by backward
  private Buffers buffers;
  private boolean forwardDone;

  /** Activations and their gradients for one batch size. */
  private static final class Buffers {
    final int batch;
    final INDArray input; // [B, k]
    final INDArray[] pre; // depth × [B, width]
    final INDArray[] sig; // depth × [B, width]
    final INDArray[] act; // depth × [B, width]
    final INDArray out; // [B, D]
    final INDArray gradOut; // [B, D]
    final INDArray deltaA; // [B, width]
    final INDArray deltaB; // [B, width]
    final INDArray tmp; // [B, width]
    final INDArray ones; // [B, 1]
    final float[] outHost; // [B·D], returned by forward

    Buffers(MlpSpec spec, int batch) {
      this.batch = batch;
      int width = spec.width();
      input = Nd4j.create(DataType.FLOAT, batch, spec.inputDimension());
      pre = new INDArray[spec.depth()];
      sig = new INDArray[spec.depth()];
      act = new INDArray[spec.depth()];
      for (int l = 0; l < spec.depth(); l++) {
        pre[l] = Nd4j.create(DataType.FLOAT, batch, width);
        sig[l] = Nd4j.create(DataType.FLOAT, batch, width);
        act[l] = Nd4j.create(DataType.FLOAT, batch, width);
      }
      out = Nd4j.create(DataType.FLOAT, batch, spec.outputDimension());
      gradOut = Nd4j.create(DataType.FLOAT, batch, spec.outputDimension());
      deltaA = Nd4j.create(DataType.FLOAT, batch, width);
      deltaB = Nd4j.create(DataType.FLOAT, batch, width);
      tmp = Nd4j.create(DataType.FLOAT, batch, width);
      ones = Nd4j.ones(DataType.FLOAT, batch, 1);
      outHost = new float[batch * spec.outputDimension()];
    }
  }

  /** A network initialized from {@code seed} as {@link org.driftsim.gpu.nn.Networks#mlp} says. */
  public Nd4jMlp(MlpSpec spec, long seed) {
    this.spec = spec;
    this.depth = spec.depth();
    int layers = depth + 1;
    fanIn = new int[layers];
    fanOut = new int[layers];
    offset = new int[layers];
    w = new INDArray[layers];
    b = new INDArray[layers];
    dw = new INDArray[layers];
    db = new INDArray[layers];
    int at = 0;
    for (int l = 0; l < layers; l++) {
      fanIn[l] = l == 0 ? spec.inputDimension() : spec.width();
      fanOut[l] = l == depth ? spec.outputDimension() : spec.width();
      offset[l] = at;
      at += fanIn[l] * fanOut[l] + fanOut[l];
      w[l] = Nd4j.create(DataType.FLOAT, fanIn[l], fanOut[l]);
      b[l] = Nd4j.create(DataType.FLOAT, 1, fanOut[l]);
      dw[l] = Nd4j.create(DataType.FLOAT, fanIn[l], fanOut[l]);
      db[l] = Nd4j.create(DataType.FLOAT, 1, fanOut[l]);
    }
    if (at != spec.parameterCount()) {
      throw new IllegalStateException("layout has " + at + " parameters, spec says "
          + spec.parameterCount());
    }
    grad = new float[at];
    setParameters(initialParameters(seed));
  }

  /** He-normal hidden layers, Glorot-uniform output layer, zero biases; one seeded stream. */
  private float[] initialParameters(long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    float[] p = new float[spec.parameterCount()];
    for (int l = 0; l <= depth; l++) {
      int n = fanIn[l] * fanOut[l];
      if (l < depth) {
        double std = Math.sqrt(2.0 / fanIn[l]);
        for (int i = 0; i < n; i++) {
          p[offset[l] + i] = (float) (std * rng.nextGaussian());
        }
      } else {
        double limit = Math.sqrt(6.0 / (fanIn[l] + fanOut[l]));
        for (int i = 0; i < n; i++) {
          p[offset[l] + i] = (float) (limit * (2.0 * rng.nextDouble() - 1.0));
        }
      }
      // biases stay 0
    }
    return p;
  }

  /** The shape. */
  public MlpSpec spec() {
    return spec;
  }

  @Override
  public int inputDimension() {
    return spec.inputDimension();
  }

  @Override
  public int outputDimension() {
    return spec.outputDimension();
  }

  @Override
  public int parameterCount() {
    return grad.length;
  }

  @Override
  public float[] parameters() {
    float[] p = new float[grad.length];
    for (int l = 0; l <= depth; l++) {
      read(w[l], p, offset[l], fanIn[l] * fanOut[l]);
      read(b[l], p, offset[l] + fanIn[l] * fanOut[l], fanOut[l]);
    }
    return p;
  }

  @Override
  public void setParameters(float[] values) {
    if (values == null || values.length != grad.length) {
      throw new IllegalArgumentException("parameters must have length " + grad.length
          + ", got " + (values == null ? "null" : values.length));
    }
    for (int l = 0; l <= depth; l++) {
      write(values, offset[l], w[l], fanIn[l] * fanOut[l]);
      write(values, offset[l] + fanIn[l] * fanOut[l], b[l], fanOut[l]);
    }
  }

  @Override
  public float[] forward(float[] z, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    long needed = (long) batch * spec.inputDimension();
    if (z == null || z.length < needed) {
      throw new IllegalArgumentException("z must hold " + batch + " rows of "
          + spec.inputDimension() + " (" + needed + " values), got "
          + (z == null ? "null" : z.length + " values"));
    }
    if (buffers == null || buffers.batch != batch) {
      buffers = null; // let the old ones go before allocating the new
      buffers = new Buffers(spec, batch);
    }
    Buffers s = buffers;
    write(z, 0, s.input, (int) needed);
    INDArray a = s.input; // [B, fanIn]
    for (int l = 0; l < depth; l++) {
      Nd4j.gemm(a, w[l], s.pre[l], false, false, 1.0, 0.0);
      s.pre[l].addiRowVector(b[l]);
      Nd4j.getExecutioner().exec(new Sigmoid(s.pre[l], s.sig[l]));
      s.pre[l].mul(s.sig[l], s.act[l]); // silu(x) = x·σ(x)
      a = s.act[l];
    }
    Nd4j.gemm(a, w[depth], s.out, false, false, 1.0, 0.0);
    s.out.addiRowVector(b[depth]);
    read(s.out, s.outHost, 0, s.outHost.length);
    forwardDone = true;
    return s.outHost;
  }

  @Override
  public float[] backward(float[] gradOutput) {
    if (!forwardDone) {
      throw new IllegalStateException("backward needs a forward pass first");
    }
    Buffers s = buffers;
    int n = s.batch * spec.outputDimension();
    if (gradOutput == null || gradOutput.length < n) {
      throw new IllegalArgumentException("gradOutput must hold " + s.batch + " rows of "
          + spec.outputDimension() + " (" + n + " values), got "
          + (gradOutput == null ? "null" : gradOutput.length + " values"));
    }
    write(gradOutput, 0, s.gradOut, n);
    INDArray delta = s.gradOut; // dL/dpre of the current layer, [B, fanOut]
    for (int l = depth; l >= 0; l--) {
      if (l < depth) {
        // δ ← δ ⊙ silu'(pre) with silu' = σ + a − a·σ (σ, a stored by forward).
        s.act[l].mul(s.sig[l], s.tmp);
        s.tmp.rsubi(s.act[l]);
        s.tmp.addi(s.sig[l]);
        delta.muli(s.tmp);
      }
      INDArray in = l == 0 ? s.input : s.act[l - 1]; // [B, fanIn]
      Nd4j.gemm(in, delta, dw[l], true, false, 1.0, 0.0);
      Nd4j.gemm(s.ones, delta, db[l], true, false, 1.0, 0.0);
      if (l > 0) {
        INDArray next = delta == s.deltaA ? s.deltaB : s.deltaA;
        Nd4j.gemm(delta, w[l], next, false, true, 1.0, 0.0); // [B, fanIn]
        delta = next;
      }
    }
    for (int l = 0; l <= depth; l++) {
      read(dw[l], grad, offset[l], fanIn[l] * fanOut[l]);
      read(db[l], grad, offset[l] + fanIn[l] * fanOut[l], fanOut[l]);
    }
    return grad;
  }

  /** Copies {@code n} floats of a (C-order, offset-0) array into {@code dst} at {@code at}. */
  private static void read(INDArray src, float[] dst, int at, int n) {
    Nd4j.getAffinityManager().ensureLocation(src, HOST);
    floats(src).get(0, dst, at, n);
  }

  /** Copies {@code n} floats from {@code src} at {@code at} into an array's storage. */
  private static void write(float[] src, int at, INDArray dst, int n) {
    Nd4j.getAffinityManager().ensureLocation(dst, HOST);
    floats(dst).put(0, src, at, n);
    Nd4j.getAffinityManager().tagLocation(dst, HOST);
  }

  private static FloatBuffer floats(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public String toString() {
    return "mlp(" + spec + ", silu)";
  }
}
