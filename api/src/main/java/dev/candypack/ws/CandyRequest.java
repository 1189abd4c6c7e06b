package dev.candypack.ws;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handshake request of a connection, as it was when the connection opened.
 *
 * <pre>{@code
 * // route "/room/{roomId}", requested as /room/42?nick=ann
 * candy.request().url("roomId");   // "42"
 * candy.request().url("nick");     // "ann"
 * }</pre>
 */
public interface CandyRequest {

  /**
   * The request path below the application's context root, such as {@code /room/42}.
   *
   * @return the path
   */
  String path();

  /**
   * One value of CandyPack's {@code Candy.Request.data.url}: a template value, or else the first
   * query parameter of that name.
   *
   * @param name the template variable or query parameter
   * @return the URL-decoded value, or {@code null} when there is none
   */
  String url(String name);

  /**
   * CandyPack's {@code Candy.Request.data.url}: the template values and the query parameters in one
   * map; a template value wins over a query parameter of the same name, and a repeated query
   * parameter gives its first value.
   *
   * @return an unmodifiable map
   */
  Map<String, String> params();

  /**
   * One header of the handshake request; a credential is {@code null} in a handler (see {@link
   * #headers()}).
   *
   * @param name the header's name, in any case
   * @return its first value, or {@code null}
   */
  String header(String name);

  /**
   * All headers of the handshake request, but its credentials: a route's handler does not see
   * {@code Cookie}, {@code Authorization}, {@code Proxy-Authorization} nor the {@code
   * candy-token-…} entries of {@code Sec-WebSocket-Protocol}, since what it is given lives as long
   * as the connection. Guards see them; {@code candy.ws.keep-secret-headers=true} shows them to
   * handlers too.
   *
   * <pre>{@code
   * candy.request().header("User-Agent");     // as sent
   * candy.request().header("Authorization");  // null in a handler, the value in a guard
   * }</pre>
   *
   * @return an unmodifiable map; names as the client sent them
   */
  Map<String, List<String>> headers();

  /**
   * The authenticated user of the handshake request.
   *
   * @return the principal, or empty when the request was anonymous
   */
  Optional<Principal> userPrincipal();
}
