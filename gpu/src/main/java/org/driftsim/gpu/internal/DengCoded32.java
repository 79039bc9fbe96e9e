package org.driftsim.gpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;

/**
 * The three {@code deng_coded} rounds (see {@link DengCoded}) on a float32 resident shard:
 * distances, logits and affinities in float32, sums in float64. Parallel over query blocks;
 * round 3 first computes every target's column log-sum-exp (over all queries), then the sums.
 * Not a tuned path: {@code deng_coded} has no throughput target.
 */
final class DengCoded32 {
  private final ExecutorService pool;

  DengCoded32(ExecutorService pool) {
    this.pool = pool;
  }

  private static float distance(double[] x, CpuShard s, int j) {
    float sum = 0;
    for (int k = 0; k < s.dimension; k++) {
      float diff = s.coordinates[k][j] - (float) x[k];
      sum += diff * diff;
    }
    return Math.max((float) Math.sqrt(sum), (float) DengCoded.DISTANCE_FLOOR);
  }

  private static float normalized(QueryBatch q, int i, CpuShard s, int j, float scale) {
    float dn = distance(q.points()[i], s, j) / scale;
    long id = q.ids()[i];
    if (id != ReferenceSet.NO_ID && s.ids[j] == id) {
      dn += (float) DengCoded.SELF_MASK;
    }
    return dn;
  }

  DengCoded.ScaleSums scaleSums(QueryBatch q, CpuShard s) {
    double weighted = 0;
    double weight = 0;
    for (int j = 0; j < s.size; j++) {
      weight += s.weight[j];
      if (s.weight[j] == 0) {
        continue;
      }
      double row = 0;
      for (int i = 0; i < q.size(); i++) {
        row += distance(q.points()[i], s, j);
      }
      weighted += s.weight[j] * row;
    }
    return new DengCoded.ScaleSums(weighted, weight);
  }

  DengCoded.RowSums rowSums(QueryBatch q, DengCoded.Scale scale, double[] temps, CpuShard s) {
    int n = q.size();
    double[] max = new double[temps.length * n];
    double[] sum = new double[max.length];
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    float ds = (float) scale.distanceScale();
    parallel(n, (from, to) -> {
      for (int i = from; i < to; i++) {
        for (int j = 0; j < s.size; j++) {
          float dn = normalized(q, i, s, j, ds);
          for (int t = 0; t < temps.length; t++) {
            int slot = t * n + i;
            double logit = -dn / (float) temps[t];
            if (logit > max[slot]) {
              sum[slot] = sum[slot] * Math.exp(max[slot] - logit) + 1.0;
              max[slot] = logit;
            } else {
              sum[slot] += Math.exp(logit - max[slot]);
            }
          }
        }
      }
    });
    return DengCoded.RowSums.of(temps.length, n, max, sum);
  }

  DengCoded.Sums sums(QueryBatch q, DengCoded.Scale scale, double[] temps, double[] rowLse,
      CpuShard s) {
    int n = q.size();
    int d = s.dimension;
    int tCount = temps.length;
    float ds = (float) scale.distanceScale();
    double c = scale.featureScale();
    double[] columnLse = new double[tCount * s.size]; // [T·M]
    parallel(s.size, (from, to) -> {
      for (int j = from; j < to; j++) {
        for (int t = 0; t < tCount; t++) {
          double m = Double.NEGATIVE_INFINITY;
          double sum = 0;
          for (int i = 0; i < n; i++) {
            double logit = -normalized(q, i, s, j, ds) / (float) temps[t];
            if (logit > m) {
              sum = sum * Math.exp(m - logit) + 1.0;
              m = logit;
            } else {
              sum += Math.exp(logit - m);
            }
          }
          columnLse[t * s.size + j] = m + Math.log(sum);
        }
      }
    });
    double[] mass = new double[tCount * n];
    double[] direction = new double[tCount * n * d];
    double logFloor = Math.log(DengCoded.AFFINITY_FLOOR);
    parallel(n, (from, to) -> {
      for (int i = from; i < to; i++) {
        double[] x = q.points()[i];
        for (int j = 0; j < s.size; j++) {
          double w = s.weight[j];
          if (w == 0) {
            continue;
          }
          float dn = normalized(q, i, s, j, ds);
          for (int t = 0; t < tCount; t++) {
            int slot = t * n + i;
            double logit = -dn / (float) temps[t];
            double logProduct = 2.0 * logit - rowLse[slot] - columnLse[t * s.size + j];
            double a = Math.exp(0.5 * Math.max(logProduct, logFloor)) * w;
            mass[slot] += a;
            for (int k = 0; k < d; k++) {
              direction[slot * d + k] += a * (s.coordinates[k][j] - x[k]) / c;
            }
          }
        }
      }
    });
    double[] zeros = new double[mass.length];
    double[] zeroDirections = new double[direction.length];
    return s.side == Side.POSITIVE
        ? DengCoded.Sums.of(tCount, n, d, mass, zeros, direction, zeroDirections)
        : DengCoded.Sums.of(tCount, n, d, zeros, mass, zeroDirections, direction);
  }

  private interface Range {
    void run(int from, int to);
  }

  private void parallel(int n, Range body) {
    List<Future<?>> tasks = new ArrayList<>();
    int block = Math.max(16, (n + 63) / 64);
    for (int start = 0; start < n; start += block) {
      int from = start;
      int to = Math.min(n, start + block);
      tasks.add(pool.submit(() -> body.run(from, to)));
    }
    FusedCpuKernel.await(tasks);
  }
}
