package org.driftsim.geometry.field;

import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.kernel.Kernel;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.geometry.kernel.RadialKernel;

/**
 * An independent dense O(N·M) evaluation of the fields of MATH.md §3 in LINEAR space, the
 * reference the partial-sum path ({@link DriftFields}, {@link FieldReduction}, {@link Partials})
 * is tested against.
 *
 * <p>For a reference set Y (skipping a query's own copy, same id):
 * <ul>
 *   <li>deng: {@code A = Σ w k log_x(y) / Σ w k}
 *   <li>gradient: {@code A = Σ w ∇k / Σ w k}
 *   <li>sharp: {@code A = Σ w k log_x(y) / Σ w k♯}
 *   <li>mmd: {@code A = Σ w ∇k / Σ w}
 * </ul>
 * with {@code ∇_x k = −κ'(r) log_x(y)/r} (zero at r = 0), and V = Σ_τ (A_P − A_N). A side without
 * any reference of positive weight has A = 0 (MATH.md: "With no negatives at all, A_N = 0").
 * Otherwise the ratio is formed as it comes, so if every kernel value underflows this gives
 * NaN (0/0): that is what the underflow tests rely on.
 *
 * <p>κ, −κ' and κ♯ of gaussian, laplace, matern32, matern52 and rq are transcribed here from the
 * MATH.md §2 table, not taken from the main code's profiles. The general Matérn (which needs
 * Bessel functions) and the spectral kernels use the main code's {@link Kernel#value},
 * {@link Kernel#gradient} and {@link RadialKernel#sharpValue}.
 */
final class DenseFields {
  private DenseFields() {}

  /** The field and, per query, the scale Σ_τ (‖A_P‖ + ‖A_N‖) of the terms it is made of. */
  record Result(double[][] field, double[] rowScale) {}

  /** Value, gradient and sharp companion of one kernel at one temperature, in linear space. */
  private interface PairKernel {
    double value(double[] x, double[] y, double r);

    /** Writes ∇_x k into out, given {@code log = log_x(y)} and {@code r = dist}. */
    void gradient(double[] x, double[] y, double r, double[] log, double[] out);

    double sharp(double[] x, double[] y, double r);
  }

  /** A closed-form radial profile of MATH.md §2. */
  interface Closed {
    double kappa(double r);

    double negDerivative(double r);

    double sharp(double r);
  }

  static Closed closedForm(KernelSpec spec) {
    double tau = spec.tau();
    double t2 = tau * tau;
    double sqrt3 = Math.sqrt(3.0);
    double sqrt5 = Math.sqrt(5.0);
    return switch (spec.family()) {
      case GAUSSIAN -> new Closed() {
        public double kappa(double r) {
          return Math.exp(-r * r / (2 * t2));
        }

        public double negDerivative(double r) {
          return r / t2 * kappa(r);
        }

        public double sharp(double r) {
          return t2 * kappa(r);
        }
      };
      case LAPLACE -> new Closed() {
        public double kappa(double r) {
          return Math.exp(-r / tau);
        }

        public double negDerivative(double r) {
          return kappa(r) / tau;
        }

        public double sharp(double r) {
          return tau * (r + tau) * Math.exp(-r / tau);
        }
      };
      case MATERN32 -> new Closed() {
        public double kappa(double r) {
          double a = sqrt3 * r / tau;
          return (1 + a) * Math.exp(-a);
        }

        public double negDerivative(double r) {
          double a = sqrt3 * r / tau;
          return 3 * r / t2 * Math.exp(-a);
        }

        public double sharp(double r) {
          double a = sqrt3 * r / tau;
          return (r * r + sqrt3 * tau * r + t2) * Math.exp(-a);
        }
      };
      case MATERN52 -> new Closed() {
        public double kappa(double r) {
          double a = sqrt5 * r / tau;
          return (1 + a + a * a / 3) * Math.exp(-a);
        }

        public double negDerivative(double r) {
          double a = sqrt5 * r / tau;
          return 5 * r / (3 * t2) * (1 + a) * Math.exp(-a);
        }

        public double sharp(double r) {
          double a = sqrt5 * r / tau;
          return (sqrt5 * r * r * r / (3 * tau) + 2 * r * r + sqrt5 * tau * r + t2)
              * Math.exp(-a);
        }
      };
      case RQ -> new Closed() {
        final double alpha = spec.alpha();

        double base(double r) {
          return 1 + r * r / (2 * alpha * t2);
        }

        public double kappa(double r) {
          return Math.pow(base(r), -alpha);
        }

        public double negDerivative(double r) {
          return r / t2 * Math.pow(base(r), -alpha - 1);
        }

        public double sharp(double r) {
          if (!(alpha > 1)) {
            throw new IllegalStateException("rq sharp needs alpha > 1 (test misuse)");
          }
          return alpha * t2 / (alpha - 1) * Math.pow(base(r), -(alpha - 1));
        }
      };
      default -> null; // not in closed form here
    };
  }

