package org.driftsim.actors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldReduction;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.protocol.ManifoldSpec;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;
import org.driftsim.protocol.RequestId;
import org.driftsim.protocol.Round;

/**
 * Computes the field at a batch of queries from a list of partitions, as a child of the
 * coordinator: one {@link Gatherer} per round ({@code deng_coded} has three), queries sent in
 * blocks that keep every message under the size budget ({@code deng_coded}: one block, whatever
 * the budget; its column softmax is over all queries), partials merged block by block in
 * partition-id order, so that the result does not depend on the order replies arrive in.
 */
final class FieldEvaluation extends AbstractBehavior<FieldEvaluation.Command> {

  /** Messages of the evaluation. */
  sealed interface Command {}

  private record RoundDone(Gatherer.Result result) implements Command {}

  /** A partition to ask: its kind and id. */
  record Target(Partitions.Kind kind, int id) {}

  /** What the parent gets. */
  sealed interface Result {
    long tag();
  }

  /** The field, one row per query; {@code attempts}: the most sends of one request. */
  record Done(long tag, double[][] field, int attempts) implements Result {}

  /** The field could not be computed. */
  record Failed(long tag, String reason) implements Result {}

  /** Everything an evaluation needs. */
  record Job(String job, long step, FieldSpec spec, Manifold manifold, QueryBatch queries,
      List<Target> targets, int blockRows, Duration timeout, int maxAttempts) {}

  private final long tag;
  private final Job job;
  private final ManifoldSpec manifoldSpec;
  private final Partitions partitions;
  private final ActorRef<Result> parent;
  private final ActorRef<Gatherer.Result> roundReplies;
  private final List<QueryBatch> blocks;
  private final Map<Integer, Integer> position = new HashMap<>();
  private int attempts = 1;
  private Round round;
  private DengCoded coded;
  private DengCoded.Scale scale;
  private double[][] rowLogSumExp; // per block [T·n_b]

  static Behavior<Command> create(long tag, Job job, Partitions partitions,
      ActorRef<Result> parent) {
    return Behaviors.setup(ctx -> new FieldEvaluation(ctx, tag, job, partitions, parent));
  }

  private FieldEvaluation(ActorContext<Command> context, long tag, Job job,
      Partitions partitions, ActorRef<Result> parent) {
    super(context);
    this.tag = tag;
    this.job = job;
    this.manifoldSpec = ManifoldSpec.of(job.manifold());
    this.partitions = partitions;
    this.parent = parent;
    this.roundReplies = context.messageAdapter(Gatherer.Result.class, RoundDone::new);
    // deng_coded normalizes each reference's affinities over all queries (its column softmax,
    // computed inside each partition), so its queries always travel in one block.
    this.blocks = blocks(job.queries(), job.spec().type() == FieldType.DENG_CODED
        ? Math.max(1, job.queries().size()) : job.blockRows());
    for (int p = 0; p < job.targets().size(); p++) {
      position.put(job.targets().get(p).id(), p);
    }
    if (job.spec().type() == FieldType.DENG_CODED) {
      coded = DengCoded.of(job.spec(), job.manifold());
      start(Round.DENG_SCALE);
    } else {
      start(Round.PARTIALS);
    }
  }

  /** Splits the queries into blocks of at most {@code rows} (one empty block if none). */
  static List<QueryBatch> blocks(QueryBatch queries, int rows) {
    List<QueryBatch> out = new ArrayList<>();
    int n = queries.size();
    for (int from = 0; from < n || (n == 0 && from == 0); from += rows) {
      int to = Math.min(n, from + rows);
      out.add(new QueryBatch(Arrays.copyOfRange(queries.points(), from, to),
          Arrays.copyOfRange(queries.ids(), from, to)));
      if (n == 0) {
        break;
      }
    }
    return out;
  }

