package org.driftsim.config;

import java.util.List;

/** Range checks in the one message style: "KEY must be RULE, got VALUE". */
final class Rules {
  private Rules() {}

  static int atLeast(String key, int min, int value) {
    if (value < min) {
      throw new ConfigError(key + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  static long atLeast(String key, long min, long value) {
    if (value < min) {
      throw new ConfigError(key + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ConfigError(key + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  static double nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new ConfigError(key + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  static String nonEmpty(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigError(key + " must be a non-empty string, got \"" + value + "\"");
    }
    return value;
  }

  static String oneOf(String key, List<String> allowed, String value) {
    if (!allowed.contains(value)) {
      throw new ConfigError(key + " must be one of " + String.join(", ", allowed) + ", got "
          + value);
    }
    return value;
  }

  /**
   * The field of {@code PREFIXfield} with one kernel per entry of {@code PREFIXkernels}, e.g.
   * prefix {@code driftsim.training.}.
   */
  static org.driftsim.geometry.field.FieldSpec field(Settings s, String prefix) {
    org.driftsim.geometry.field.FieldType type =
        org.driftsim.geometry.field.FieldType.parse(prefix + "field", s.string(prefix + "field"));
    List<String> kernelText = s.strings(prefix + "kernels");
    if (kernelText.isEmpty()) {
      throw new ConfigError(prefix + "kernels must list at least one kernel spec, got []");
    }
    List<org.driftsim.geometry.kernel.KernelSpec> kernels = new java.util.ArrayList<>();
    for (int i = 0; i < kernelText.size(); i++) {
      try {
        kernels.add(org.driftsim.geometry.kernel.KernelSpec.parse(kernelText.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigError(prefix + "kernels[" + i + "]: " + e.getMessage() + " ("
            + s.where(prefix + "kernels") + ")");
      }
    }
    try {
      return new org.driftsim.geometry.field.FieldSpec(type, kernels);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(prefix + "field " + e.getMessage() + " (" + s.where(prefix + "field")
          + ")");
    }
  }

  /** Runs a record constructor; adds where the offending key was set to its message. */
  static <T> T located(Settings settings, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigError e) {
      throw locate(settings, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw locate(settings, e.getMessage());
    }
  }

  /** A config key at the start of a message: dotted lower-case words, e.g. driftsim.job.seed. */
  private static final java.util.regex.Pattern KEY =
      java.util.regex.Pattern.compile("driftsim(\\.[a-z0-9-]+)+");

  private static ConfigError locate(Settings settings, String message) {
    int space = message.indexOf(' ');
    String key = space > 0 ? message.substring(0, space) : "";
    // "driftsim.training.kernels[0]: ..." names a list element and carries its origin already.
    if (KEY.matcher(key).matches() && settings.config().hasPath(key)
        && !message.endsWith(")")) {
      return new ConfigError(message + " (" + settings.where(key) + ")");
    }
    return new ConfigError(message);
  }
}
