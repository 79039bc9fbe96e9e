package org.driftsim.geometry.field;

/**
 * A direct dense transcription of MATH.md §3 {@code deng_coded}, steps 1–5, materializing every
 * matrix: Δ, s, Δn, the self-mask, L, both softmaxes, A, P, Q, F, the RMS and c·F. It works on
 * the official layout of the targets, {@code T = [X (if the query batch is among the
 * negatives), N_u, P]}, and knows nothing of ids or shards.
 */
final class DenseDengCoded {
  private DenseDengCoded() {}

  /**
   * The field (original units, c·F), the per-row scale c·Σ_R(|Q|‖Σ_pos‖ + |P|‖Σ_neg‖)/rms_R,
   * and intermediate values that show which floors act: s, the smallest unfloored distance,
   * c, and mean F_R² per temperature.
   */
  record Result(double[][] field, double[] rowScale, double meanDistance, double minDistance,
      double featureScale, double[] meanSquare) {}

  /**
   * @param x the queries X (generated samples), N × d
   * @param generatedAmongTargets whether X itself is the first block of targets (weight
   *     {@code generatedWeight[i]}, soft self-mask on its diagonal)
   * @param generatedWeight weights of the generated block (1 in the official code)
   * @param negatives unconditional negatives N_u
   * @param negativeWeight their weights (w_u in the official code)
   * @param positives positives P
   * @param positiveWeight their weights (1 in the official code)
   * @param temperatures the temperatures R
   */
  static Result compute(double[][] x, boolean generatedAmongTargets, double[] generatedWeight,
      double[][] negatives, double[] negativeWeight, double[][] positives,
      double[] positiveWeight, double[] temperatures) {
    int n = x.length;
    int d = x[0].length;
    int g = generatedAmongTargets ? n : 0;
    int nu = negatives.length;
    int np = positives.length;
    int m = g + nu + np;
    double[][] t = new double[m][]; // [|T|, d] targets
    double[] w = new double[m]; // [|T|] target weights
    boolean[] positive = new boolean[m]; // [|T|] pos block vs gen ∪ neg blocks
    for (int j = 0; j < g; j++) {
      t[j] = x[j];
      w[j] = generatedWeight[j];
    }
    for (int j = 0; j < nu; j++) {
      t[g + j] = negatives[j];
      w[g + j] = negativeWeight[j];
    }
    for (int j = 0; j < np; j++) {
      t[g + nu + j] = positives[j];
      w[g + nu + j] = positiveWeight[j];
      positive[g + nu + j] = true;
    }

    // Step 1: Δ, the global scale s, Δn, the feature scale c, x̂, t̂.
    double[][] delta = new double[n][m]; // [N, |T|]
    double minDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double sq = 0;
        for (int k = 0; k < d; k++) {
          sq += (x[i][k] - t[j][k]) * (x[i][k] - t[j][k]);
        }
        if (!(j == i && j < g)) {
          minDistance = Math.min(minDistance, Math.sqrt(sq));
        }
        delta[i][j] = Math.max(Math.sqrt(sq), 1e-4);
      }
    }
    double weightedSum = 0;
    double weightSum = 0;
    for (int j = 0; j < m; j++) {
      weightSum += w[j];
      for (int i = 0; i < n; i++) {
        weightedSum += w[j] * delta[i][j];
      }
    }
    double s = weightedSum / (n * weightSum);
    double[][] dn = new double[n][m]; // [N, |T|]
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        dn[i][j] = delta[i][j] / Math.max(s, 1e-3);
      }
    }
    double c = Math.max(s / Math.sqrt(d), 1e-3);
    double[][] xHat = new double[n][d]; // [N, d]
    double[][] tHat = new double[m][d]; // [|T|, d]
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        xHat[i][k] = x[i][k] / c;
      }
    }
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < d; k++) {
        tHat[j][k] = t[j][k] / c;
      }
    }

    // Step 2: soft self-mask on the generated × generated diagonal.
    for (int i = 0; i < g; i++) {
      dn[i][i] += 100.0;
    }

    double[][] total = new double[n][d]; // [N, d] Σ_R F_R / rms_R
    double[] rowScale = new double[n];
    double[] meanSquares = new double[temperatures.length];
    for (int tr = 0; tr < temperatures.length; tr++) {
      double r = temperatures[tr];
      // Step 3: logits, row softmax (over targets), column softmax (over queries), A.
      double[][] logits = new double[n][m]; // [N, |T|]
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          logits[i][j] = -dn[i][j] / r;
        }
      }
      double[][] rowSoftmax = new double[n][m]; // [N, |T|]
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
          max = Math.max(max, logits[i][j]);
        }
        double z = 0;
        for (int j = 0; j < m; j++) {
          z += Math.exp(logits[i][j] - max);
        }
        for (int j = 0; j < m; j++) {
          rowSoftmax[i][j] = Math.exp(logits[i][j] - max) / z;
        }
      }
      double[][] columnSoftmax = new double[n][m]; // [N, |T|]
      for (int j = 0; j < m; j++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          max = Math.max(max, logits[i][j]);
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
          z += Math.exp(logits[i][j] - max);
        }
        for (int i = 0; i < n; i++) {
          columnSoftmax[i][j] = Math.exp(logits[i][j] - max) / z;
        }
      }
      double[][] a = new double[n][m]; // [N, |T|]
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          a[i][j] = Math.sqrt(Math.max(rowSoftmax[i][j] * columnSoftmax[i][j], 1e-6)) * w[j];
        }
      }

      // Step 4: P, Q and F_R.
      double[][] f = new double[n][d]; // [N, d]
      double[] scaleR = new double[n];
      for (int i = 0; i < n; i++) {
        double p = 0;
        double q = 0;
        double[] towardPositive = new double[d]; // Σ_pos A (t̂ − x̂)
        double[] towardNegative = new double[d]; // Σ_{gen ∪ neg} A (t̂ − x̂)
        for (int j = 0; j < m; j++) {
          double[] acc = positive[j] ? towardPositive : towardNegative;
          if (positive[j]) {
            p += a[i][j];
          } else {
            q += a[i][j];
          }
          for (int k = 0; k < d; k++) {
            acc[k] += a[i][j] * (tHat[j][k] - xHat[i][k]);
          }
        }
        for (int k = 0; k < d; k++) {
          f[i][k] = q * towardPositive[k] - p * towardNegative[k];
        }
        scaleR[i] = Math.abs(q) * FieldTestData.norm(towardPositive)
            + Math.abs(p) * FieldTestData.norm(towardNegative);
      }

      // Step 5: RMS over all N·d entries, sum over R.
      double meanSquare = 0;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) {
          meanSquare += f[i][k] * f[i][k];
        }
      }
      meanSquare /= n * d;
      meanSquares[tr] = meanSquare;
      double rms = Math.sqrt(Math.max(meanSquare, 1e-8));
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) {
          total[i][k] += f[i][k] / rms;
        }
        rowScale[i] += c * scaleR[i] / rms;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        total[i][k] *= c; // original units
      }
    }
    return new Result(total, rowScale, s, minDistance, c, meanSquares);
  }
}
