package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the handshake decided about one connection, carried from {@code modifyHandshake} to {@code
 * onOpen}: the request's headers and the refusal, if any.
 *
 * <p>It travels in the user properties, which Jakarta WebSocket 2.1 makes a copy per connection.
 * Should a container ever share them between concurrent handshakes, an admission could reach
 * another connection; so it names the user and the path it was decided for, and {@link #take}
 * refuses a connection whose own user or path differ, or that finds none.
 *
 * @param headers the handshake's headers
 * @param refusal the close status to end the connection with, or empty to let it through
 * @param user the name of the handshake's user, or {@code null}
 * @param path the handshake's path
 */
record Admission(
    Map<String, List<String>> headers, Optional<CloseStatus> refusal, String user, String path) {

  /** The user property under which an admission travels. */
  static final String PROPERTY = "dev.candypack.ws.admission";

  private static final Logger LOG = Logger.getLogger(Admission.class.getName());
  private static final CloseStatus LOST =
      new CloseStatus(CloseStatus.INTERNAL_ERROR, "Handshake state lost");

  /**
   * The admission of a handshake.
   *
   * @param request the handshake
   * @param refusal the close status to end the connection with, or empty
   * @return the admission
   */
  static Admission of(HandshakeRequest request, Optional<CloseStatus> refusal) {
    return new Admission(
        request.getHeaders(),
        refusal,
        name(request.getUserPrincipal()),
        path(request.getRequestURI()));
  }

  /**
   * Takes this connection's admission out of the user properties.
   *
   * @param config the connection's endpoint config
   * @param session the connection
   * @return its admission, or a refusal (1011) when it has none or one decided for another
   */
  static Admission take(EndpointConfig config, Session session) {
    Object found = config.getUserProperties().remove(PROPERTY);
    String user = name(session.getUserPrincipal());
    String path = path(session.getRequestURI());
    if (found instanceof Admission admission
        && Objects.equals(admission.user, user)
        && Objects.equals(admission.path, path)) {
      return admission;
    }
    LOG.severe(
        () ->
            "candy-ws: the connection to "
                + path
                + " found "
                + (found == null ? "no handshake decision" : "another handshake's decision")
                + " in its user properties; the container does not keep them per connection"
                + " (Jakarta WebSocket 2.1), so it is refused with 1011");
    return new Admission(Map.of(), Optional.of(LOST), user, path);
  }

  private static String name(Principal user) {
    return user == null ? null : user.getName();
  }

  private static String path(URI uri) {
    return uri == null ? null : uri.getRawPath();
  }
}
