package dev.candypack.ws.impl.policy;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open connections: the server's own origin, plus those configured.
 * Clients that send no {@code Origin} header (not browsers) always pass. The server's own origin is
 * the request's scheme, host and port: a page on {@code https://host} may open {@code wss://host},
 * not {@code ws://host}, and a page on {@code http://host} not {@code wss://host}.
 */
public final class OriginPolicy {

  private final List<String> allowed;
  private final boolean anyOrigin;

  /**
   * Creates the policy.
   *
   * @param allowed origins allowed besides the server's own, such as {@code https://app.example};
   *     {@code *} allows every origin
   */
  public OriginPolicy(List<String> allowed) {
    this.allowed = allowed.stream().map(OriginPolicy::normalize).toList();
    this.anyOrigin = allowed.contains("*");
  }

  /**
   * Decides on a handshake's origin.
   *
   * @param origin the {@code Origin} header, or {@code null}
   * @param host the {@code Host} header of the same request, or {@code null} when unknown
   * @param secure whether the client made the request over TLS ({@code wss}): the request's own
   *     {@code isSecure()}, or what a trusted proxy says in {@code X-Forwarded-Proto}
   * @return whether the handshake may go on
   */
  public boolean allows(String origin, String host, boolean secure) {
    if (origin == null || origin.isBlank() || anyOrigin) {
      return true;
    }
    String normalized = normalize(origin);
    return allowed.contains(normalized) || sameOrigin(normalized, host, secure);
  }

  private static boolean sameOrigin(String origin, String host, boolean secure) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String scheme = secure ? "https" : "http";
      if (uri.getHost() == null || !scheme.equals(uri.getScheme())) {
        return false;
      }
      int defaultPort = secure ? 443 : 80;
      int originPort = uri.getPort() == -1 ? defaultPort : uri.getPort();
      URI hostUri = URI.create("http://" + host.trim());
      int hostPort = hostUri.getPort() == -1 ? defaultPort : hostUri.getPort();
      return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && originPort == hostPort;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static String normalize(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
