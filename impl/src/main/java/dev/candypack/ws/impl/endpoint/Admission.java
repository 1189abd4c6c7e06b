package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.auth.HandshakeAuth;
import dev.candypack.ws.impl.gate.Slot;
import dev.candypack.ws.impl.policy.Refusal;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What the handshake decided about one connection, carried from {@code modifyHandshake} to {@code
 * onOpen}: the request's headers, the refusal, if any, and what the handshake told of its user.
 *
 * <p>It travels in the user properties, which Jakarta WebSocket 2.1 makes a copy per connection
 * (Tyrus and Undertow do). A container that handed every handshake the endpoint's own shared map
 * would let one client's decision reach another; there {@link #carry} carries nothing, and {@link
 * #take} refuses a connection that finds no decision of its own: closed, never let through.
 *
 * @param headers the handshake's headers
 * @param refusal the refusal to end the connection with, or empty to let it through
 * @param slot the handshake's place under the connection caps, or {@code null} without caps
 * @param user the user's roles and session, taken while the handshake ran
 */
record Admission(
    Map<String, List<String>> headers,
    Optional<Refusal> refusal,
    Slot slot,
    HandshakeAuth.Captured user) {

  /** The user property under which an admission travels. */
  static final String PROPERTY = "dev.candypack.ws.admission";

  private static final Logger LOG = Logger.getLogger(Admission.class.getName());
  private static final AtomicBoolean SHARED_REPORTED = new AtomicBoolean();
  private static final Admission LOST =
      new Admission(
          Map.of(),
          Optional.of(
              new Refusal(
                  new CloseStatus(CloseStatus.INTERNAL_ERROR, "Handshake state lost"),
                  Optional.empty())),
          null,
          HandshakeAuth.Captured.NONE);

  /**
   * Puts a handshake's decision where its connection's {@code onOpen} finds it.
   *
   * @param handshakeProperties the user properties {@code modifyHandshake} was given
   * @param endpointProperties the user properties of the endpoint's own, shared config
   * @param request the handshake
   * @param refusal the refusal to end the connection with, or empty to let it through
   * @param slot the handshake's place under the connection caps, or {@code null}
   * @param user the user's roles and session
   */
  static void carry(
      Map<String, Object> handshakeProperties,
      Map<String, Object> endpointProperties,
      HandshakeRequest request,
      Optional<Refusal> refusal,
      Slot slot,
      HandshakeAuth.Captured user) {
    if (handshakeProperties == endpointProperties) {
      if (SHARED_REPORTED.compareAndSet(false, true)) {
        LOG.severe(
            "candy-ws: this WebSocket container shares user properties between handshakes"
                + " (Jakarta WebSocket 2.1 requires a copy per connection), so candy-ws cannot"
                + " tell its connections apart and refuses them with 1011");
      }
      return;
    }
    handshakeProperties.put(PROPERTY, new Admission(request.getHeaders(), refusal, slot, user));
  }

  /**
   * Takes this connection's decision out of its user properties, and out of the session's, where a
   * container copied it: its headers hold credentials that must not stay for the connection's life.
   *
   * @param config the connection's endpoint config
   * @param session the connection
   * @return its admission, or a refusal (1011 "Handshake state lost") when it has none
   */
  static Admission take(EndpointConfig config, Session session) {
    Object found = config.getUserProperties().remove(PROPERTY);
    session.getUserProperties().remove(PROPERTY);
    return found instanceof Admission admission ? admission : LOST;
  }
}
