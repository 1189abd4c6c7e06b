package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.gate.Slot;
import dev.candypack.ws.impl.policy.CsrfTokens;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.route.Route;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.logging.Logger;

/**
 * The handshake of one route: refuses foreign browser origins (HTTP 403), checks the token, user
 * and roles the route requires, keeps the request's headers and its slot under the connection caps
 * for the connection, answers the subprotocol the client asked for, and makes the endpoint instance
 * itself so that no container injection is involved.
 *
 * <p>What {@link #modifyHandshake} puts in the config's user properties reaches {@link
 * CandyEndpoint#onOpen} for this connection only: Tyrus (2.1.3 and later) and Undertow (2.3 and
 * later) copy the properties per handshake.
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

  /** The user property under which the handshake's headers travel to the endpoint. */
  static final String HEADERS = "dev.candypack.ws.headers";

  /** The user property that carries the refusal decided during the handshake, if any. */
  static final String REFUSAL = "dev.candypack.ws.refusal";

  /** The user property that carries the handshake's slot under the connection caps, if any. */
  static final String SLOT = "dev.candypack.ws.slot";

  private static final Logger LOG = Logger.getLogger(HandshakeConfigurator.class.getName());

  private final Route route;
  private final RoutePolicy policy;
  private final CandyRuntime runtime;
  private final String contextPath;

  HandshakeConfigurator(Route route, RoutePolicy policy, CandyRuntime runtime, String contextPath) {
    this.route = route;
    this.policy = policy;
    this.runtime = runtime;
    this.contextPath = contextPath;
  }

  /**
   * The {@link HandshakeFilter} has checked the origin against the request's host and scheme.
   * Should a server run its WebSocket handshake ahead of that filter, only configured origins pass
   * here.
   */
  @Override
  public boolean checkOrigin(String origin) {
    if (HandshakeFilter.checkedThisHandshake() || policy.allowsConfiguredOrigin(origin)) {
      return true;
    }
    LOG.warning(
        () ->
            "candy-ws: refused a handshake to "
                + route.template()
                + " from "
                + origin
                + ": the origin filter did not run, so only candy.ws.allowed-origins pass");
    return false;
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    config.getUserProperties().put(HEADERS, request.getHeaders());
    Slot slot = HandshakeFilter.slotOfThisHandshake();
    if (slot != null) {
      slot.handOver();
      config.getUserProperties().put(SLOT, slot);
    }
    policy.admit(request).ifPresent(refusal -> config.getUserProperties().put(REFUSAL, refusal));
  }

  /** Echoes the first subprotocol the client asked for, as CandyPack does, but never a token. */
  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    return requested.stream()
        .filter(protocol -> !protocol.startsWith(CsrfTokens.PROTOCOL_PREFIX))
        .findFirst()
        .orElse("");
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(new CandyEndpoint(route, policy, runtime, contextPath));
  }
}
