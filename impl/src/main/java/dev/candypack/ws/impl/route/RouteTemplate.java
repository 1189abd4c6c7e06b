package dev.candypack.ws.impl.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's URI template such as {@code /room/{roomId}/user/{userId}}, checked against the rules of
 * Jakarta WebSocket: it starts with {@code /}, has no empty segment, and each variable is a whole
 * segment with a unique name.
 *
 * @param value the template as written
 * @param variables the names of its variables, in order
 */
public record RouteTemplate(String value, List<String> variables) {

  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@%]+");

  /**
   * Parses and checks a template.
   *
   * @param value the template
   * @return the template
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static RouteTemplate parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the template is empty; it must start with '/'");
    }
    if (!value.startsWith("/")) {
      throw new IllegalArgumentException("'" + value + "' must start with '/'");
    }
    if (value.equals("/")) {
      return new RouteTemplate(value, List.of());
    }
    List<String> variables = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String segment : value.substring(1).split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("'" + value + "' has an empty segment");
      }
      var variable = VARIABLE.matcher(segment);
      if (variable.matches()) {
        String name = variable.group(1);
        if (!seen.add(name)) {
          throw new IllegalArgumentException(
              "'" + value + "' uses the variable {" + name + "} twice");
        }
        variables.add(name);
      } else if (!LITERAL.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "'"
                + value
                + "' has an invalid segment '"
                + segment
                + "'; a variable must be a whole segment like {name}");
      }
    }
    return new RouteTemplate(value, List.copyOf(variables));
  }

  /**
   * The template with its variable names erased: two templates with the same shape match the same
   * requests, so they may not both be routes.
   *
   * @return the shape, such as {@code /room/{}/user/{}}
   */
  public String shape() {
    return VARIABLE.matcher(value).replaceAll("{}");
  }

  /**
   * Whether a request path (relative to the application) names this route: the same segments, with
   * any non-empty segment where the template has a variable.
   *
   * @param path the path, such as {@code /room/42}
   * @return {@code true} when it matches
   */
  public boolean matches(String path) {
    String[] want = value.split("/", -1);
    String[] have = path.split("/", -1);
    if (want.length != have.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean variable = VARIABLE.matcher(want[i]).matches();
      if (variable ? have[i].isEmpty() : !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
