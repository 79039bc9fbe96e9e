package org.driftsim.cli;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.driftsim.actors.DriftsimNode;
import org.driftsim.actors.JobCoordinator;
import org.driftsim.actors.SimulationJob;
import org.driftsim.config.RuntimeSettings;
import org.driftsim.config.Settings;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;

/**
 * {@code driftsim field --engine actors}: the field through P bank partitions on the embedded
 * one-node cluster; partition p holds slice p of the positives and of the negatives, exactly as
 * {@code --partitions P} splits them for the other engines.
 */
final class ActorField {
  private ActorField() {}

  static double[][] compute(FieldSpec spec, Manifold manifold, QueryBatch queries,
      ReferenceSet positives, ReferenceSet negatives, int parts) {
    Settings settings = Settings.defaults();
    RuntimeSettings runtime = settings.runtime();
    List<ReferenceSet> pos = new ArrayList<>();
    List<ReferenceSet> neg = negatives == null ? null : new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      pos.add(FieldCommand.slice(positives, p, parts));
      if (neg != null) {
        neg.add(FieldCommand.slice(negatives, p, parts));
      }
    }
    try (DriftsimNode node = DriftsimNode.start(settings, ConfigFactory.empty())) {
      node.awaitUp(Duration.ofSeconds(60));
      SimulationJob.Runtime rt = new SimulationJob.Runtime(runtime.requestTimeout(),
          runtime.maxAttempts(), runtime.maxMessageBytes());
      JobCoordinator.Outcome out = node.ask(replyTo -> new JobCoordinator.ComputeField("field",
          spec, manifold, queries, pos, neg, rt, replyTo), DriftsimNode.LONGEST_ASK);
      if (out instanceof JobCoordinator.FieldComputed done) {
        return done.field();
      }
      throw new IllegalStateException(((JobCoordinator.JobFailed) out).reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing the field", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
