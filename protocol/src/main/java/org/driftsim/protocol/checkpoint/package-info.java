/**
 * Checkpoints on disk: the {@link org.driftsim.protocol.checkpoint.Checkpoint} record (generator,
 * EMA, optimizer state, seed and step, memory banks, particles, resolved config), its Kryo codec
 * ({@link org.driftsim.protocol.checkpoint.CheckpointCodec}: registration required, fixed ids,
 * a header with magic, format version, payload length and CRC32, all checked before the payload
 * is decoded) and {@link org.driftsim.protocol.checkpoint.CheckpointStore}, which writes them
 * atomically and durably into a directory with a manifest, keeps the newest K, and reads the
 * newest valid one back, reporting what was wrong with newer ones.
 */
package org.driftsim.protocol.checkpoint;
