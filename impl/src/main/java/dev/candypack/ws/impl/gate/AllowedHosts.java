package dev.candypack.ws.impl.gate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Host} names a handshake may name ({@code candy.ws.allowed-hosts}). A page whose own
 * name an attacker made resolve to this server (DNS rebinding) is its own origin, so the origin
 * check lets it through; its {@code Host} header still names the attacker's domain. An entry is a
 * name or address, which allows any port, or a name or address with a port, which allows that one.
 * No entries: any host.
 */
public final class AllowedHosts {

  private final List<HostAndPort> allowed;

  /**
   * Reads the entries.
   *
   * @param entries such as {@code chat.example.com}, {@code chat.example.com:8443}, {@code
   *     10.0.0.5} or {@code [::1]:8080}; none, or {@code *}, for any host
   * @throws IllegalArgumentException naming the key and an entry that is no host
   */
  public AllowedHosts(List<String> entries) {
    this.allowed =
        entries.contains("*")
            ? List.of()
            : entries.stream()
                .map(
                    entry ->
                        HostAndPort.parse(entry)
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "candy-ws: candy.ws.allowed-hosts has '"
                                            + entry
                                            + "', which is no host name or address with an"
                                            + " optional port (such as chat.example.com or"
                                            + " chat.example.com:8443)")))
                .toList();
  }

  /**
   * Whether a handshake's {@code Host} header names this server.
   *
   * @param host the header, or {@code null}
   * @return always {@code true} without entries; otherwise whether an entry matches
   */
  public boolean allows(String host) {
    if (allowed.isEmpty()) {
      return true;
    }
    Optional<HostAndPort> requested = HostAndPort.parse(host);
    return requested.isPresent()
        && allowed.stream().anyMatch(entry -> entry.matches(requested.get()));
  }

  /** A host, lower case without a trailing dot, and its port, -1 for none. */
  private record HostAndPort(String host, int port) {

    static Optional<HostAndPort> parse(String text) {
      if (text == null || text.isBlank()) {
        return Optional.empty();
      }
      try {
        URI uri = new URI("http://" + text.trim());
        String host = uri.getHost();
        if (host == null
            || uri.getRawUserInfo() != null
            || !uri.getRawPath().isEmpty()
            || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
          return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
          host = host.substring(0, host.length() - 1);
        }
        return Optional.of(new HostAndPort(host, uri.getPort()));
      } catch (URISyntaxException malformed) {
        return Optional.empty();
      }
    }

    /** Whether a requested host is this allowed one: the same name, and the same port if set. */
    boolean matches(HostAndPort requested) {
      return host.equals(requested.host) && (port == -1 || port == requested.port);
    }
  }
}
