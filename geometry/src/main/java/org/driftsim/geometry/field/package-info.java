/**
 * Drift fields of MATH.md §3 ({@code deng}, {@code gradient}, {@code sharp}, {@code mmd},
 * {@code deng_coded}) computed from partial sums over shards of references.
 *
 * <p>A shard of references ({@link org.driftsim.geometry.field.ReferenceSet}) is reduced against
 * a batch of queries into {@link org.driftsim.geometry.field.Partials} (identity, accumulate),
 * partials from any number of shards merge exactly in log space (combine), and
 * {@link org.driftsim.geometry.field.FieldReduction#finish} forms V (finalize) — the KeOps
 * reduction pattern, which is what lets partitions on many devices answer independently.
 * {@link org.driftsim.geometry.field.DengCoded} is the official pipeline of Deng et al., which
 * needs three such rounds. {@link org.driftsim.geometry.field.DriftFields} is the one-call facade.
 */
package org.driftsim.geometry.field;
