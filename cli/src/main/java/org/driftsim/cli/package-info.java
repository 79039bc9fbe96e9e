/**
 * The {@code driftsim} command: {@code driftsim field} computes a drift field from CSV files.
 * Later subcommands (simulate, train, node, bench, sample, eval) plug in here.
 *
 * <p>Exit codes: 0 on success, 2 for bad input (one message on standard error, in the formats
 * {@code FILE:LINE: problem; expected …} or {@code NAME must be RULE, got VALUE}), 1 for an
 * internal error (with its stack trace).
 */
package org.driftsim.cli;
