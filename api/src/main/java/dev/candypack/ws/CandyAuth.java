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
 *
 * <p>The roles are taken during the handshake, while the request is alive, so {@link #inRole}
 * answers at any time during the connection, for instance to refuse one message without closing:
 *
 * <pre>{@code
 * ws.onMessage(message -> {
 *   if (!candy.auth().inRole("editor")) {
 *     ws.send(Map.of("error", "Forbidden"));
 *     return;
 *   }
 *   board.post(message.text());
 * });
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

  /**
   * Whether the handshake's user was in a role the application declares: in {@code @DeclareRoles}
   * or {@code @RolesAllowed} on any of its classes or methods, or in a {@code security-role} or
   * {@code auth-constraint} of its {@code web.xml}. Each declared role is checked once, during the
   * handshake; a role the application does not declare is never known, so this answers {@code
   * false} for it (and logs it once).
   *
   * @param role the role name
   * @return {@code true} when the user had the role at the handshake
   */
  boolean inRole(String role);
}