  private void start(Round r) {
    round = r;
    List<Gatherer.Request> requests = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      for (Target t : job.targets()) {
        int block = b;
        requests.add(new Gatherer.Request(t.kind(), t.id(), b, (attempt, replyTo) ->
            new PartitionCommand.Query(
                new RequestId(job.job(), job.step(), r, block, attempt), job.spec(),
                manifoldSpec, blocks.get(block), scale,
                r == Round.DENG_SUMS ? rowLogSumExp[block] : null, replyTo)));
      }
    }
    getContext().spawnAnonymous(Gatherer.create(tag, requests, this::match, partitions,
        job.timeout(), job.maxAttempts(), roundReplies));
  }

  /** Request index of a reply: block-major, then the target's position. */
  private int match(PartitionReply reply, List<Gatherer.Request> requests) {
    if (!(reply instanceof PartitionReply.QueryReply q)) {
      return -1;
    }
    RequestId id = q.id();
    Integer p = position.get(q.partition());
    if (p == null || !id.job().equals(job.job()) || id.step() != job.step() || id.round() != round
        || id.chunk() >= blocks.size()) {
      return -1;
    }
    return id.chunk() * job.targets().size() + p;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(RoundDone.class, this::onRoundDone).build();
  }

  private Behavior<Command> onRoundDone(RoundDone done) {
    if (done.result() instanceof Gatherer.Failed f) {
      parent.tell(new Failed(tag, "step " + job.step() + ", round " + round + ": "
          + f.reason()));
      return Behaviors.stopped();
    }
    Gatherer.Gathered g = (Gatherer.Gathered) done.result();
    attempts = Math.max(attempts, g.attempts());
    List<PartitionReply> replies = g.replies();
    int parts = job.targets().size();
    switch (round) {
      case PARTIALS -> {
        FieldReduction reduction = FieldReduction.of(job.spec(), job.manifold());
        double[][] field = new double[job.queries().size()][];
        int row = 0;
        for (int b = 0; b < blocks.size(); b++) {
          Partials merged = reduction.identity(blocks.get(b).size());
          for (int p = 0; p < parts; p++) {
            merged.mergeFrom(((PartitionReply.PartialSumsReply) replies.get(b * parts + p))
                .partials());
          }
          for (double[] v : reduction.finish(merged)) {
            field[row++] = v;
          }
        }
        return finish(field);
      }
      case DENG_SCALE -> {
        DengCoded.ScaleSums merged = DengCoded.ScaleSums.identity();
        for (int p = 0; p < parts; p++) { // partition order, blocks within a partition
          for (int b = 0; b < blocks.size(); b++) {
            merged = merged.combine(
                ((PartitionReply.ScaleSumsReply) replies.get(b * parts + p)).sums());
          }
        }
        scale = coded.scale(merged, job.queries().size());
        start(Round.DENG_ROWS);
        return this;
      }
      case DENG_ROWS -> {
        rowLogSumExp = new double[blocks.size()][];
        int t = job.spec().temperatures();
        for (int b = 0; b < blocks.size(); b++) {
          DengCoded.RowSums merged = DengCoded.RowSums.identity(t, blocks.get(b).size());
          for (int p = 0; p < parts; p++) {
            merged = merged.combine(
                ((PartitionReply.RowSumsReply) replies.get(b * parts + p)).sums());
          }
          rowLogSumExp[b] = coded.rowLogSumExp(merged);
        }
        start(Round.DENG_SUMS);
        return this;
      }
      case DENG_SUMS -> {
        int t = job.spec().temperatures();
        int d = job.manifold().ambientDimension();
        List<DengCoded.Sums> perBlock = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
          DengCoded.Sums merged = DengCoded.Sums.identity(t, blocks.get(b).size(), d);
          for (int p = 0; p < parts; p++) {
            merged = merged.combine(
                ((PartitionReply.DengSumsReply) replies.get(b * parts + p)).sums());
          }
          perBlock.add(merged);
        }
        return finish(coded.finish(concat(perBlock, t, job.queries().size(), d), scale));
      }
      default -> throw new IllegalStateException("unknown round " + round);
    }
  }

  /** Joins per-block round-3 sums (layout t·n + i) into the sums of the whole batch. */
  static DengCoded.Sums concat(List<DengCoded.Sums> blocks, int t, int n, int d) {
    double[] pos = new double[t * n];
    double[] neg = new double[t * n];
    double[] posDir = new double[t * n * d];
    double[] negDir = new double[t * n * d];
    int offset = 0;
    for (DengCoded.Sums s : blocks) {
      int nb = s.positive().length / t;
      double[] bp = s.positive();
      double[] bn = s.negative();
      double[] bpd = s.positiveDirection();
      double[] bnd = s.negativeDirection();
      for (int k = 0; k < t; k++) {
        System.arraycopy(bp, k * nb, pos, k * n + offset, nb);
        System.arraycopy(bn, k * nb, neg, k * n + offset, nb);
        System.arraycopy(bpd, k * nb * d, posDir, (k * n + offset) * d, nb * d);
        System.arraycopy(bnd, k * nb * d, negDir, (k * n + offset) * d, nb * d);
      }
      offset += nb;
    }
    return DengCoded.Sums.of(t, n, d, pos, neg, posDir, negDir);
  }

  private Behavior<Command> finish(double[][] field) {
    parent.tell(new Done(tag, field, attempts));
    return Behaviors.stopped();
  }
}
