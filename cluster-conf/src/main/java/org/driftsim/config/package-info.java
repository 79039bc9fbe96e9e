/**
 * Job and node settings: HOCON read into validated records. {@link org.driftsim.config.Settings}
 * loads a job file over the module's {@code reference.conf} (which documents every key), applies
 * {@code --set key=value} overrides, rejects any unknown key under {@code driftsim}, and builds
 * the records; each record's constructor checks its values and names the offending key and where
 * it was set.
 */
package org.driftsim.config;
