package org.driftsim.actors;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.driftsim.config.FaultSettings;
import org.driftsim.geometry.field.Side;
import org.driftsim.gpu.FieldEngine;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionCommand.AppendReferences;
import org.driftsim.protocol.PartitionCommand.ApplyMoves;
import org.driftsim.protocol.PartitionCommand.GetParticles;
import org.driftsim.protocol.PartitionCommand.LoadReferences;
import org.driftsim.protocol.PartitionCommand.Ping;
import org.driftsim.protocol.PartitionCommand.Query;
import org.driftsim.protocol.PartitionCommand.Release;
import org.driftsim.protocol.PartitionReply;
import org.driftsim.protocol.PartitionReply.Ack;
import org.driftsim.protocol.PartitionReply.AckKind;

/**
 * The behaviour both partition kinds share: hold references on the device, answer queries,
 * move particles at most once per step. Bad requests (wrong shapes, no references yet) are
 * answered with {@link PartitionReply.QueryFailed} or logged; anything else throws and the
 * supervisor restarts the partition.
 */
final class PartitionBehavior extends AbstractBehavior<PartitionCommand> {
  private final String kind;
  private final PartitionState<?> state;
  private final FaultSettings faults;
  private long appliedStep = -1;

  PartitionBehavior(ActorContext<PartitionCommand> context, String kind, int partition,
      FieldEngine<?> engine, FaultSettings faults) {
    super(context);
    this.kind = kind;
    this.faults = faults;
    this.state = new PartitionState<>(engine, partition);
    context.getLog().debug("{} partition {} started on thread {}", kind, partition,
        Thread.currentThread().getName());
  }

  @Override
  public Receive<PartitionCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Query.class, this::onQuery)
        .onMessage(LoadReferences.class, this::onLoad)
        .onMessage(AppendReferences.class, this::onAppend)
        .onMessage(GetParticles.class, this::onGetParticles)
        .onMessage(ApplyMoves.class, this::onApplyMoves)
        .onMessage(Release.class, this::onRelease)
        .onMessage(Ping.class, this::onPing)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<PartitionCommand> onQuery(Query q) {
    FaultInjection.beforeQuery(faults, kind, state.partition(), q.id().step(),
        getContext().getLog());
    PartitionReply.QueryReply reply;
    try {
      reply = state.answer(q);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A request this partition cannot answer: say why; the coordinator fails the step.
      reply = new PartitionReply.QueryFailed(q.id(), state.partition(), kind + " partition "
          + state.partition() + ": " + e.getMessage());
    }
    q.replyTo().tell(reply);
    return this;
  }

  private Behavior<PartitionCommand> onLoad(LoadReferences m) {
    state.load(m.job(), m.manifold(), m.references());
    appliedStep = -1;
    m.replyTo().tell(new Ack(m.job(), state.partition(), AckKind.LOADED, -1,
        state.size(m.references().side())));
    return this;
  }

  private Behavior<PartitionCommand> onAppend(AppendReferences m) {
    if (!m.job().equals(state.job())) {
      getContext().getLog().warn("{} partition {}: append for job {} ignored, it holds job {}",
          kind, state.partition(), m.job(), state.job());
      return this;
    }
    state.append(m.references(), m.capacity());
    m.replyTo().tell(new Ack(m.job(), state.partition(), AckKind.APPENDED, -1,
        state.size(m.references().side())));
    return this;
  }

  private Behavior<PartitionCommand> onGetParticles(GetParticles m) {
    m.replyTo().tell(new PartitionReply.Particles(m.job(), m.step(), state.partition(),
        state.positions(), state.particleIds()));
    return this;
  }

  private Behavior<PartitionCommand> onApplyMoves(ApplyMoves m) {
    if (!m.job().equals(state.job())) {
      getContext().getLog().warn("{} partition {}: moves for job {} ignored, it holds job {}",
          kind, state.partition(), m.job(), state.job());
      return this;
    }
    if (m.step() > appliedStep) { // a repeated message for an applied step is only acknowledged
      state.move(m.ids(), m.drift(), m.eta(), m.stepCap());
      appliedStep = m.step();
    }
    m.replyTo().tell(new Ack(m.job(), state.partition(), AckKind.MOVED, m.step(),
        state.size(Side.NEGATIVE)));
    return this;
  }

  private Behavior<PartitionCommand> onRelease(Release m) {
    if (m.job().equals(state.job())) {
      state.clear();
      appliedStep = -1;
    }
    m.replyTo().tell(new Ack(m.job(), state.partition(), AckKind.RELEASED, -1, 0));
    return this;
  }

  private Behavior<PartitionCommand> onPing(Ping m) {
    m.replyTo().tell(new PartitionReply.Status(state.job() == null ? m.job() : state.job(),
        state.partition(), state.size(Side.POSITIVE), state.size(Side.NEGATIVE), appliedStep));
    return this;
  }

  private Behavior<PartitionCommand> onStop() {
    state.close();
    return this;
  }
}
