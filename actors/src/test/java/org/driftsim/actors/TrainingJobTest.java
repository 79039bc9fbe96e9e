package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.field.DriftFields;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A training job through the coordinator and real partitions (embedded node, float64
 * {@code reference} engine) with a scripted {@link Trainer}: each step's field equals the
 * float64 reference field of that step's positives and negatives (the batch, each sample
 * skipping itself, and the extra negatives), whichever way they are sharded; positives a batch
 * carries replace the resident ones; a trainer's exception fails the job naming the step, and the
 * node takes the next job.
 */
class TrainingJobTest {
  private static DriftsimNode node;
  private static final Manifold SPHERE = new Sphere(2);
  private static final FieldSpec SPEC = FieldSpec.of(FieldType.GRADIENT,
      KernelSpec.parse("laplace(tau=0.3)"), List.of(0.3));

  @BeforeAll
  static void start() throws Exception {
    node = DriftsimNode.start(Settings.of(ConfigFactory.parseString(
        "driftsim.runtime.engine = reference"), "test"), ConfigFactory.empty());
    node.awaitUp(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static double[][] sphere(int n, Random r) {
    double[][] out = new double[n][3];
    for (double[] p : out) {
      double s = 0;
      for (int k = 0; k < 3; k++) {
        p[k] = r.nextGaussian() + (k == 2 ? 1.5 : 0);
        s += p[k] * p[k];
      }
      s = Math.sqrt(s);
      for (int k = 0; k < 3; k++) {
        p[k] /= s;
      }
    }
    return out;
  }

  /** Step 0: the batch alone; step 1: new positives; step 2: extra negatives too. */
  private static final class Scripted implements Trainer {
    final double[][] initial;
    final List<double[][]> expected = new ArrayList<>();
    final List<double[][]> received = new ArrayList<>();
    final int failAt;
    double[][] positives;

    Scripted(double[][] initial, int failAt) {
      this.initial = initial;
      this.positives = initial;
      this.failAt = failAt;
    }

    @Override
    public Batch generate(long step) {
      Random r = new Random(100 + step);
      double[][] x = sphere(37, r);
      double[][] pos = step == 1 ? sphere(23, r) : null;
      double[][] extra = step == 2 ? sphere(11, r) : new double[0][];
      if (pos != null) {
        positives = pos;
      }
      long[] ids = new long[x.length + extra.length];
      double[] w = new double[ids.length];
      Arrays.fill(w, 1.0);
      double[][] negatives = new double[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = i;
        negatives[i] = i < x.length ? x[i] : extra[i - x.length];
      }
      long[] queryIds = Arrays.copyOf(ids, x.length);
      expected.add(DriftFields.compute(SPEC, SPHERE, new QueryBatch(x, queryIds),
          ReferenceSet.of(Side.POSITIVE, positives),
          new ReferenceSet(Side.NEGATIVE, negatives, w, ids)));
      return new Batch(x, pos, extra);
    }

    @Override
    public void update(long step, double[][] field, FieldInfo info) {
      if (step == failAt) {
        throw new IllegalStateException("boom");
      }
      received.add(field);
    }
  }

  private static JobCoordinator.Outcome run(Scripted t, int banks, int particles, int steps)
      throws Exception {
    TrainingJob job = new TrainingJob("train-test", SPHERE, SPEC, t.initial, 0, steps, banks,
        particles, t, new SimulationJob.Runtime(Duration.ofSeconds(30), 3, 4_194_304));
    return node.ask(replyTo -> new JobCoordinator.RunTraining(job, replyTo),
        Duration.ofMinutes(2));
  }

  @Test
  void everyStepsFieldIsTheReferenceFieldOfItsBatchWhateverTheSharding() throws Exception {
    for (int[] layout : new int[][] {{1, 1}, {3, 2}}) {
      Scripted t = new Scripted(sphere(29, new Random(7)), -1);
      JobCoordinator.Outcome out = run(t, layout[0], layout[1], 3);
      assertEquals(new JobCoordinator.TrainingFinished(3), out);
      assertEquals(3, t.received.size());
      for (int s = 0; s < 3; s++) {
        double[][] want = t.expected.get(s);
        double[][] got = t.received.get(s);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
          for (int k = 0; k < 3; k++) {
            assertEquals(want[i][k], got[i][k], 1e-12 * (1 + Math.abs(want[i][k])),
                "layout " + Arrays.toString(layout) + ", step " + s + ", row " + i);
          }
        }
      }
    }
  }

  @Test
  void aTrainerExceptionFailsTheJobNamingTheStepAndTheNodeTakesTheNextJob() throws Exception {
    Scripted failing = new Scripted(sphere(29, new Random(8)), 1);
    JobCoordinator.Outcome out = run(failing, 2, 2, 3);
    JobCoordinator.JobFailed f = assertInstanceOf(JobCoordinator.JobFailed.class, out);
    assertEquals("job train-test: updating the generator at step 1:"
        + " java.lang.IllegalStateException: boom", f.reason());
    Scripted next = new Scripted(sphere(29, new Random(9)), -1);
    assertEquals(new JobCoordinator.TrainingFinished(2), run(next, 2, 2, 2));
  }
}
