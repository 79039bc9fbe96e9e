package org.driftsim.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a {@link Trainer} for the coordinator, on a dispatcher where blocking is allowed, so that
 * the coordinator itself never blocks. Replies carry the step; an exception from the trainer
 * becomes a {@link Failed} naming the step and the exception (its stack trace is logged).
 */
final class TrainerActor {
  private TrainerActor() {}

  sealed interface Command {}

  record Generate(long step, ActorRef<Reply> replyTo) implements Command {}

  record Update(long step, double[][] field, Trainer.FieldInfo info, ActorRef<Reply> replyTo)
      implements Command {}

  sealed interface Reply {
    long step();
  }

  record Generated(long step, Trainer.Batch batch) implements Reply {}

  record Updated(long step) implements Reply {}

  record Failed(long step, String reason) implements Reply {}

  static Behavior<Command> create(Trainer trainer) {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessage(Generate.class, g -> {
          try {
            g.replyTo().tell(new Generated(g.step(), trainer.generate(g.step())));
          } catch (RuntimeException e) {
            ctx.getLog().error("the trainer failed to generate step {}", g.step(), e);
            g.replyTo().tell(new Failed(g.step(), "generating step " + g.step() + ": " + e));
          }
          return Behaviors.same();
        })
        .onMessage(Update.class, u -> {
          try {
            trainer.update(u.step(), u.field(), u.info());
            u.replyTo().tell(new Updated(u.step()));
          } catch (RuntimeException e) {
            ctx.getLog().error("the trainer failed to update at step {}", u.step(), e);
            u.replyTo().tell(new Failed(u.step(), "updating the generator at step " + u.step()
                + ": " + e));
          }
          return Behaviors.same();
        })
        .build());
  }
}
