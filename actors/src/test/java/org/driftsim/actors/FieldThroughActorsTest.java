package org.driftsim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.gpu.Engines;
import org.driftsim.gpu.FieldEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The field through P partition actors on the embedded one-node cluster equals the field of the
 * {@code nd4j} engine called directly on the same P shards, for every geometry and field.
 */
class FieldThroughActorsTest {
  private static DriftsimNode node;
  private static FieldEngine<?> direct;

  @BeforeAll
  static void start() throws Exception {
    node = DriftsimNode.start(Settings.defaults(), ConfigFactory.empty());
    node.awaitUp(Duration.ofSeconds(30));
    direct = Engines.create("nd4j", 1);
  }

  @AfterAll
  static void stop() {
    direct.close();
    node.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    Manifold[] manifolds = {new Euclidean(3), new Sphere(2), new Hyperboloid(2),
        new FisherRaoSimplex(3, 2)};
    for (Manifold m : manifolds) {
      for (FieldType f : FieldType.values()) {
        if (f == FieldType.DENG_CODED && !(m instanceof Euclidean)) {
          continue;
        }
        for (int p : new int[] {1, 3, 8}) {
          out.add(Arguments.of(m, f, p));
        }
      }
    }
    return out.stream();
  }

  static double[][] points(Manifold m, int n, Random r) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] raw = new double[m.ambientDimension()];
      for (int k = 0; k < raw.length; k++) {
        raw[k] = m instanceof FisherRaoSimplex ? 0.05 + r.nextDouble() : r.nextGaussian() * 0.6;
      }
      if (m instanceof FisherRaoSimplex s) { // normalize each position, then take √p
        int k = s.categories();
        for (int l = 0; l < s.sequenceLength(); l++) {
          double sum = 0;
          for (int c = 0; c < k; c++) {
            sum += raw[l * k + c];
          }
          for (int c = 0; c < k; c++) {
            raw[l * k + c] /= sum;
          }
        }
      }
      out[i] = m instanceof Euclidean ? raw : m.fromData(raw);
    }
    return out;
  }

  static List<ReferenceSet> shards(ReferenceSet set, int parts) {
    List<ReferenceSet> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(set.slice(JobCoordinator.split(set.size(), parts, p),
          JobCoordinator.split(set.size(), parts, p + 1)));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} P={2}")
  @MethodSource("cases")
  void actorsMatchTheEngineCalledDirectly(Manifold m, FieldType type, int parts) throws Exception {
    Random r = new Random(31L * parts + type.ordinal() + 7L * m.ambientDimension());
    int n = 37;
    double[][] x = points(m, n, r);
    QueryBatch queries = QueryBatch.of(x);
    ReferenceSet pos = ReferenceSet.of(Side.POSITIVE, points(m, 53, r));
    double[][] negPoints = points(m, 41, r);
    long[] negIds = new long[negPoints.length];
    double[] negWeights = new double[negPoints.length];
    for (int j = 0; j < negIds.length; j++) {
      negIds[j] = j < 10 ? j : ReferenceSet.NO_ID; // ten negatives are queries' own copies
      if (j < 10) {
        negPoints[j] = x[j].clone();
      }
      negWeights[j] = 0.5 + r.nextDouble();
    }
    ReferenceSet neg = new ReferenceSet(Side.NEGATIVE, negPoints, negWeights, negIds);
    FieldSpec spec = type == FieldType.DENG_CODED ? FieldSpec.dengCoded(List.of(0.5, 1.0))
        : FieldSpec.of(type, KernelSpec.parse("laplace(tau=0.5)"), List.of(0.3, 0.8));

    List<ReferenceSet> posShards = shards(pos, parts);
    List<ReferenceSet> negShards = shards(neg, parts);
    List<ReferenceSet> all = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      all.add(posShards.get(p));
      all.add(negShards.get(p));
    }
    @SuppressWarnings("unchecked")
    double[][] expected = Engines.compute((FieldEngine<Object>) direct, spec, m, queries, all);

    // A small message budget, so that queries travel in several blocks.
    SimulationJob.Runtime runtime = new SimulationJob.Runtime(Duration.ofSeconds(30), 2, 4096);
    JobCoordinator.Outcome out = node.ask(replyTo -> new JobCoordinator.ComputeField("field",
        spec, m, queries, posShards, negShards, runtime, replyTo), Duration.ofSeconds(60));
    JobCoordinator.FieldComputed computed = assertInstanceOf(JobCoordinator.FieldComputed.class,
        out, () -> out.toString());
    assertEquals(n, computed.field().length);
    assertClose(expected, computed.field(), "the engine on the same " + parts + " shards");
    // And what the engine computes from the unsplit sets (driftsim field --engine nd4j).
    @SuppressWarnings("unchecked")
    double[][] unsplit = Engines.compute((FieldEngine<Object>) direct, spec, m, queries,
        List.of(pos, neg));
    assertClose(unsplit, computed.field(), "the engine on the unsplit sets");
  }

  private static void assertClose(double[][] expected, double[][] actual, String what) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < expected.length; i++) {
      for (int k = 0; k < expected[i].length; k++) {
        double diff = actual[i][k] - expected[i][k];
        num += diff * diff;
        den += expected[i][k] * expected[i][k];
      }
    }
    assertTrue(den > 0 && Math.sqrt(num) <= 1e-5 * Math.sqrt(den),
        "relative difference " + Math.sqrt(num / den) + " from " + what);
  }
}
