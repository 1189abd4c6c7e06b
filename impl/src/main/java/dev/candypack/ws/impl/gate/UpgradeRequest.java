package dev.candypack.ws.impl.gate;

import java.util.List;
import java.util.function.Function;

/**
 * What the gate reads of a WebSocket upgrade request.
 *
 * @param path the request's path, for logs
 * @param peer the address of the TCP peer ({@code getRemoteAddr()})
 * @param secure whether the request reached this server over TLS ({@code isSecure()})
 * @param headers the values of a header, in order; empty when absent
 */
public record UpgradeRequest(
    String path, String peer, boolean secure, Function<String, List<String>> headers) {

  String header(String name) {
    List<String> values = headers.apply(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
