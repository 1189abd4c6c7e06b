package dev.candypack.ws.impl.context;

import dev.candypack.ws.CandyRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The handshake request of one connection, copied when the connection opened. */
public final class RequestSnapshot implements CandyRequest {

  private final String path;
  private final Map<String, String> params;
  private final Map<String, List<String>> headers;
  private final Principal principal;

  private RequestSnapshot(
      String path,
      Map<String, String> params,
      Map<String, List<String>> headers,
      Principal principal) {
    this.path = path;
    this.params = params;
    this.headers = headers;
    this.principal = principal;
  }

  /**
   * Takes the snapshot.
   *
   * @param path the request path below the context root
   * @param templateValues the route's template values, already URL-decoded
   * @param queryString the raw query string, or {@code null}
   * @param headers the handshake headers
   * @param principal the authenticated user, or {@code null}
   * @return the snapshot
   */
  public static RequestSnapshot of(
      String path,
      Map<String, String> templateValues,
      String queryString,
      Map<String, List<String>> headers,
      Principal principal) {
    Map<String, String> params = new LinkedHashMap<>(parseQuery(queryString));
    params.putAll(templateValues);
    Map<String, List<String>> headerCopy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> headerCopy.put(name, List.copyOf(values)));
    return new RequestSnapshot(
        path,
        Collections.unmodifiableMap(params),
        Collections.unmodifiableMap(headerCopy),
        principal);
  }

  /**
   * Parses a query string; the first value of a repeated name wins.
   *
   * @param queryString the raw query, or {@code null}
   * @return the URL-decoded names and values, in order
   */
  static Map<String, String> parseQuery(String queryString) {
    Map<String, String> query = new LinkedHashMap<>();
    if (queryString == null || queryString.isEmpty()) {
      return query;
    }
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.putIfAbsent(name, value);
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String url(String name) {
    return params.get(name);
  }

  @Override
  public Map<String, String> params() {
    return params;
  }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public Map<String, List<String>> headers() {
    return headers;
  }

  @Override
  public Optional<Principal> userPrincipal() {
    return Optional.ofNullable(principal);
  }
}
