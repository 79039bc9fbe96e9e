package org.driftsim.gpu.nn;

import org.driftsim.geometry.Euclidean;
import org.driftsim.geometry.FisherRaoSimplex;
import org.driftsim.geometry.Hyperboloid;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.Sphere;
import org.driftsim.gpu.nn.internal.HyperboloidHead;
import org.driftsim.gpu.nn.internal.IdentityHead;
import org.driftsim.gpu.nn.internal.SimplexHead;
import org.driftsim.gpu.nn.internal.SphereHead;

/**
 * The output heads of MATH.md §4, one per geometry.
 *
 * <pre>{@code
 * OutputHead head = OutputHeads.forManifold(new Hyperboloid(2)); // u ∈ R², x ∈ H² ⊂ R³
 * Network net = Networks.mlp(new MlpSpec(16, 256, 5, head.inputDimension()), seed);
 * }</pre>
 */
public final class OutputHeads {
  private OutputHeads() {}

  /** The head of the manifold's geometry with its default settings. */
  public static OutputHead forManifold(Manifold manifold) {
    return switch (manifold.geometry()) {
      case EUCLIDEAN -> new IdentityHead((Euclidean) manifold);
      case SPHERE -> new SphereHead((Sphere) manifold);
      case HYPERBOLOID -> new HyperboloidHead((Hyperboloid) manifold,
          HyperboloidHead.DEFAULT_MAX_RADIUS);
      case SIMPLEX -> new SimplexHead((FisherRaoSimplex) manifold);
    };
  }

  /** Identity on R^d: {@code x = u}. */
  public static OutputHead identity(int dimension) {
    return new IdentityHead(new Euclidean(dimension));
  }

  /**
   * Normalization onto S^d: {@code x = u/‖u‖} with d+1 inputs. {@code u = 0} maps to
   * {@code (1, 0, …, 0)} with a zero gradient (a measure-zero convention).
   */
  public static OutputHead sphere(int intrinsicDimension) {
    return new SphereHead(new Sphere(intrinsicDimension));
  }

  /**
   * The exponential map at the origin {@code o = (1, 0, …, 0)} of H^d, d inputs:
   * {@code x = (cosh r, sinh r · u/r)}, {@code r = ‖u‖}, smooth through {@code u = 0}. The
   * radius is capped at {@code maxRadius} (the direction is kept and the radial derivative is
   * zero beyond it), so outputs stay finite; {@link #forManifold} uses
   * {@value HyperboloidHead#DEFAULT_MAX_RADIUS}, where {@code cosh} still fits float32.
   */
  public static OutputHead hyperboloid(int intrinsicDimension, double maxRadius) {
    return new HyperboloidHead(new Hyperboloid(intrinsicDimension), maxRadius);
  }

  /**
   * Per-position softmax then square root: L positions of K logits each map to {@code √p} on
   * the positive orthant of {@code (S^{K−1})^L}, the chart of {@link FisherRaoSimplex}.
   */
  public static OutputHead simplex(int categories, int sequenceLength) {
    return new SimplexHead(new FisherRaoSimplex(categories, sequenceLength));
  }
}
