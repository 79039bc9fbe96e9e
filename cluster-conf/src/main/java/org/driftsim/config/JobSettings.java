package org.driftsim.config;

/**
 * {@code driftsim.job}.
 *
 * @param name the job's name (letters, digits, '.', '_' and '-')
 * @param seed the seed of every random draw
 */
public record JobSettings(String name, long seed) {

  public JobSettings {
    Rules.nonEmpty("driftsim.job.name", name);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigError("driftsim.job.name must contain only letters, digits, '.', '_' and"
          + " '-', got \"" + name + "\"");
    }
  }

  static JobSettings from(Settings s) {
    return Rules.located(s, () -> new JobSettings(s.string("driftsim.job.name"),
        s.longValue("driftsim.job.seed")));
  }
}
