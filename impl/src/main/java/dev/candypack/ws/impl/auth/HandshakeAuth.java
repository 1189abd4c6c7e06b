package dev.candypack.ws.impl.auth;

import dev.candypack.ws.CandyAuth;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.context.UserAuth;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.server.HandshakeRequest;
import java.security.Principal;
import java.util.Set;

/**
 * What a connection keeps of its handshake's user: {@link #capture} runs during the handshake,
 * while the request is alive; {@link #auth} and {@link #track} when the connection opens.
 */
public final class HandshakeAuth {

  private final DeclaredRoles declared;
  private final SessionSockets sessions;

  /**
   * What the connections of one application keep.
   *
   * @param declared the application's roles
   * @param sessions the connections of each session, or {@code null} when a session's end closes
   *     nothing ({@code candy.ws.close-on-session-end=false})
   */
  public HandshakeAuth(DeclaredRoles declared, SessionSockets sessions) {
    this.declared = declared;
    this.sessions = sessions;
  }

  /**
   * What a handshake tells of its user.
   *
   * @param roles the declared roles the user is in
   * @param session the HTTP session the handshake came with, or {@code null}
   */
  public record Captured(Set<String> roles, HttpSession session) {

    /** Nothing: no user, no session. */
    public static final Captured NONE = new Captured(Set.of(), null);
  }

  /**
   * Takes the user's roles and session while the handshake runs.
   *
   * @param request the handshake
   * @return what the connection keeps
   */
  public Captured capture(HandshakeRequest request) {
    Set<String> roles =
        request.getUserPrincipal() == null ? Set.of() : declared.heldBy(request::isUserInRole);
    HttpSession session =
        sessions != null && request.getHttpSession() instanceof HttpSession http ? http : null;
    return roles.isEmpty() && session == null ? Captured.NONE : new Captured(roles, session);
  }

  /**
   * The connection's user.
   *
   * @param user the handshake's principal, or {@code null}
   * @param captured what its handshake captured
   * @return the user and roles
   */
  public CandyAuth auth(Principal user, Captured captured) {
    return new UserAuth(user, captured.roles(), declared::declares);
  }

  /**
   * Closes the connection with 4001 "Session ended" when the session of its handshake ends, in
   * place of the container's own 1008.
   *
   * @param captured what its handshake captured
   * @param socket the open connection
   * @param webSocketSession the container's session of the connection
   */
  public void track(Captured captured, CandySocket socket, Object webSocketSession) {
    if (sessions != null && captured.session() != null) {
      ContainerLogoutClose.release(webSocketSession, captured.session());
      sessions.track(captured.session(), socket);
    }
  }
}
