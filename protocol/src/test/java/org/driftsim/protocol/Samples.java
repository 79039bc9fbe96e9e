package org.driftsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;

/**
 * Sample wire messages, several per record (the first of each kind is its golden file), and a
 * field-by-field comparison: arrays element-wise, doubles by their bits (so −0.0, −∞ and NaN
 * payloads must survive exactly).
 */
final class Samples {
  static final double NEG_INF = Double.NEGATIVE_INFINITY;

  private Samples() {}

  /** Every sample, grouped by record class; the first of each group is the golden one. */
  static Map<Class<?>, List<WireMessage>> all(ActorRef<PartitionReply> replyTo) {
    Map<Class<?>, List<WireMessage>> out = new LinkedHashMap<>();
    Random rng = new Random(7301);
    RequestId partialsId = new RequestId("job-a", 12, Round.PARTIALS, 0, 0);
    RequestId sumsId = new RequestId("job-a", 12, Round.DENG_SUMS, 3, 2);
    ManifoldSpec r3 = new ManifoldSpec(Geometry.EUCLIDEAN, 3, 1);
    FieldSpec deng = FieldSpec.dengCoded(List.of(0.02, 0.05));
    FieldSpec gradient = new FieldSpec(FieldType.GRADIENT, List.of(
        new KernelSpec(KernelFamily.RQ, 0.2, 2.0, Double.NaN, 0),
        new KernelSpec(KernelFamily.MATERN, 0.3, Double.NaN, 0.7, 0),
        KernelSpec.of(KernelFamily.GAUSSIAN, 0.5)));
    FieldSpec spectral = new FieldSpec(FieldType.DENG, List.of(
        new KernelSpec(KernelFamily.SPECTRAL_MATERN, 0.3, Double.NaN, 1.5, 40),
        new KernelSpec(KernelFamily.SPECTRAL_HEAT, 0.3, Double.NaN, Double.NaN, 40)));
    QueryBatch queries = new QueryBatch(special(points(rng, 4, 3)),
        new long[] {0, ReferenceSet.NO_ID, Long.MAX_VALUE, -5});

    add(out, new PartitionCommand.Query(sumsId, deng, r3, queries,
        new DengCoded.Scale(1.25, 1.25, 0.72), new double[] {-1.5, NEG_INF, 0.0, 2.5, -0.0,
            3.0, 4.0, NEG_INF}, replyTo));
    add(out, new PartitionCommand.Query(partialsId, gradient, r3, queries, null, null,
        replyTo));
    add(out, new PartitionCommand.Query(new RequestId("job-a", 12, Round.DENG_ROWS, 0, 0),
        deng, r3, queries, new DengCoded.Scale(0.5, 0.5, 0.001), null, replyTo));
    add(out, new PartitionCommand.Query(partialsId, spectral,
        new ManifoldSpec(Geometry.SPHERE, 3, 1), QueryBatch.of(new double[0][]), null, null,
        replyTo));

    ReferenceSet refs = new ReferenceSet(Side.NEGATIVE, points(rng, 5, 3),
        new double[] {1.0, 0.0, 2.5, Double.MIN_VALUE, 1e300},
        new long[] {1, 2, ReferenceSet.NO_ID, 4, 5});
    add(out, new PartitionCommand.LoadReferences("job-a", r3, refs, replyTo));
    add(out, new PartitionCommand.LoadReferences("job-a",
        new ManifoldSpec(Geometry.SIMPLEX, 6, 2), ReferenceSet.of(Side.POSITIVE,
            new double[0][]), replyTo));
    add(out, new PartitionCommand.AppendReferences("job-b",
        ReferenceSet.of(Side.POSITIVE, points(rng, 3, 2)), 4096, replyTo));
    add(out, new PartitionCommand.GetParticles("job-a", 41, replyTo));
    add(out, new PartitionCommand.ApplyMoves("job-a", 41, new long[] {10, 11, 12},
        points(rng, 3, 3), 0.1, Double.POSITIVE_INFINITY, replyTo));
    add(out, new PartitionCommand.ApplyMoves("job-a", 42, new long[0], new double[0][], -0.5,
        0.25, replyTo));
    add(out, new PartitionCommand.Release("job-a", replyTo));
    add(out, new PartitionCommand.Ping("job-a", replyTo));

    add(out, new PartitionReply.PartialSumsReply(partialsId, 3, partials(rng, 3, 2, 3)));
    add(out, new PartitionReply.PartialSumsReply(partialsId, 0, Partials.identity(0, 1, 4)));
    add(out, new PartitionReply.ScaleSumsReply(new RequestId("job-a", 12, Round.DENG_SCALE, 0,
        0), 1, new DengCoded.ScaleSums(1234.5, 17.0)));
    add(out, new PartitionReply.RowSumsReply(new RequestId("job-a", 12, Round.DENG_ROWS, 0, 0),
        2, DengCoded.RowSums.of(2, 3, new double[] {-1.0, NEG_INF, -0.0, 3.5, -2.0, NEG_INF},
            new double[] {1.0, 0.0, 2.0, 1.5, 1.0, 0.0})));
    add(out, new PartitionReply.RowSumsReply(new RequestId("job-a", 12, Round.DENG_ROWS, 0, 0),
        2, DengCoded.RowSums.identity(3, 0)));
    add(out, new PartitionReply.DengSumsReply(sumsId, 4, DengCoded.Sums.of(2, 3, 2,
        values(rng, 6), values(rng, 6), values(rng, 12), values(rng, 12))));
    add(out, new PartitionReply.QueryFailed(sumsId, 5, "no references loaded for job-a"));
    add(out, new PartitionReply.Particles("job-a", 41, 1, special(points(rng, 4, 3)),
        new long[] {10, 11, 12, 13}));
    add(out, new PartitionReply.Particles("job-a", 41, 1, new double[0][], new long[0]));
    add(out, new PartitionReply.Ack("job-a", 1, PartitionReply.AckKind.MOVED, 41, 4));
    add(out, new PartitionReply.Ack("job-a", 0, PartitionReply.AckKind.LOADED, -1, 5));
    add(out, new PartitionReply.Status("job-a", 2, 100, 50, -1));
    return out;
  }

