package org.driftsim.gpu.internal;

import java.util.Arrays;
import java.util.Random;
import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;

/** Random points on every geometry, scaled so that typical pairwise distances are about 1. */
final class TestInputs {
  private TestInputs() {}

  static Manifold manifold(String name) {
    return switch (name) {
      case "R3" -> new Euclidean(3);
      case "R16" -> new Euclidean(16);
      case "R64" -> new Euclidean(64);
      case "S2" -> new Sphere(2);
      case "S5" -> new Sphere(5);
      case "H2" -> new Hyperboloid(2);
      case "Simplex4" -> new FisherRaoSimplex(4, 1);
      case "Seq3x3" -> new FisherRaoSimplex(3, 3);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** n random points; Euclidean coordinates are scaled so the median distance is about 1. */
  static double[][] points(Manifold m, int n, Random r) {
    int d = m.ambientDimension();
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = new double[d];
      for (int k = 0; k < d; k++) {
        v[k] = r.nextGaussian();
      }
      if (m instanceof Euclidean) {
        for (int k = 0; k < d; k++) {
          v[k] /= Math.sqrt(2.0 * d);
        }
        out[i] = v;
      } else if (m instanceof Sphere) {
        out[i] = m.fromData(v);
      } else if (m instanceof Hyperboloid) {
        for (int k = 1; k < d; k++) {
          v[k] *= 0.6;
        }
        out[i] = m.fromData(v);
      } else {
        FisherRaoSimplex s = (FisherRaoSimplex) m;
        double[] p = new double[d];
        for (int l = 0; l < s.sequenceLength(); l++) {
          double sum = 0;
          for (int k = l * s.categories(); k < (l + 1) * s.categories(); k++) {
            p[k] = Math.exp(1.5 * v[k]);
            sum += p[k];
          }
          for (int k = l * s.categories(); k < (l + 1) * s.categories(); k++) {
            p[k] /= sum;
          }
        }
        out[i] = m.fromData(p);
      }
    }
    return out;
  }

  static double[] weights(int n, Random r) {
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = 0.25 + r.nextDouble();
    }
    return w;
  }

  static long[] noIds(int n) {
    long[] ids = new long[n];
    Arrays.fill(ids, org.driftsim.geometry.field.ReferenceSet.NO_ID);
    return ids;
  }

  /** ‖a − b‖_F / ‖b‖_F over a whole batch. */
  static double relativeFrobenius(double[][] a, double[][] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        double e = a[i][k] - b[i][k];
        diff += e * e;
        norm += b[i][k] * b[i][k];
      }
    }
    return Math.sqrt(diff / norm);
  }
}
