package org.driftsim.protocol;

/**
 * Every message that may cross the wire. The serializer is bound to this interface in
 * configuration, so a message that does not implement it cannot leave its JVM (Java
 * serialization is off).
 */
public interface WireMessage {}
