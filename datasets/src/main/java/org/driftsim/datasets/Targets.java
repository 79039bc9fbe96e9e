package org.driftsim.datasets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.driftsim.geometry.Geometry;

/**
 * The synthetic targets and initial distributions of MATH.md §6, and the categorical toys on the
 * simplex, from their spec strings.
 *
 * <table>
 *   <caption>Spec strings</caption>
 *   <tr><th>spec</th><th>distribution</th></tr>
 *   <tr><td>{@code swissroll}, {@code swissroll(noise=0.2)}</td><td>the swiss roll (noise 0.2
 *       unless given); on S² and H² divided by 3 before the chart</td></tr>
 *   <tr><td>{@code checkerboard}</td><td>uniform over the 8 black tiles of the board
 *       ({@code [−4,4]²} on R², {@code [−1,1]²} in the chart on S² and H²)</td></tr>
 *   <tr><td>{@code gaussian(sigma=0.3)}, {@code gaussian(sigma=0.3,u=0.5,v=0)}</td><td>the
 *       isotropic normal {@code N((u,v), σ²I)} in chart coordinates (center 0 unless given),
 *       mapped by the chart</td></tr>
 *   <tr><td>{@code mixture(k=8,radius=1,sigma=0.1)}</td><td>equal-weight mixture of k normals
 *       {@code N(c_j, σ²I)} in chart coordinates, centers {@code c_j} evenly on the circle of the
 *       given radius (chart units on every geometry), mapped by the chart</td></tr>
 *   <tr><td>{@code categorical(k=10,modes=3)},
 *       {@code categorical(k=4,l=8,modes=2,noise=0.1,smoothing=0.05)}</td><td>geometry simplex
 *       only: sequences of length l (1 unless given) over k categories from {@code modes}
 *       motifs, each token replaced by a uniform one with probability noise (0 unless given),
 *       one-hot or label-smoothed (smoothing 0 unless given), as √p; see
 *       {@code CategoricalToy}</td></tr>
 * </table>
 *
 * <p>Spaces around names, keys and values are ignored; {@link Distribution#toString()} prints
 * the canonical form (no spaces, default parameters left out), which parses back to an equal
 * distribution.
 *
 * <pre>{@code
 * Distribution target = Targets.parse("checkerboard", Geometry.HYPERBOLOID);
 * double[][] y = target.sample(4096, Rngs.stream(seed, 0, "positives"));   // [4096][3]
 * }</pre>
 */
