package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.policy.CsrfTokens;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.route.Route;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The handshake of one route: refuses foreign browser origins (HTTP 403), checks the token, user
 * and roles the route requires, keeps the request's headers for the connection, answers the
 * subprotocol the client asked for, and makes the endpoint instance itself so that no container
 * injection is involved.
 *
 * <p>What {@link #modifyHandshake} decides reaches {@link CandyEndpoint#onOpen} as this
 * connection's {@link Admission}.
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

  private static final Logger LOG = Logger.getLogger(HandshakeConfigurator.class.getName());

  private final Route route;
  private final RoutePolicy policy;
  private final CandyRuntime runtime;
  private final String contextPath;
  private volatile Map<String, Object> endpointProperties;

  HandshakeConfigurator(Route route, RoutePolicy policy, CandyRuntime runtime, String contextPath) {
    this.route = route;
    this.policy = policy;
    this.runtime = runtime;
    this.contextPath = contextPath;
  }

  /**
   * Names the config this configurator serves, so that a handshake can tell its own copy of the
   * user properties from the config's shared ones.
   *
   * @param config the endpoint's config
   * @return the config
   */
  ServerEndpointConfig serving(ServerEndpointConfig config) {
    this.endpointProperties = config.getUserProperties();
    return config;
  }

  /**
   * The {@link OriginFilter} has checked the origin against the request's host. Should a server run
   * its WebSocket handshake ahead of that filter, only configured origins pass here.
   */
  @Override
  public boolean checkOrigin(String origin) {
    if (OriginFilter.checkedThisHandshake() || policy.allowsOrigin(origin, null)) {
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
    Admission.carry(config.getUserProperties(), endpointProperties, request, policy.admit(request));
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
