package dev.candypack.ws.impl.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a handshake comes from and which scheme it was made with. The peer of the TCP connection
 * decides, unless it is a trusted proxy ({@code candy.ws.trusted-proxies}): then {@code
 * X-Forwarded-For} and {@code X-Forwarded-Proto} count. A client can write any {@code
 * X-Forwarded-For} it likes; each proxy appends the peer it saw, so the client is the last address
 * in it that is not a trusted proxy.
 */
public final class ClientAddress {

  private final TrustedProxies proxies;

  /**
   * Creates the resolver.
   *
   * @param trustedProxies the entries of {@code candy.ws.trusted-proxies}: addresses and CIDR
   *     ranges
   * @throws IllegalArgumentException naming an entry that is neither
   */
  public ClientAddress(List<String> trustedProxies) {
    this.proxies = TrustedProxies.of(trustedProxies);
  }

  /**
   * The client's address.
   *
   * @param peer the address of the TCP peer ({@code getRemoteAddr()})
   * @param forwardedFor the values of the {@code X-Forwarded-For} headers, in order
   * @return the client's address in canonical form; the peer as given when it is no IP address
   */
  public String of(String peer, List<String> forwardedFor) {
    Optional<IpAddress> parsed = IpAddress.parse(peer);
    if (parsed.isEmpty()) {
      return peer == null ? "" : peer;
    }
    IpAddress client = parsed.get();
    if (!proxies.contains(client)) {
      return client.text();
    }
    List<String> hops = hops(forwardedFor);
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<IpAddress> hop = IpAddress.parse(hops.get(i));
      if (hop.isEmpty()) {
        break; // "unknown" or garbage: the last proxy that named a real address is all we know
      }
      client = hop.get();
      if (!proxies.contains(client)) {
        break;
      }
    }
    return client.text();
  }

  /**
   * Whether the client made the request over TLS ({@code https}, {@code wss}).
   *
   * @param peer the address of the TCP peer
   * @param secure whether the request reached this server over TLS ({@code isSecure()})
   * @param forwardedProto the values of the {@code X-Forwarded-Proto} headers, in order
   * @return {@code X-Forwarded-Proto}'s first scheme when a trusted proxy sent it, else {@code
   *     secure}
   */
  public boolean secure(String peer, boolean secure, List<String> forwardedProto) {
    if (proxies.isEmpty() || !IpAddress.parse(peer).map(proxies::contains).orElse(false)) {
      return secure;
    }
    List<String> schemes = hops(forwardedProto);
    if (schemes.isEmpty()) {
      return secure;
    }
    return switch (schemes.get(0).toLowerCase(Locale.ROOT)) {
      case "https", "wss" -> true;
      case "http", "ws" -> false;
      default -> secure;
    };
  }

  /** The comma-separated entries of every header line, in order. */
  private static List<String> hops(List<String> values) {
    List<String> hops = new ArrayList<>();
    for (String value : values) {
      for (String hop : value.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    return hops;
  }
}
