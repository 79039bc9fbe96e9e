package org.driftsim.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldReduction;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.gpu.FieldEngine;
import org.driftsim.protocol.ManifoldSpec;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;

/**
 * What a partition holds and computes, apart from the actor: its references per side, resident
 * in its engine, and the partial sums of a query batch against them (positives before
 * negatives, so that every partition merges its two sides in the same order).
 *
 * @param <S> the engine's resident form of a shard
 */
final class PartitionState<S> {
  private final FieldEngine<S> engine;
  private final int partition;
  private String job;
  private ManifoldSpec manifoldSpec;
  private Manifold manifold;
  private final Map<Side, ReferenceSet> sets = new EnumMap<>(Side.class);
  private final Map<Side, S> resident = new EnumMap<>(Side.class);

  PartitionState(FieldEngine<S> engine, int partition) {
    this.engine = engine;
    this.partition = partition;
  }

  int partition() {
    return partition;
  }

  String job() {
    return job;
  }

  Manifold manifold() {
    return manifold;
  }

  /** The references on one side, or {@code null}. */
  ReferenceSet references(Side side) {
    return sets.get(side);
  }

  int size(Side side) {
    ReferenceSet s = sets.get(side);
    return s == null ? 0 : s.size();
  }

  /** Replaces the references on the set's side (and adopts the job and manifold). */
  void load(String newJob, ManifoldSpec spec, ReferenceSet references) {
    if (job != null && !job.equals(newJob)) {
      clear(); // a new job takes over this partition
    }
    Manifold m = spec.manifold();
    if (manifold != null && !spec.equals(manifoldSpec) && !sets.isEmpty()) {
      clear();
    }
    for (int j = 0; j < references.size(); j++) {
      double[] p = references.points()[j];
      if (p.length != m.ambientDimension()) {
        throw new IllegalArgumentException("reference " + j + " for partition " + partition
            + " must have " + m.ambientDimension() + " coordinates, got " + p.length);
      }
    }
    job = newJob;
    manifoldSpec = spec;
    manifold = m;
    put(references);
  }

  /** Appends to one side, keeping the newest {@code capacity} references. */
  void append(ReferenceSet more, int capacity) {
    requireLoaded("append references");
    ReferenceSet current = sets.get(more.side());
    ReferenceSet joined = current == null ? more : current.concat(more);
    if (joined.size() > capacity) {
      joined = joined.slice(joined.size() - capacity, joined.size());
    }
    put(joined);
  }

  private void put(ReferenceSet references) {
    sets.put(references.side(), references);
    resident.put(references.side(), engine.load(references, manifold));
  }

  void clear() {
    sets.clear();
    resident.clear();
    job = null;
    manifold = null;
    manifoldSpec = null;
  }

  private void requireLoaded(String what) {
    if (manifold == null) {
      throw new IllegalStateException("partition " + partition + " cannot " + what
          + ": it holds no references yet (send LoadReferences first)");
    }
  }

  /** Answers a query with the reply its round asks for. */
  PartitionReply.QueryReply answer(PartitionCommand.Query q) {
    requireLoaded("answer queries");
    if (!q.manifold().equals(manifoldSpec)) {
      throw new IllegalArgumentException("query for manifold " + q.manifold()
          + " sent to partition " + partition + ", which holds references on " + manifoldSpec);
    }
    FieldSpec spec = q.spec();
    QueryBatch queries = q.queries();
    List<S> shards = new ArrayList<>(2);
    for (Side side : Side.values()) { // positives first: a fixed merge order
      S s = resident.get(side);
      if (s != null) {
        shards.add(s);
      }
    }
    return switch (q.id().round()) {
      case PARTIALS -> {
        Partials merged = FieldReduction.of(spec, manifold).identity(queries.size());
        for (S s : shards) {
          merged.mergeFrom(engine.partials(spec, manifold, queries, s));
        }
        yield new PartitionReply.PartialSumsReply(q.id(), partition, merged);
      }
      case DENG_SCALE -> {
        DengCoded.ScaleSums sums = DengCoded.ScaleSums.identity();
        for (S s : shards) {
          sums = sums.combine(engine.scaleSums(spec, manifold, queries, s));
        }
        yield new PartitionReply.ScaleSumsReply(q.id(), partition, sums);
      }
      case DENG_ROWS -> {
        DengCoded.RowSums rows = DengCoded.RowSums.identity(spec.temperatures(), queries.size());
        for (S s : shards) {
          rows = rows.combine(engine.rowSums(spec, manifold, queries, require(q.scale()), s));
        }
        yield new PartitionReply.RowSumsReply(q.id(), partition, rows);
      }
      case DENG_SUMS -> {
        DengCoded.Sums sums = DengCoded.Sums.identity(spec.temperatures(), queries.size(),
            manifold.ambientDimension());
        double[] lse = q.rowLogSumExp();
        if (lse == null || lse.length != spec.temperatures() * queries.size()) {
          throw new IllegalArgumentException("deng_coded round 3 needs " + spec.temperatures()
              * queries.size() + " row log-sum-exp values, got "
              + (lse == null ? "none" : lse.length));
        }
        for (S s : shards) {
          sums = sums.combine(engine.sums(spec, manifold, queries, require(q.scale()), lse, s));
        }
        yield new PartitionReply.DengSumsReply(q.id(), partition, sums);
      }
    };
  }

