package org.driftsim.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.protocol.ManifoldSpec;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;

/**
 * Runs jobs over the partitions without ever blocking: it loads the references, then per step
 * gathers the particles, has a {@link FieldEvaluation} child compute V (each round through a
 * {@link Gatherer} that re-asks partitions that time out and drops stale replies), sends each
 * particle partition the moves for its own particles, and reports the step to the listener.
 * One job at a time; a second job sent while one runs is refused.
 *
 * <p>Its commands carry listeners and manifolds and stay inside the JVM that runs the job; what
 * crosses the wire is the partitions' protocol ({@link PartitionCommand},
 * {@link PartitionReply}).
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {

  /** What the coordinator accepts. */
  public sealed interface Command {}

  /**
   * Computes one field through bank partitions {@code 0 … P−1}: partition p holds
   * {@code positives.get(p)} and, if given, {@code negatives.get(p)}.
   */
  public record ComputeField(String job, FieldSpec spec, Manifold manifold, QueryBatch queries,
      List<ReferenceSet> positives, List<ReferenceSet> negatives, SimulationJob.Runtime runtime,
      ActorRef<Outcome> replyTo) implements Command {}

  /** Runs a simulation to its end. */
  public record RunSimulation(SimulationJob job, SimulationListener listener,
      ActorRef<Outcome> replyTo) implements Command {}

  /** Trains a generator to the job's last step. */
  public record RunTraining(TrainingJob job, ActorRef<Outcome> replyTo) implements Command {}

  private record TrainerDone(TrainerActor.Reply reply) implements Command {}

  private record GatherDone(Gatherer.Result result) implements Command {}

  private record FieldDone(FieldEvaluation.Result result) implements Command {}

  /** How a job ended. */
  public sealed interface Outcome {}

  /** The field of a {@link ComputeField}, one row per query. */
  public record FieldComputed(double[][] field, int attempts) implements Outcome {}

  /** A simulation finished; the final particles in id order. */
  public record SimulationFinished(double[][] particles, long steps) implements Outcome {}

  /** A training job finished after {@code steps} optimizer steps. */
  public record TrainingFinished(long steps) implements Outcome {}

  /** A job failed; the reason names the step and the partitions involved. */
  public record JobFailed(String reason) implements Outcome {}

  private enum Phase {
    IDLE, LOAD, PARTICLES, FIELD, MOVES, FINAL, GENERATE, UPDATE, RECOVER, RELEASE
  }

  /** Bytes per coordinate on the wire (float64). */
  private static final int BYTES = Double.BYTES;

  private final Partitions partitions;
  private final ActorRef<Gatherer.Result> gatherReplies;
  private final ActorRef<FieldEvaluation.Result> fieldReplies;
  private final ActorRef<TrainerActor.Reply> trainerReplies;
  private long tag;
  private Phase phase = Phase.IDLE;

  // The running job.
  private ActorRef<Outcome> replyTo;
  private String job;
  private Manifold manifold;
  private FieldSpec spec;
  private SimulationJob.Runtime runtime;
  private List<FieldEvaluation.Target> targets;
  private List<FieldEvaluation.Target> loadTargets;
  private List<List<PartitionCommand>> loadMessages; // per load target, in order
  private Runnable afterLoad;
  private int loadRounds;
  private int loadRound;
  private QueryBatch fieldQueries; // ComputeField
  private SimulationJob simulation;
  private SimulationListener listener;
  private long step;
  private long stepStarted;
  private int stepAttempts;
  private List<PartitionReply.Particles> current; // particles by particle partition
  private QueryBatch queries; // the current step's particles as queries
  private Outcome result;
  private TrainingJob training;
  private ActorRef<TrainerActor.Command> trainer;
  private Trainer.Batch batch;
  private long driftStarted;
  // Recovery: what each partition should hold, the phase's action to run again, the count.
  private final Map<Integer, EnumMap<Side, ReferenceSet>> resident = new HashMap<>();
  private Runnable retry;
  private int recoveries;
  private long recoveryStep = -1;
  private List<double[][]> moveRows; // per particle partition, this step's drift rows

  private JobCoordinator(ActorContext<Command> context, Partitions partitions) {
    super(context);
    this.partitions = partitions;
    this.gatherReplies = context.messageAdapter(Gatherer.Result.class, GatherDone::new);
    this.fieldReplies = context.messageAdapter(FieldEvaluation.Result.class, FieldDone::new);
    this.trainerReplies = context.messageAdapter(TrainerActor.Reply.class, TrainerDone::new);
  }

  /** A coordinator sending to {@code partitions}. */
  public static Behavior<Command> create(Partitions partitions) {
    return Behaviors.setup(ctx -> new JobCoordinator(ctx, partitions));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ComputeField.class, this::onComputeField)
        .onMessage(RunSimulation.class, this::onRunSimulation)
        .onMessage(RunTraining.class, this::onRunTraining)
        .onMessage(TrainerDone.class, this::onTrainerDone)
        .onMessage(GatherDone.class, this::onGatherDone)
        .onMessage(FieldDone.class, this::onFieldDone)
        .build();
  }

  // ------------------------------------------------------------------ starting jobs

  private boolean busy(ActorRef<Outcome> who) {
    if (phase != Phase.IDLE) {
      who.tell(new JobFailed("coordinator is running job " + job + "; one job at a time"));
      return true;
    }
    return false;
  }

  private Behavior<Command> onComputeField(ComputeField c) {
    if (busy(c.replyTo())) {
      return this;
    }
    if (c.positives().isEmpty()
        || (c.negatives() != null && c.negatives().size() != c.positives().size())) {
      c.replyTo().tell(new JobFailed("positives and negatives must come in the same number of"
          + " shards (one per partition), got " + c.positives().size() + " and "
          + (c.negatives() == null ? 0 : c.negatives().size())));
      return this;
    }
    begin(c.job(), c.manifold(), c.spec(), c.runtime(), c.replyTo());
    fieldQueries = c.queries();
    targets = new ArrayList<>();
    List<List<ReferenceSet>> sets = new ArrayList<>();
    for (int p = 0; p < c.positives().size(); p++) {
      targets.add(new FieldEvaluation.Target(Partitions.Kind.BANK, p));
      List<ReferenceSet> mine = new ArrayList<>();
      mine.add(c.positives().get(p));
      if (c.negatives() != null) {
        mine.add(c.negatives().get(p));
      }
      sets.add(mine);
    }
    startLoad(targets, sets, () -> evaluate(fieldQueries, 0));
    return this;
  }

  private Behavior<Command> onRunSimulation(RunSimulation r) {
    if (busy(r.replyTo())) {
      return this;
    }
    SimulationJob s = r.job();
    begin(s.job(), s.manifold(), s.spec(), s.runtime(), r.replyTo());
    simulation = s;
    listener = r.listener();
    step = s.firstStep();
    targets = new ArrayList<>();
    List<List<ReferenceSet>> sets = new ArrayList<>();
    int b = s.bankPartitions();
    for (int p = 0; p < b; p++) {
      targets.add(new FieldEvaluation.Target(Partitions.Kind.BANK, p));
    }
    sets.addAll(positiveShards(s.positives(), b));
    for (int p = 0; p < s.particlePartitions(); p++) {
      targets.add(new FieldEvaluation.Target(Partitions.Kind.PARTICLE, b + p));
      int from = split(s.particles().length, s.particlePartitions(), p);
      int to = split(s.particles().length, s.particlePartitions(), p + 1);
      double[][] points = Arrays.copyOfRange(s.particles(), from, to);
      double[] weights = new double[points.length];
      Arrays.fill(weights, 1.0);
      long[] ids = new long[points.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = from + i; // particle ids are global indices: they exclude self-interaction
      }
      sets.add(List.of(new ReferenceSet(Side.NEGATIVE, points, weights, ids)));
    }
    startLoad(targets, sets, () -> gatherParticles(
        step < s.steps() ? Phase.PARTICLES : Phase.FINAL));
    return this;
  }

  private Behavior<Command> onRunTraining(RunTraining r) {
    if (busy(r.replyTo())) {
      return this;
    }
    TrainingJob t = r.job();
    begin(t.job(), t.manifold(), t.spec(), t.runtime(), r.replyTo());
    training = t;
    step = t.firstStep();
    ActorContext<Command> ctx = getContext();
    // The trainer blocks (network passes, evaluation, files): a pinned thread when the node
    // defines the partitions' dispatcher, Pekko's dispatcher for blocking work otherwise.
    DispatcherSelector where = ctx.getSystem().settings().config()
        .hasPath("driftsim.node.partition-dispatcher")
        ? DispatcherSelector.fromConfig("driftsim.node.partition-dispatcher")
        : DispatcherSelector.blocking();
    trainer = ctx.spawnAnonymous(TrainerActor.create(t.trainer()), where);
    targets = new ArrayList<>();
    for (int p = 0; p < t.bankPartitions(); p++) {
      targets.add(new FieldEvaluation.Target(Partitions.Kind.BANK, p));
    }
    for (int p = 0; p < t.particlePartitions(); p++) {
      targets.add(new FieldEvaluation.Target(Partitions.Kind.PARTICLE, t.bankPartitions() + p));
    }
    if (t.positives().length == 0) {
      generate(); // every batch brings its positives
    } else {
      startLoad(bankTargets(), positiveShards(t.positives(), t.bankPartitions()), this::generate);
    }
    return this;
  }

  private List<FieldEvaluation.Target> bankTargets() {
    return targets.subList(0, training.bankPartitions());
  }

  private List<FieldEvaluation.Target> particleTargets() {
    return targets.subList(training.bankPartitions(), targets.size());
  }

  /** Contiguous shards of the positives, one per bank partition ({@code b} of them). */
  private static List<List<ReferenceSet>> positiveShards(double[][] positives, int b) {
    if (positives.length < b) {
      throw new IllegalArgumentException("a step's positives must be at least the number of"
          + " bank partitions (" + b + "), got " + positives.length);
    }
    List<List<ReferenceSet>> sets = new ArrayList<>();
    for (int p = 0; p < b; p++) {
      sets.add(List.of(ReferenceSet.of(Side.POSITIVE, Arrays.copyOfRange(positives,
          split(positives.length, b, p), split(positives.length, b, p + 1)))));
    }
    return sets;
  }

  /**
   * Contiguous shards of the generated batch (ids 0 … B−1, so that each query skips its own
   * copy) and of the extra negatives (ids B …), one of each per particle partition.
   */
  private List<List<ReferenceSet>> negativeShards(Trainer.Batch b) {
    int parts = training.particlePartitions();
    double[][] gen = b.generated();
    double[][] extra = b.extraNegatives();
    if (gen.length < parts) {
      throw new IllegalArgumentException("a batch must hold at least one sample per particle"
          + " partition (" + parts + "), got " + gen.length);
    }
    List<List<ReferenceSet>> sets = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int g0 = split(gen.length, parts, p);
      int g1 = split(gen.length, parts, p + 1);
      int e0 = split(extra.length, parts, p);
      int e1 = split(extra.length, parts, p + 1);
      int n = (g1 - g0) + (e1 - e0);
      double[][] points = new double[n][];
      long[] ids = new long[n];
      double[] weights = new double[n];
      Arrays.fill(weights, 1.0);
      int row = 0;
      for (int i = g0; i < g1; i++, row++) {
        points[row] = gen[i];
        ids[row] = i;
      }
      for (int i = e0; i < e1; i++, row++) {
        points[row] = extra[i];
        ids[row] = (long) gen.length + i;
      }
      sets.add(List.of(new ReferenceSet(Side.NEGATIVE, points, weights, ids)));
    }
    return sets;
  }

  private void generate() {
    phase = Phase.GENERATE;
    stepStarted = System.nanoTime();
    stepAttempts = 1;
    batch = null;
    trainer.tell(new TrainerActor.Generate(step, trainerReplies));
  }

  private Behavior<Command> onTrainerDone(TrainerDone done) {
    TrainerActor.Reply r = done.reply();
    if (training == null || r.step() != step
        || (phase != Phase.GENERATE && phase != Phase.UPDATE)) {
      return this; // a reply of an abandoned job
    }
    if (r instanceof TrainerActor.Failed f) {
      return fail(f.reason());
    }
    if (r instanceof TrainerActor.Generated g && phase == Phase.GENERATE) {
      batch = g.batch();
      driftStarted = System.nanoTime();
      List<FieldEvaluation.Target> to = new ArrayList<>();
      List<List<ReferenceSet>> sets = new ArrayList<>();
      try {
        if (batch.positives() != null) {
          to.addAll(bankTargets());
          sets.addAll(positiveShards(batch.positives(), training.bankPartitions()));
        }
        to.addAll(particleTargets());
        sets.addAll(negativeShards(batch));
      } catch (IllegalArgumentException e) {
        return fail("step " + step + ": " + e.getMessage());
      }
      long[] ids = new long[batch.generated().length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = i;
      }
      QueryBatch q = new QueryBatch(batch.generated(), ids);
      startLoad(to, sets, () -> evaluate(q, step));
    } else if (r instanceof TrainerActor.Updated && phase == Phase.UPDATE) {
      step++;
      if (step < training.steps()) {
        generate();
      } else {
        release(new TrainingFinished(step));
      }
    }
    return this;
  }

  /** Start of the p-th of k contiguous parts of n items. */
  static int split(int n, int k, int p) {
    return (int) ((long) n * p / k);
  }

  private void begin(String name, Manifold m, FieldSpec s, SimulationJob.Runtime rt,
      ActorRef<Outcome> who) {
    job = name;
    manifold = m;
    spec = s;
    runtime = rt;
    replyTo = who;
    simulation = null;
    listener = null;
    training = null;
    trainer = null;
    batch = null;
    resident.clear();
    retry = null;
    recoveries = 0;
    recoveryStep = -1;
    fieldQueries = null;
    result = null;
    step = 0;
  }

  // ------------------------------------------------------------------ loading

  /**
   * Loads each target's sets in rounds whose messages fit the budget: a set's first block
   * replaces its side (LoadReferences), later blocks append to it; round r sends each target its
   * r-th message, and starts when round r−1 is acknowledged, so blocks arrive in order and a
   * partition has at most one message in flight.
   */
  private void startLoad(List<FieldEvaluation.Target> to, List<List<ReferenceSet>> sets,
      Runnable then) {
    ManifoldSpec ms = ManifoldSpec.of(manifold);
    int rows = Math.max(1, (int) Math.min(Integer.MAX_VALUE,
        runtime.maxMessageBytes() / 2 / ((long) manifold.ambientDimension() * BYTES + 16)));
    loadTargets = to;
    afterLoad = then;
    retry = then; // after a recovery the partitions hold what they should: go on
    for (int t = 0; t < to.size(); t++) {
      EnumMap<Side, ReferenceSet> held = resident.computeIfAbsent(to.get(t).id(),
          k -> new EnumMap<>(Side.class));
      for (ReferenceSet set : sets.get(t)) {
        held.put(set.side(), set);
      }
    }
    loadMessages = new ArrayList<>();
    int rounds = 0;
    for (int t = 0; t < to.size(); t++) {
      List<PartitionCommand> mine = new ArrayList<>();
      for (ReferenceSet set : sets.get(t)) {
        int from = 0;
        do {
          ReferenceSet block = set.slice(from, Math.min(set.size(), from + rows));
          mine.add(from == 0
              ? new PartitionCommand.LoadReferences(job, ms, block, null)
              : new PartitionCommand.AppendReferences(job, block, set.size(), null));
          from += rows;
        } while (from < set.size());
      }
      loadMessages.add(mine);
      rounds = Math.max(rounds, mine.size());
    }
    loadRounds = rounds;
    phase = Phase.LOAD;
    loadRound = 0;
    sendLoadRound();
  }

  private void sendLoadRound() {
    List<Gatherer.Request> requests = new ArrayList<>();
    for (int t = 0; t < loadTargets.size(); t++) {
      List<PartitionCommand> mine = loadMessages.get(t);
      if (loadRound < mine.size()) {
        PartitionCommand msg = mine.get(loadRound);
        FieldEvaluation.Target target = loadTargets.get(t);
        requests.add(new Gatherer.Request(target.kind(), target.id(), 0,
            (attempt, to) -> withReply(msg, to)));
      }
    }
    gather(requests, (reply, reqs) -> reply instanceof PartitionReply.Ack a
        && (a.kind() == PartitionReply.AckKind.LOADED
            || a.kind() == PartitionReply.AckKind.APPENDED) ? indexOf(reqs, a.partition()) : -1);
  }

  private static PartitionCommand withReply(PartitionCommand msg, ActorRef<PartitionReply> to) {
    if (msg instanceof PartitionCommand.LoadReferences l) {
      return new PartitionCommand.LoadReferences(l.job(), l.manifold(), l.references(), to);
    }
    PartitionCommand.AppendReferences a = (PartitionCommand.AppendReferences) msg;
    return new PartitionCommand.AppendReferences(a.job(), a.references(), a.capacity(), to);
  }

  /** The request to a partition (each gather asks a partition at most once), or −1. */
  private static int indexOf(List<Gatherer.Request> requests, int partition) {
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).partition() == partition) {
        return i;
      }
    }
    return -1;
  }

  private void gather(List<Gatherer.Request> requests, Gatherer.Matcher matcher) {
    tag++;
    getContext().spawnAnonymous(Gatherer.create(tag, requests, matcher, partitions,
        runtime.timeout(), runtime.maxAttempts(), gatherReplies));
  }

  // ------------------------------------------------------------------ replies

  private Behavior<Command> onGatherDone(GatherDone done) {
    Gatherer.Result r = done.result();
    if (r.tag() != tag) {
      return this; // a gather of an abandoned phase
    }
    if (r instanceof Gatherer.Failed f) {
      return phase == Phase.RELEASE ? fail(phaseName() + ": " + f.reason())
          : recover(phaseName() + ": " + f.reason());
    }
    Gatherer.Gathered g = (Gatherer.Gathered) r;
    stepAttempts = Math.max(stepAttempts, g.attempts());
    switch (phase) {
      case LOAD -> {
        loadRound++;
        if (loadRound < loadRounds) {
          sendLoadRound();
        } else {
          loadMessages = null;
          loadTargets = null;
          Runnable next = afterLoad;
          afterLoad = null;
          next.run();
        }
      }
      case PARTICLES, FINAL -> onParticles(g.replies());
      case MOVES -> onMoved();
      case RECOVER -> onStatus(g.replies());
      case RELEASE -> {
        ActorRef<Outcome> who = replyTo;
        Outcome out = result;
        phase = Phase.IDLE;
        who.tell(out);
      }
      default -> throw new IllegalStateException("gather finished in phase " + phase);
    }
    return this;
  }

  private String phaseName() {
    return switch (phase) {
      case LOAD -> training != null && step > 0 ? "step " + step + ", loading references"
          : "loading references";
      case PARTICLES, FIELD, MOVES, GENERATE, UPDATE -> "step " + step;
      case RECOVER -> "step " + step + ", recovering partitions";
      case FINAL -> "gathering the final particles";
      case RELEASE -> "releasing partitions";
      case IDLE -> "idle";
    };
  }

  private void gatherParticles(Phase next) {
    phase = next;
    retry = () -> gatherParticles(next);
    if (recoveryStep != step) { // a new step, not a step being recovered
      stepStarted = System.nanoTime();
      stepAttempts = 1;
    }
    List<Gatherer.Request> requests = new ArrayList<>();
    long s = step;
    for (FieldEvaluation.Target t : targets) {
      if (t.kind() == Partitions.Kind.PARTICLE) {
        requests.add(new Gatherer.Request(t.kind(), t.id(), 0,
            (attempt, to) -> new PartitionCommand.GetParticles(job, s, to)));
      }
    }
    gather(requests, (reply, reqs) -> reply instanceof PartitionReply.Particles p
        && p.step() == s && p.job().equals(job) ? indexOf(reqs, p.partition()) : -1);
  }

  private void onParticles(List<PartitionReply> replies) {
    current = new ArrayList<>();
    int n = 0;
    for (PartitionReply r : replies) {
      PartitionReply.Particles p = (PartitionReply.Particles) r;
      ReferenceSet want = resident.get(p.partition()).get(Side.NEGATIVE);
      if (!Arrays.equals(p.ids(), want.ids())) { // restarted or moved: it lost its particles
        recover("step " + step + ": particle partition " + p.partition() + " holds "
            + p.ids().length + " particles, expected " + want.size());
        return;
      }
      current.add(p);
      n += p.ids().length;
    }
    double[][] points = new double[n][];
    long[] ids = new long[n];
    int row = 0;
    for (PartitionReply.Particles p : current) {
      for (int i = 0; i < p.ids().length; i++) {
        points[row] = p.points()[i];
        ids[row] = p.ids()[i];
        row++;
      }
    }
    queries = new QueryBatch(points, ids);
    if (simulation.snapshotSteps().contains(step) || phase == Phase.FINAL) {
      listener.onSnapshot(step, points);
    }
    if (phase == Phase.FINAL) {
      listener.onFinish(points);
      release(new SimulationFinished(points, step));
    } else {
      evaluate(queries, step);
    }
  }

  private void evaluate(QueryBatch q, long s) {
    phase = Phase.FIELD;
    retry = () -> evaluate(q, s);
    tag++;
    FieldEvaluation.Job e = new FieldEvaluation.Job(job, s, spec, manifold, q, targets,
        blockRows(), runtime.timeout(), runtime.maxAttempts());
    getContext().spawnAnonymous(FieldEvaluation.create(tag, e, partitions, fieldReplies));
  }

  /**
   * Query rows per block so that the query and every reply stay under the budget
   * ({@link FieldEvaluation} keeps {@code deng_coded}'s queries in one block regardless).
   */
  private int blockRows() {
    long d = manifold.ambientDimension();
    long t = spec.temperatures();
    long perRow = BYTES * (d + 1 + 2 * t * (d + 3)) + 64;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, runtime.maxMessageBytes() / 2 / perRow));
  }

  private Behavior<Command> onFieldDone(FieldDone done) {
    FieldEvaluation.Result r = done.result();
    if (r.tag() != tag) {
      return this;
    }
    if (r instanceof FieldEvaluation.Failed f) {
      return recover(f.reason());
    }
    FieldEvaluation.Done d = (FieldEvaluation.Done) r;
    stepAttempts = Math.max(stepAttempts, d.attempts());
    if (training != null) {
      phase = Phase.UPDATE;
      double seconds = (System.nanoTime() - driftStarted) / 1e9;
      trainer.tell(new TrainerActor.Update(step, d.field(),
          new Trainer.FieldInfo(seconds, targets.size(), stepAttempts), trainerReplies));
      return this;
    }
    if (simulation == null) {
      release(new FieldComputed(d.field(), d.attempts()));
      return this;
    }
    move(d.field());
    return this;
  }

  private double[][] field;

  private void move(double[][] v) {
    field = v;
    phase = Phase.MOVES;
    retry = () -> move(v);
    moveRows = new ArrayList<>();
    List<Gatherer.Request> requests = new ArrayList<>();
    int row = 0;
    long s = step;
    // On the wire "no cap" is +∞ (the job's 0).
    double cap = simulation.stepCap() > 0 ? simulation.stepCap() : Double.POSITIVE_INFINITY;
    for (PartitionReply.Particles p : current) {
      int n = p.ids().length;
      double[][] mine = Arrays.copyOfRange(v, row, row + n);
      moveRows.add(mine);
      row += n;
      long[] ids = p.ids();
      requests.add(new Gatherer.Request(Partitions.Kind.PARTICLE, p.partition(), 0,
          (attempt, to) -> new PartitionCommand.ApplyMoves(job, s, ids, mine,
              simulation.eta(), cap, to)));
    }
    gather(requests, (reply, reqs) -> reply instanceof PartitionReply.Ack a
        && a.kind() == PartitionReply.AckKind.MOVED && a.step() == s
        ? indexOf(reqs, a.partition()) : -1);
  }

  private void onMoved() {
    // What each particle partition now holds (the same arithmetic as theirs), for a recovery.
    double cap = simulation.stepCap() > 0 ? simulation.stepCap() : Double.POSITIVE_INFINITY;
    for (int p = 0; p < current.size(); p++) {
      PartitionReply.Particles before = current.get(p);
      ReferenceSet held = resident.get(before.partition()).get(Side.NEGATIVE);
      resident.get(before.partition()).put(Side.NEGATIVE, new ReferenceSet(Side.NEGATIVE,
          PartitionState.moved(manifold, before.points(), moveRows.get(p), simulation.eta(),
              cap), held.weights(), held.ids()));
    }
    double sum = 0;
    double[][] x = queries.points();
    for (int i = 0; i < x.length; i++) {
      sum += manifold.norm(x[i], field[i]);
    }
    double seconds = (System.nanoTime() - stepStarted) / 1e9;
    listener.onStep(new SimulationListener.Step(step, x.length == 0 ? 0 : sum / x.length,
        seconds, targets.size(), stepAttempts));
    step++;
    gatherParticles(step < simulation.steps() ? Phase.PARTICLES : Phase.FINAL);
  }

  // ------------------------------------------------------------------ the end

  private void release(Outcome out) {
    stopTrainer();
    result = out;
    phase = Phase.RELEASE;
    List<Gatherer.Request> requests = new ArrayList<>();
    for (FieldEvaluation.Target t : targets) {
      requests.add(new Gatherer.Request(t.kind(), t.id(), 0,
          (attempt, to) -> new PartitionCommand.Release(job, to)));
    }
    gather(requests, (reply, reqs) -> reply instanceof PartitionReply.Ack a
        && a.kind() == PartitionReply.AckKind.RELEASED ? indexOf(reqs, a.partition()) : -1);
  }

  /**
   * A phase failed (a partition reported an error, or stayed silent through every attempt):
   * ask every partition for its state, reload those that lost it from the coordinator's copy
   * ({@link #resident}), and run the phase again — at most {@code maxRecoveries} times a step.
   */
  private Behavior<Command> recover(String reason) {
    if (step != recoveryStep) {
      recoveryStep = step;
      recoveries = 0;
    }
    if (retry == null || recoveries >= runtime.maxRecoveries()) {
      return fail(reason + (recoveries > 0 ? " (after " + recoveries + " recover"
          + (recoveries > 1 ? "ies" : "y") + " of the step)" : ""));
    }
    recoveries++;
    stepAttempts = Math.max(stepAttempts, recoveries + 1); // the phase is asked again
    getContext().getLog().warn("job {}: {}; checking the partitions (recovery {} of {})", job,
        reason, recoveries, runtime.maxRecoveries());
    phase = Phase.RECOVER;
    String j = job;
    List<Gatherer.Request> requests = new ArrayList<>();
    for (FieldEvaluation.Target t : targets) {
      requests.add(new Gatherer.Request(t.kind(), t.id(), 0,
          (attempt, to) -> new PartitionCommand.Ping(j, to)));
    }
    gather(requests, (reply, reqs) -> reply instanceof PartitionReply.Status st
        ? indexOf(reqs, st.partition()) : -1);
    return this;
  }

  /** Reloads the partitions whose state differs from what they should hold; then retries. */
  private void onStatus(List<PartitionReply> replies) {
    List<FieldEvaluation.Target> reload = new ArrayList<>();
    List<List<ReferenceSet>> sets = new ArrayList<>();
    for (int i = 0; i < replies.size(); i++) {
      PartitionReply.Status st = (PartitionReply.Status) replies.get(i);
      FieldEvaluation.Target t = targets.get(i);
      EnumMap<Side, ReferenceSet> held = resident.getOrDefault(t.id(),
          new EnumMap<>(Side.class));
      ReferenceSet pos = held.get(Side.POSITIVE);
      ReferenceSet neg = held.get(Side.NEGATIVE);
      boolean same = st.job().equals(job) && st.positives() == (pos == null ? 0 : pos.size())
          && st.negatives() == (neg == null ? 0 : neg.size());
      if (!same && !held.isEmpty()) {
        getContext().getLog().warn("job {}, step {}: {} partition {} holds {} positives and {}"
            + " negatives of job {}; reloading it", job, step,
            t.kind().name().toLowerCase(java.util.Locale.ROOT), t.id(), st.positives(),
            st.negatives(), st.job());
        reload.add(t);
        sets.add(new ArrayList<>(held.values()));
      }
    }
    Runnable again = retry; // each phase's action sets the phase it runs in
    if (reload.isEmpty()) {
      again.run();
    } else {
      startLoad(reload, sets, again);
    }
  }

  private void stopTrainer() {
    if (trainer != null) {
      getContext().stop(trainer);
      trainer = null;
    }
  }

  private Behavior<Command> fail(String reason) {
    getContext().getLog().error("job {} failed: {}", job, reason);
    ActorRef<Outcome> who = replyTo;
    phase = Phase.IDLE;
    loadMessages = null;
    stopTrainer();
    who.tell(new JobFailed("job " + job + ": " + reason));
    return this;
  }
}
