package org.driftsim.gpu.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.nn.MlpSpec;
import org.driftsim.gpu.nn.Networks;
import org.driftsim.gpu.nn.OutputHeads;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizers;
import org.driftsim.gpu.optim.Schedule;
import org.junit.jupiter.api.Test;

/**
 * Drifting trains: a small MLP generator on R², with the float64 reference field (gradient
 * field, Laplace kernel; negatives = the batch itself), moves its samples onto a Gaussian
 * target far from where it starts.
 */
class GeneratorTest {
  static double[] mean(double[][] points) {
    double[] m = new double[points[0].length];
    for (double[] p : points) {
      for (int k = 0; k < m.length; k++) {
        m[k] += p[k] / points.length;
      }
    }
    return m;
  }

  @Test
  void drivingByTheFieldMovesTheSamplesOntoTheTarget() {
    Manifold r2 = new Euclidean(2);
    Random r = new Random(7);
    double[][] data = new double[256][];
    for (int i = 0; i < data.length; i++) {
      data[i] = new double[] {2 + 0.3 * r.nextGaussian(), -1 + 0.3 * r.nextGaussian()};
    }
    Generator gen = new Generator(Networks.mlp(new MlpSpec(4, 32, 2, 2), 3),
        OutputHeads.identity(2), Optimizers.adam(Schedule.constant(3e-3), 0.9, 0.999, 1e-8),
        new Ema(0.99));
    FieldSpec spec = FieldSpec.of(FieldType.GRADIENT, KernelSpec.parse("laplace(tau=0.5)"),
        List.of(0.5));
    int batch = 128;
    float[] z = new float[batch * 4];
    double[] start = null;
    double[][] x = null;
    double firstLoss = 0;
    double lastLoss = 0;
    for (int step = 0; step < 300; step++) {
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) r.nextGaussian();
      }
      x = gen.generate(z, batch);
      if (start == null) {
        start = mean(x);
      }
      QueryBatch q = QueryBatch.of(x);
      double[] ones = new double[batch];
      java.util.Arrays.fill(ones, 1.0);
      double[][] v = DriftFields.computeSharded(spec, r2, q, List.of(
          ReferenceSet.of(Side.POSITIVE, data),
          new ReferenceSet(Side.NEGATIVE, x, ones, q.ids())));
      Generator.Step s = gen.step(v, 1.0, Double.POSITIVE_INFINITY);
      assertTrue(Double.isFinite(s.loss()) && Double.isFinite(s.gradNorm()), "step " + step);
      if (step == 0) {
        firstLoss = s.loss();
      }
      lastLoss = s.loss();
    }
    double[] end = mean(x);
    double before = Math.hypot(start[0] - 2, start[1] + 1);
    double after = Math.hypot(end[0] - 2, end[1] + 1);
    assertTrue(before > 1.5, "the generator starts away from the target: " + before);
    assertTrue(after < 0.15, "mean distance to the target's mean after training: " + after);
    assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " → " + lastLoss);
  }

  @Test
  void aStepNeedsAGeneratedBatchAndShapesMustMatch() {
    Generator gen = new Generator(Networks.mlp(new MlpSpec(2, 4, 1, 2), 1),
        OutputHeads.identity(2), Optimizers.adam(Schedule.constant(1e-3), 0.9, 0.999, 1e-8),
        new Ema(0.9));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> gen.step(new double[1][2], 1, 1));
    assertEquals("step() needs a generate() first", e.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new Generator(Networks.mlp(new MlpSpec(2, 4, 1, 3), 1), OutputHeads.identity(2),
            Optimizers.adam(Schedule.constant(1e-3), 0.9, 0.999, 1e-8), new Ema(0.9)));
    assertEquals("network outputs must match the head's inputs, got 3 and 2", bad.getMessage());
  }
}
