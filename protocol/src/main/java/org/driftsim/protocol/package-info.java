/**
 * What crosses the wire between Driftsim actors: the messages partitions receive
 * ({@link org.driftsim.protocol.PartitionCommand}) and send back
 * ({@link org.driftsim.protocol.PartitionReply}), as Java records; their protobuf form (package
 * {@code driftsim.v1}, {@code src/main/proto}); the tensor codec, which validates shape, dtype and
 * length before it allocates; and the one Pekko serializer that binds them all. Java
 * serialization is never used.
 */
package org.driftsim.protocol;
