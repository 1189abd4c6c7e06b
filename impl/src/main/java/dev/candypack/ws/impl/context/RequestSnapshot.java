package dev.candypack.ws.impl.context;

import dev.candypack.ws.CandyRequest;
import dev.candypack.ws.impl.policy.CsrfTokens;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The handshake request of one connection, copied when the connection opened. */
public final class RequestSnapshot implements CandyRequest {

  /** Headers that carry credentials: {@link #withoutSecrets()} drops them. */
  static final Set<String> SECRET_HEADERS =
      Set.of("cookie", "authorization", "proxy-authorization");

  private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

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
   * The same request without its credentials, for what lives as long as the connection: the {@code
   * Cookie}, {@code Authorization} and {@code Proxy-Authorization} headers are gone, and so are the
   * {@code candy-token-…} entries of {@code Sec-WebSocket-Protocol} (the header itself goes when
   * nothing else is left in it).
   *
   * @return the snapshot without secrets; this one when it had none
   */
  public RequestSnapshot withoutSecrets() {
    Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    boolean changed = false;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey();
      List<String> values = header.getValue();
      if (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        changed = true;
      } else if (name.equalsIgnoreCase(PROTOCOL_HEADER)) {
        List<String> protocols = withoutTokens(values);
        changed |= !protocols.equals(values);
        if (!protocols.isEmpty()) {
          kept.put(name, protocols);
        }
      } else {
        kept.put(name, values);
      }
    }
    return changed
        ? new RequestSnapshot(path, params, Collections.unmodifiableMap(kept), principal)
        : this;
  }

  /** The header's values without token entries; a value without one is kept as it was. */
  private static List<String> withoutTokens(List<String> values) {
    List<String> kept = new ArrayList<>();
    for (String value : values) {
      List<String> entries = Arrays.stream(value.split(",")).map(String::trim).toList();
      if (entries.stream().noneMatch(entry -> entry.startsWith(CsrfTokens.PROTOCOL_PREFIX))) {
        kept.add(value);
        continue;
      }
      String protocols =
          entries.stream()
              .filter(entry -> !entry.isEmpty() && !entry.startsWith(CsrfTokens.PROTOCOL_PREFIX))
              .collect(Collectors.joining(", "));
      if (!protocols.isEmpty()) {
        kept.add(protocols);
      }
    }
    return List.copyOf(kept);
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
