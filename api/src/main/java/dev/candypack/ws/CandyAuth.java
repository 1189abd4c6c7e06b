package dev.candypack.ws;

import java.security.Principal;
import java.util.Optional;

/**
 * The user of a connection, CandyPack's {@code Candy.Auth}, as the container authenticated the
 * handshake request (Jakarta Security, a servlet login, HTTP Basic, …).
 *
 * <pre>{@code
 * if (!candy.auth().check()) {
 *   ws.send(Map.of("error", "Unauthorized"));
 *   ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
 *   return;
 * }
 * ws.data().put("user", candy.auth().user().orElseThrow().getName());
 * }</pre>
 */
public interface CandyAuth {

  /**
   * Whether the handshake request had an authenticated user.
   *
   * @return {@code true} when there is a user
   */
  boolean check();

  /**
   * The authenticated user.
   *
   * @return the principal, or empty when the request was anonymous
   */
  Optional<Principal> user();
}
