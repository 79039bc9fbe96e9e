package org.driftsim.gpu;

import org.driftsim.geometry.field.ShardKernel;

/**
 * A {@link ShardKernel} that owns resources (threads, device memory) and is closed after use.
 *
 * @param <S> the engine's resident form of a shard
 */
public interface FieldEngine<S> extends ShardKernel<S>, AutoCloseable {
  /** Releases threads and device memory; the engine is unusable afterwards. */
  @Override
  void close();
}