  private static PairKernel pairKernel(KernelSpec spec, Manifold manifold) {
    Closed closed = closedForm(spec);
    if (closed != null) {
      return new PairKernel() {
        public double value(double[] x, double[] y, double r) {
          return closed.kappa(r);
        }

        public void gradient(double[] x, double[] y, double r, double[] log, double[] out) {
          double c = r == 0 ? 0.0 : closed.negDerivative(r) / r; // zero gradient at r = 0
          for (int k = 0; k < out.length; k++) {
            out[k] = c * log[k];
          }
        }

        public double sharp(double[] x, double[] y, double r) {
          return closed.sharp(r);
        }
      };
    }
    Kernel kernel = spec.bind(manifold); // general Matérn, spectral kernels
    return new PairKernel() {
      public double value(double[] x, double[] y, double r) {
        return kernel.value(x, y);
      }

      public void gradient(double[] x, double[] y, double r, double[] log, double[] out) {
        kernel.gradient(x, y, out);
      }

      public double sharp(double[] x, double[] y, double r) {
        return ((RadialKernel) kernel).sharpValue(x, y);
      }
    };
  }

  /**
   * A_Y(x_i) per temperature, layout {@code [T][N][D]}, for the references of one set (its side
   * is ignored).
   */
  static double[][][] averages(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet refs) {
    if (spec.type() == FieldType.DENG_CODED) {
      throw new IllegalArgumentException("DenseFields does not compute deng_coded");
    }
    int d = manifold.ambientDimension();
    int n = queries.size();
    int tCount = spec.temperatures();
    double[][][] out = new double[tCount][n][d];
    double[] log = new double[d]; // log_x(y)
    double[] grad = new double[d]; // ∇_x k
    for (int t = 0; t < tCount; t++) {
      PairKernel kernel = pairKernel(spec.kernels().get(t), manifold);
      for (int i = 0; i < n; i++) {
        double[] x = queries.points()[i];
        double[] num = new double[d];
        double den = 0;
        boolean any = false;
        for (int j = 0; j < refs.size(); j++) {
          if (refs.ids()[j] != ReferenceSet.NO_ID && refs.ids()[j] == queries.ids()[i]) {
            continue; // the query's own copy
          }
          double w = refs.weights()[j];
          if (w == 0) {
            continue; // contributes 0 to both sums
          }
          any = true;
          double[] y = refs.points()[j];
          double r = manifold.distance(x, y);
          manifold.log(x, y, log);
          switch (spec.type()) {
            case DENG -> {
              double k = kernel.value(x, y, r);
              den += w * k;
              for (int c = 0; c < d; c++) {
                num[c] += w * k * log[c];
              }
            }
            case GRADIENT -> {
              den += w * kernel.value(x, y, r);
              kernel.gradient(x, y, r, log, grad);
              for (int c = 0; c < d; c++) {
                num[c] += w * grad[c];
              }
            }
            case SHARP -> {
              double k = kernel.value(x, y, r);
              den += w * kernel.sharp(x, y, r);
              for (int c = 0; c < d; c++) {
                num[c] += w * k * log[c];
              }
            }
            case MMD -> {
              den += w;
              kernel.gradient(x, y, r, log, grad);
              for (int c = 0; c < d; c++) {
                num[c] += w * grad[c];
              }
            }
            default -> throw new IllegalStateException("unreachable");
          }
        }
        for (int c = 0; c < d; c++) {
          out[t][i][c] = any ? num[c] / den : 0.0; // empty side: A = 0
        }
      }
    }
    return out;
  }

  /** V = Σ_τ (A_P − A_N); {@code negatives} may be null (no negatives). */
  static Result compute(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet positives, ReferenceSet negatives) {
    int d = manifold.ambientDimension();
    int n = queries.size();
    double[][][] ap = averages(spec, manifold, queries, positives);
    double[][][] an = negatives == null
        ? new double[spec.temperatures()][n][d]
        : averages(spec, manifold, queries, negatives);
    double[][] v = new double[n][d];
    double[] scale = new double[n];
    for (int t = 0; t < spec.temperatures(); t++) {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < d; c++) {
          v[i][c] += ap[t][i][c] - an[t][i][c];
        }
        scale[i] += FieldTestData.norm(ap[t][i]) + FieldTestData.norm(an[t][i]);
      }
    }
    return new Result(v, scale);
  }
}