  private static DengCoded.Scale require(DengCoded.Scale scale) {
    if (scale == null) {
      throw new IllegalArgumentException("deng_coded rounds 2 and 3 need the merged scale, got"
          + " none");
    }
    return scale;
  }

  /**
   * Moves the particles (the negatives) by x ← exp_x(η·V) with the step norm capped at
   * {@code stepCap} ({@code +∞}: no cap).
   *
   * @return the number of particles
   */
  int move(long[] ids, double[][] drift, double eta, double stepCap) {
    requireLoaded("move particles");
    ReferenceSet particles = sets.get(Side.NEGATIVE);
    if (particles == null || particles.size() != ids.length || drift.length != ids.length) {
      throw new IllegalArgumentException("moves for partition " + partition + " must cover its "
          + size(Side.NEGATIVE) + " particles, got " + ids.length + " ids and " + drift.length
          + " drift rows");
    }
    int d = manifold.ambientDimension();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != particles.ids()[i]) {
        throw new IllegalArgumentException("moves for partition " + partition
            + " must list its particles in order: position " + i + " holds particle "
            + particles.ids()[i] + ", got id " + ids[i]);
      }
      if (drift[i].length != d) {
        throw new IllegalArgumentException("drift row " + i + " must have " + d
            + " coordinates, got " + drift[i].length);
      }
    }
    double[][] moved = moved(manifold, particles.points(), drift, eta, stepCap);
    put(new ReferenceSet(Side.NEGATIVE, moved, particles.weights(), particles.ids()));
    return moved.length;
  }

  /**
   * x ← exp_x(η·V) for each row, the step's norm capped at {@code stepCap} ({@code +∞}: no cap;
   * a long step is shortened, its direction kept). The partitions move their particles with it,
   * and the coordinator computes the same positions to rehydrate a partition that lost them.
   */
  static double[][] moved(Manifold manifold, double[][] points, double[][] drift, double eta,
      double stepCap) {
    int d = manifold.ambientDimension();
    double[] step = new double[d];
    double[][] moved = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      double[] x = points[i];
      for (int k = 0; k < d; k++) {
        step[k] = eta * drift[i][k];
      }
      if (stepCap < Double.POSITIVE_INFINITY) {
        double norm = manifold.norm(x, step);
        if (norm > stepCap) {
          double f = stepCap / norm;
          for (int k = 0; k < d; k++) {
            step[k] *= f;
          }
        }
      }
      double[] next = new double[d];
      manifold.exp(x, step, next);
      moved[i] = next;
    }
    return moved;
  }

  /** Copies of the particles' positions. */
  double[][] positions() {
    ReferenceSet particles = sets.get(Side.NEGATIVE);
    if (particles == null) {
      return new double[0][];
    }
    double[][] out = new double[particles.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Arrays.copyOf(particles.points()[i], particles.points()[i].length);
    }
    return out;
  }

  long[] particleIds() {
    ReferenceSet particles = sets.get(Side.NEGATIVE);
    return particles == null ? new long[0] : particles.ids().clone();
  }

  void close() {
    clear();
    engine.close();
  }
}