  /** The golden sample (the first) of each record class. */
  static Map<Class<?>, WireMessage> golden(ActorRef<PartitionReply> replyTo) {
    Map<Class<?>, WireMessage> out = new LinkedHashMap<>();
    all(replyTo).forEach((type, list) -> out.put(type, list.get(0)));
    return out;
  }

  /** Every sample in one list. */
  static List<WireMessage> list(ActorRef<PartitionReply> replyTo) {
    List<WireMessage> out = new ArrayList<>();
    all(replyTo).values().forEach(out::addAll);
    return out;
  }

  private static void add(Map<Class<?>, List<WireMessage>> out, WireMessage m) {
    out.computeIfAbsent(m.getClass(), k -> new ArrayList<>()).add(m);
  }

  static double[][] points(Random rng, int n, int d) {
    double[][] p = new double[n][d];
    for (double[] row : p) {
      for (int k = 0; k < d; k++) {
        row[k] = rng.nextGaussian();
      }
    }
    return p;
  }

  /** Puts values whose bits are easy to lose into the first row. */
  private static double[][] special(double[][] p) {
    p[0][0] = -0.0;
    p[0][1] = Double.MIN_VALUE; // subnormal
    p[0][2] = -Double.MAX_VALUE;
    return p;
  }

  private static double[] values(Random rng, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = rng.nextGaussian();
    }
    return v;
  }

  /** Partials with some empty slots (−∞ maxima, zero sums). */
  static Partials partials(Random rng, int n, int t, int d) {
    int slots = 2 * t * n;
    double[] denMax = values(rng, slots);
    double[] denSum = values(rng, slots);
    double[] numMax = values(rng, slots);
    double[] numSum = values(rng, slots * d);
    for (int s = 0; s < slots; s += 3) {
      denMax[s] = NEG_INF;
      denSum[s] = 0.0;
      numMax[s] = NEG_INF;
      Arrays.fill(numSum, s * d, (s + 1) * d, 0.0);
    }
    return Partials.of(n, t, d, denMax, denSum, numMax, numSum);
  }

  // ---------------------------------------------------------------- comparison

  /** Fails unless every field of {@code actual} equals {@code expected}'s (doubles by bits). */
  static void assertWireEquals(Object expected, Object actual) {
    compare(expected.getClass().getSimpleName(), expected, actual);
  }

  private static void compare(String path, Object expected, Object actual) {
    if (expected == null) {
      assertNull(actual, path);
      return;
    }
    assertNotNull(actual, path);
    assertEquals(expected.getClass(), actual.getClass(), path + ": class");
    if (expected instanceof double[] e) {
      assertBits(path, e, (double[]) actual);
    } else if (expected instanceof double[][] e) {
      double[][] a = (double[][]) actual;
      assertEquals(e.length, a.length, path + ": rows");
      for (int i = 0; i < e.length; i++) {
        assertBits(path + "[" + i + "]", e[i], a[i]);
      }
    } else if (expected instanceof long[] e) {
      assertEquals(Arrays.toString(e), Arrays.toString((long[]) actual), path);
    } else if (expected instanceof Double e) {
      assertEquals(Double.doubleToRawLongBits(e), Double.doubleToRawLongBits((Double) actual),
          path + ": expected " + e + ", found " + actual);
    } else if (expected instanceof List<?> e) {
      List<?> a = (List<?>) actual;
      assertEquals(e.size(), a.size(), path + ": size");
      for (int i = 0; i < e.size(); i++) {
        compare(path + "[" + i + "]", e.get(i), a.get(i));
      }
    } else if (expected instanceof Partials e) {
      Partials a = (Partials) actual;
      assertEquals(e.queries(), a.queries(), path + ".queries");
      assertEquals(e.temperatures(), a.temperatures(), path + ".temperatures");
      assertEquals(e.dimension(), a.dimension(), path + ".dimension");
      assertBits(path + ".denominatorMax", e.denominatorMax(), a.denominatorMax());
      assertBits(path + ".denominatorSum", e.denominatorSum(), a.denominatorSum());
      assertBits(path + ".numeratorMax", e.numeratorMax(), a.numeratorMax());
      assertBits(path + ".numeratorSum", e.numeratorSum(), a.numeratorSum());
    } else if (expected instanceof DengCoded.RowSums e) {
      DengCoded.RowSums a = (DengCoded.RowSums) actual;
      assertEquals(e.temperatures(), a.temperatures(), path + ".temperatures");
      assertEquals(e.queries(), a.queries(), path + ".queries");
      assertBits(path + ".max", e.max(), a.max());
      assertBits(path + ".sum", e.sum(), a.sum());
    } else if (expected instanceof DengCoded.Sums e) {
      DengCoded.Sums a = (DengCoded.Sums) actual;
      assertEquals(e.temperatures(), a.temperatures(), path + ".temperatures");
      assertEquals(e.queries(), a.queries(), path + ".queries");
      assertEquals(e.dimension(), a.dimension(), path + ".dimension");
      assertBits(path + ".positive", e.positive(), a.positive());
      assertBits(path + ".negative", e.negative(), a.negative());
      assertBits(path + ".positiveDirection", e.positiveDirection(), a.positiveDirection());
      assertBits(path + ".negativeDirection", e.negativeDirection(), a.negativeDirection());
    } else if (expected instanceof Record) {
      for (RecordComponent c : expected.getClass().getRecordComponents()) {
        try {
          compare(path + "." + c.getName(), c.getAccessor().invoke(expected),
              c.getAccessor().invoke(actual));
        } catch (ReflectiveOperationException e) {
          fail(path + "." + c.getName() + ": " + e);
        }
      }
    } else if (expected instanceof String || expected instanceof Number
        || expected instanceof Enum<?> || expected instanceof ActorRef<?>) {
      assertEquals(expected, actual, path);
    } else {
      fail(path + ": no comparison for " + expected.getClass().getName());
    }
  }

  private static void assertBits(String path, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, path + ": length");
    for (int k = 0; k < expected.length; k++) {
      if (Double.doubleToRawLongBits(expected[k]) != Double.doubleToRawLongBits(actual[k])) {
        fail(path + "[" + k + "]: expected " + expected[k] + ", found " + actual[k]);
      }
    }
  }
}
