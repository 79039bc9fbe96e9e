package org.driftsim.geometry.field;

/** Which side of the field a reference set is on: V = A_P − A_N. */
public enum Side {
  /** Data samples: attraction. */
  POSITIVE,
  /** Model samples: repulsion. */
  NEGATIVE
}
