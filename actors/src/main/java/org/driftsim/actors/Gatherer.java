package org.driftsim.actors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.driftsim.protocol.PartitionCommand;
import org.driftsim.protocol.PartitionReply;

/**
 * A per-request child of the coordinator (in the manner of Pekko's {@code DeviceGroupQuery}):
 * sends one message to each of a list of partitions, collects one reply per message, re-sends to
 * those that did not answer within the timeout (attempt + 1), drops replies it no longer waits
 * for (an earlier attempt, a duplicate, another step), replies once to its parent with the
 * replies in request order — so results never depend on arrival order — and stops.
 */
final class Gatherer extends AbstractBehavior<Gatherer.Command> {

  /** Messages of the gatherer. */
  sealed interface Command {}

  /** A partition's reply, through the message adapter. */
  private record Reply(PartitionReply reply) implements Command {}

  /** The timeout of the current attempt. */
  private enum Timeout implements Command { INSTANCE }

  /**
   * One message to send.
   *
   * @param kind the partition's kind
   * @param partition its id
   * @param chunk which query block (0 for messages without one)
   * @param message builds the message for an attempt and the gatherer's reply address
   */
  record Request(Partitions.Kind kind, int partition, int chunk,
      BiFunction<Integer, ActorRef<PartitionReply>, PartitionCommand> message) {}

  /** Which reply answers which request. */
  interface Matcher {
    /**
     * The request index this reply answers, or −1 if it belongs to no request of this gather.
     */
    int match(PartitionReply reply, List<Request> requests);
  }

  /** What the parent gets. */
  sealed interface Result {
    /** The tag the parent gave. */
    long tag();
  }

  /**
   * Every request answered; replies in request order; {@code attempts} is how many times the
   * most-asked request was sent (1 when every partition answered the first time).
   */
  record Gathered(long tag, List<PartitionReply> replies, int attempts) implements Result {}

  /** The gather failed: a partition reported an error or did not answer in time. */
  record Failed(long tag, String reason, int attempts) implements Result {}

  private final long tag;
  private final List<Request> requests;
  private final Matcher matcher;
  private final Partitions partitions;
  private final Duration timeout;
  private final int maxAttempts;
  private final ActorRef<Result> parent;
  private final TimerScheduler<Command> timers;
  private final ActorRef<PartitionReply> replyTo;
  private final PartitionReply[] replies;
  private final int[] attempts;
  private int missing;
  private int attempt;

  static Behavior<Command> create(long tag, List<Request> requests, Matcher matcher,
      Partitions partitions, Duration timeout, int maxAttempts, ActorRef<Result> parent) {
    if (requests.isEmpty()) {
      parent.tell(new Gathered(tag, List.of(), 1));
      return Behaviors.stopped();
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Gatherer(ctx, timers, tag,
        requests, matcher, partitions, timeout, maxAttempts, parent)));
  }

  private Gatherer(ActorContext<Command> context, TimerScheduler<Command> timers, long tag,
      List<Request> requests, Matcher matcher, Partitions partitions, Duration timeout,
      int maxAttempts, ActorRef<Result> parent) {
    super(context);
    this.timers = timers;
    this.tag = tag;
    this.requests = List.copyOf(requests);
    this.matcher = matcher;
    this.partitions = partitions;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.parent = parent;
    this.replyTo = context.messageAdapter(PartitionReply.class, Reply::new);
    this.replies = new PartitionReply[requests.size()];
    this.attempts = new int[requests.size()];
    this.missing = requests.size();
    for (int i = 0; i < requests.size(); i++) {
      send(i);
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  private void send(int i) {
    Request r = requests.get(i);
    partitions.tell(r.kind(), r.partition(), r.message().apply(attempts[i], replyTo));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reply.class, this::onReply)
        .onMessage(Timeout.class, t -> onTimeout())
        .build();
  }

  private Behavior<Command> onReply(Reply wrapped) {
    PartitionReply reply = wrapped.reply();
    int i = matcher.match(reply, requests);
    if (i < 0 || replies[i] != null) {
      getContext().getLog().debug("dropped a reply this gather does not wait for: {}", reply);
      return this;
    }
    if (reply instanceof PartitionReply.QueryReply q && q.id().attempt() != attempts[i]) {
      getContext().getLog().debug("dropped a reply to attempt {} (waiting for attempt {})",
          q.id().attempt(), attempts[i]);
      return this;
    }
    if (reply instanceof PartitionReply.QueryFailed failed) {
      parent.tell(new Failed(tag, failed.message(), attempt + 1));
      return Behaviors.stopped();
    }
    replies[i] = reply;
    missing--;
    if (missing == 0) {
      timers.cancelAll();
      parent.tell(new Gathered(tag, List.of(replies), attempt + 1));
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onTimeout() {
    attempt++;
    List<String> late = new ArrayList<>();
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] == null) {
        Request r = requests.get(i);
        late.add(r.kind().name().toLowerCase(java.util.Locale.ROOT) + " partition "
            + r.partition() + (r.chunk() > 0 ? " (block " + r.chunk() + ")" : ""));
      }
    }
    if (attempt >= maxAttempts) {
      parent.tell(new Failed(tag, String.join(", ", late) + " did not answer after "
          + maxAttempts + " attempt" + (maxAttempts > 1 ? "s" : "") + " of " + timeout.toMillis()
          + " ms each", attempt));
      return Behaviors.stopped();
    }
    getContext().getLog().warn("{} did not answer within {} ms; asking again (attempt {})",
        String.join(", ", late), timeout.toMillis(), attempt);
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] == null) {
        attempts[i]++;
        send(i);
      }
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
    return this;
  }
}
