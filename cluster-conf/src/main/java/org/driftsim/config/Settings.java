package org.driftsim.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A job's resolved settings: the job file over {@code reference.conf}, with {@code --set}
 * overrides on top.
 *
 * <pre>{@code
 * Settings s = Settings.load(Path.of("simulate-swissroll.conf"), List.of("driftsim.simulation.steps=50"));
 * SimulationSettings sim = s.simulation();
 * }</pre>
 */
public final class Settings {
  private final Config config;
  private final String source;

  private Settings(Config config, String source) {
    this.config = config;
    this.source = source;
  }

  /** The defaults of {@code reference.conf} alone. */
  public static Settings defaults() {
    return of(ConfigFactory.empty(), "defaults");
  }

  /**
   * Reads a job file, applies {@code key=value} overrides and validates everything.
   *
   * @throws ConfigError for a missing or unreadable file, a syntax error, an unknown key, a
   *     wrong type or an out-of-range value
   */
  public static Settings load(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(file + ": config file not found; expected a HOCON job file such as"
          + " those in cluster-conf/examples/");
    }
    Config job;
    try {
      job = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage());
    }
    return of(withOverrides(job, overrides), file.toString());
  }

  /**
   * Settings from config text (e.g. the resolved config a checkpoint holds), with
   * {@code key=value} overrides.
   *
   * @param source names the text in messages, e.g. the checkpoint's file
   */
  public static Settings fromText(String text, String source, List<String> overrides) {
    Config job;
    try {
      job = ConfigFactory.parseString(text,
          ConfigParseOptions.defaults().setOriginDescription(source));
    } catch (ConfigException e) {
      throw new ConfigError(source + ": " + e.getMessage());
    }
    return of(withOverrides(job, overrides), source);
  }

  /**
   * The keys under {@code prefix} whose values differ between these settings and
   * {@code other}, each as {@code "key (A here, B there)"}, sorted.
   */
  public List<String> differences(Settings other, String prefix, Set<String> ignored) {
    Set<String> keys = new TreeSet<>();
    for (var e : config.getConfig(prefix).entrySet()) {
      keys.add(prefix + "." + e.getKey());
    }
    for (var e : other.config.getConfig(prefix).entrySet()) {
      keys.add(prefix + "." + e.getKey());
    }
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (ignored.contains(k)) {
        continue;
      }
      Object a = config.hasPath(k) ? config.getValue(k).unwrapped() : null;
      Object b = other.config.hasPath(k) ? other.config.getValue(k).unwrapped() : null;
      if (!java.util.Objects.equals(normalize(a), normalize(b))) {
        out.add(k + " (" + a + " here, " + b + " there)");
      }
    }
    return out;
  }

  /** Numbers compare by value (1e-3 and 0.001; 2 and 2.0). */
  private static Object normalize(Object v) {
    return v instanceof Number n ? (Object) n.doubleValue() : v;
  }

  /** Settings from an in-memory config (tests, embedded use). */
  public static Settings of(Config job, String source) {
    // Only the driftsim keys: other libraries' reference.conf files (Pekko's) come later, under
    // the node's own settings.
    Config reference = ConfigFactory.parseResources(Settings.class.getClassLoader(),
        "reference.conf").withOnlyPath("driftsim");
    checkKnown(job, reference);
    Config resolved;
    try {
      resolved = job.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage());
    }
    Settings s = new Settings(resolved, source);
    // Build every record once so that a bad value fails at load time, not mid-job.
    s.job();
    s.simulation();
    s.training();
    s.runtime();
    s.faults();
    s.node();
    return s;
  }

  private static Config withOverrides(Config job, List<String> overrides) {
    Config result = job;
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ConfigError("--set must look like key=value, got " + o);
      }
      String key = o.substring(0, eq).strip();
      String value = o.substring(eq + 1).strip();
      try {
        Config one = ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setOriginDescription("--set " + o));
        result = one.withFallback(result);
      } catch (ConfigException e) {
        // The library's message starts with the origin, "--set KEY=VALUE: 1: ...".
        throw new ConfigError(e.getMessage().replaceFirst("^(--set .*): 1: ", "$1: "));
      }
    }
    return result;
  }

  /** Every leaf under {@code driftsim} of the job must exist in the reference. */
  private static void checkKnown(Config job, Config reference) {
    if (!job.hasPath("driftsim")) {
      return;
    }
    Set<String> unknown = new TreeSet<>();
    for (var entry : job.getConfig("driftsim").entrySet()) {
      String path = "driftsim." + entry.getKey();
      if (!reference.hasPathOrNull(path)) {
        unknown.add(path + " (" + where(entry.getValue().origin()) + ")");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigError("unknown config key" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown)
          + "; expected only the keys of cluster-conf/src/main/resources/reference.conf");
    }
  }

  static String where(ConfigOrigin origin) {
    if (origin == null) {
      return "unknown origin";
    }
    if (origin.filename() != null && origin.lineNumber() > 0) {
      return origin.filename() + ":" + origin.lineNumber();
    }
    // "--set key=value: 1" names the override; its line number says nothing.
    return origin.description().replaceFirst("^(--set .*): \\d+$", "$1");
  }

  /** Where a key was set, for messages: "file:line", "--set KEY=VALUE" or "unset". */
  public String where(String path) {
    ConfigValue v = config.hasPath(path) ? config.getValue(path) : null;
    return v == null ? "unset" : where(v.origin());
  }

  /** Reads a value, turning the library's type errors into a {@link ConfigError}. */
  <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage());
    }
  }

  int integer(String path) {
    return read(() -> config.getInt(path));
  }

  long longValue(String path) {
    return read(() -> config.getLong(path));
  }

  double number(String path) {
    return read(() -> config.getDouble(path));
  }

  String string(String path) {
    return read(() -> config.getString(path));
  }

  List<String> strings(String path) {
    return read(() -> config.getStringList(path));
  }

  List<Long> longs(String path) {
    return read(() -> new ArrayList<>(config.getLongList(path)));
  }

  Duration duration(String path) {
    return read(() -> config.getDuration(path));
  }

  /** The job settings. */
  public JobSettings job() {
    return JobSettings.from(this);
  }

  /** The simulation settings. */
  public SimulationSettings simulation() {
    return SimulationSettings.from(this);
  }

  /** The training settings. */
  public TrainingSettings training() {
    return TrainingSettings.from(this);
  }

  /** The runtime settings. */
  public RuntimeSettings runtime() {
    return RuntimeSettings.from(this);
  }

  /** The fault-injection settings. */
  public FaultSettings faults() {
    return FaultSettings.from(this);
  }

  /** The node settings. */
  public NodeSettings node() {
    return NodeSettings.from(this);
  }

  /** The whole resolved config (Pekko settings included, if the job file has any). */
  public Config config() {
    return config;
  }

  /** Where the settings came from (a file name, or a description). */
  public String source() {
    return source;
  }

  /** The resolved {@code driftsim} settings as HOCON, for the run directory. */
  public String render() {
    return config.getConfig("driftsim").atKey("driftsim").root().render(
        ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  /** A {@link ConfigError} for {@code path}: "PATH must be RULE, got VALUE (where)". */
  ConfigError invalid(String path, String rule, Object value) {
    return new ConfigError(path + " must be " + rule + ", got " + value + " (" + where(path)
        + ")");
  }
}