public final class Targets {
  private static final Pattern NAME = Pattern.compile("[a-z]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final String NAMES =
      "swissroll, checkerboard, gaussian, mixture, categorical";

  private Targets() {}

  /** The swiss roll with the noise 0.2 of MATH.md §6. */
  public static Distribution swissRoll(Geometry geometry) {
    return new SwissRoll(geometry, SwissRoll.DEFAULT_NOISE);
  }

  /** The swiss roll with another noise standard deviation (≥ 0; 0 gives the bare spiral). */
  public static Distribution swissRoll(Geometry geometry, double noise) {
    return new SwissRoll(geometry, noise);
  }

  /** The checkerboard. */
  public static Distribution checkerboard(Geometry geometry) {
    return new Checkerboard(geometry);
  }

  /** The normal {@code N(0, σ²I)} in chart coordinates, mapped by the chart. */
  public static Distribution gaussian(Geometry geometry, double sigma) {
    return new GaussianBlob(geometry, sigma, 0, 0);
  }

  /** The normal {@code N((u,v), σ²I)} in chart coordinates, mapped by the chart. */
  public static Distribution gaussian(Geometry geometry, double sigma, double u, double v) {
    return new GaussianBlob(geometry, sigma, u, v);
  }

  /**
   * The equal-weight mixture of {@code k} normals {@code N(c_j, σ²I)} in chart coordinates with
   * centers evenly on the circle of radius {@code radius}, mapped by the chart.
   */
  public static Distribution mixture(Geometry geometry, int k, double radius, double sigma) {
    return new ChartMixture(geometry, k, radius, sigma);
  }

  /**
   * Sequences of length {@code l} over {@code k} categories on the simplex, from {@code modes}
   * motifs with per-token noise, each token one-hot or label-smoothed by {@code smoothing} (see
   * the table above); samples are {@code √p} with {@code k·l} coordinates.
   */
  public static Distribution categorical(
      int k, int l, int modes, double noise, double smoothing) {
    return new CategoricalToy(k, l, modes, noise, smoothing);
  }

  /** The distribution names, comma separated. */
  public static String names() {
    return NAMES;
  }

  /**
   * Parses a spec string.
   *
   * @param spec e.g. {@code swissroll}, {@code checkerboard}, {@code gaussian(sigma=0.3)}
   * @param geometry euclidean (R²), sphere (S²) or hyperboloid (H²); simplex for
   *     {@code categorical}
   * @throws IllegalArgumentException with a message {@code "<name> must be <rule>, got <value>"}
   */
  public static Distribution parse(String spec, Geometry geometry) {
    if (geometry == null) {
      throw new IllegalArgumentException(
          "geometry must be one of " + Geometry.names() + ", got null");
    }
    if (spec == null) {
      throw new IllegalArgumentException("target must be one of " + NAMES + ", got null");
    }
    String text = spec.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "target must be one of " + NAMES + ", got \"" + spec + "\"");
    }
    String name = text;
    String arguments = null;
    int open = text.indexOf('(');
    if (open >= 0) {
      if (!text.endsWith(")")) {
        throw syntax(spec);
      }
      name = text.substring(0, open).strip();
      arguments = text.substring(open + 1, text.length() - 1);
    }
    if (!NAME.matcher(name).matches()) {
      throw name.isEmpty() || name.contains(")") ? syntax(spec) : unknown(spec);
    }
    Map<String, Double> parameters = parameters(name, arguments, spec);
    switch (name) {
      case "swissroll": {
        allowOnly(name, parameters, "noise");
        return new SwissRoll(geometry, parameters.getOrDefault("noise", SwissRoll.DEFAULT_NOISE));
      }
      case "checkerboard": {
        allowOnly(name, parameters);
        return new Checkerboard(geometry);
      }
      case "gaussian": {
        allowOnly(name, parameters, "sigma", "u", "v");
        Double sigma = parameters.get("sigma");
        if (sigma == null) {
          throw new IllegalArgumentException(
              "gaussian sigma must be given, e.g. gaussian(sigma=0.3), got " + spec);
        }
        return new GaussianBlob(geometry, sigma,
            parameters.getOrDefault("u", 0.0), parameters.getOrDefault("v", 0.0));
      }
      case "mixture": {
        allowOnly(name, parameters, "k", "radius", "sigma");
        Charts.checked(geometry);
        return new ChartMixture(geometry,
            integer(name, "k", required(name, "k", parameters, spec)),
            required(name, "radius", parameters, spec), required(name, "sigma", parameters, spec));
      }
      case "categorical": {
        allowOnly(name, parameters, "k", "l", "modes", "noise", "smoothing");
        if (geometry != Geometry.SIMPLEX) {
          throw new IllegalArgumentException(
              "categorical geometry must be simplex, got " + geometry.cliName());
        }
        return new CategoricalToy(integer(name, "k", required(name, "k", parameters, spec)),
            integer(name, "l", parameters.getOrDefault("l", 1.0)),
            integer(name, "modes", required(name, "modes", parameters, spec)),
            parameters.getOrDefault("noise", 0.0), parameters.getOrDefault("smoothing", 0.0));
      }
      default:
        throw unknown(spec);
    }
  }

  private static double required(
      String name, String key, Map<String, Double> parameters, String spec) {
    Double value = parameters.get(key);
    if (value == null) {
      String example = name.equals("mixture")
          ? "mixture(k=8,radius=1,sigma=0.1)" : "categorical(k=10,modes=3)";
      throw new IllegalArgumentException(
          name + " " + key + " must be given, e.g. " + example + ", got " + spec);
    }
    return value;
  }

  /** A parameter that counts something: an integral value that fits an {@code int}. */
  private static int integer(String name, String key, double value) {
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " " + key + " must be an integer, got " + Samples.format(value));
    }
    return (int) value;
  }

  /** The {@code key=value} list inside the parentheses, in order; null for no parentheses. */
  private static Map<String, Double> parameters(String name, String arguments, String spec) {
    Map<String, Double> parameters = new LinkedHashMap<>();
    if (arguments == null) {
      return parameters;
    }
    if (arguments.isBlank()) {
      throw syntax(spec);
    }
    for (String item : arguments.split(",", -1)) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw syntax(spec);
      }
      String key = item.substring(0, eq).strip();
      String value = item.substring(eq + 1).strip();
      if (!NAME.matcher(key).matches()) {
        throw syntax(spec);
      }
      if (!DECIMAL.matcher(value).matches()) {
        throw new IllegalArgumentException(
            name + " " + key + " must be a decimal number, got " + value);
      }
      if (parameters.put(key, Double.parseDouble(value)) != null) {
        throw new IllegalArgumentException(
            name + " " + key + " must be given at most once, got " + spec);
      }
    }
    return parameters;
  }

  private static void allowOnly(String name, Map<String, Double> parameters, String... keys) {
    for (String key : parameters.keySet()) {
      boolean known = false;
      for (String k : keys) {
        known |= k.equals(key);
      }
      if (!known) {
        throw new IllegalArgumentException(keys.length == 0
            ? name + " must have no parameters, got " + key
            : name + " parameter must be one of " + String.join(", ", keys) + ", got " + key);
      }
    }
  }

  private static IllegalArgumentException unknown(String spec) {
    return new IllegalArgumentException("target must be one of " + NAMES + ", got " + spec);
  }

  private static IllegalArgumentException syntax(String spec) {
    return new IllegalArgumentException(
        "target must be NAME or NAME(key=value,...) with NAME one of " + NAMES + ", got " + spec);
  }
}
