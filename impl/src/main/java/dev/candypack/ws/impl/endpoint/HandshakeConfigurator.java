package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.auth.HandshakeAuth;
import dev.candypack.ws.impl.gate.Slot;
import dev.candypack.ws.impl.policy.CsrfTokens;
import dev.candypack.ws.impl.policy.Refusal;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.route.Route;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The handshake of one route: refuses foreign browser origins (HTTP 403), checks the token, user
 * and roles the route requires, keeps the request's headers, the user's declared roles and session,
 * and its slot under the connection caps for the connection, answers the subprotocol the client
 * asked for, and makes the endpoint instance itself so that no container injection is involved.
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
  private final HandshakeAuth auth;
  private volatile Map<String, Object> endpointProperties;

  HandshakeConfigurator(
      Route route,
      RoutePolicy policy,
      CandyRuntime runtime,
      String contextPath,
      HandshakeAuth auth) {
    this.route = route;
    this.policy = policy;
    this.runtime = runtime;
    this.contextPath = contextPath;
    this.auth = auth;
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
    Slot slot = HandshakeFilter.slotOfThisHandshake();
    if (slot != null) {
      slot.handOver();
    }
    Optional<Refusal> refusal = policy.admit(request);
    Admission.carry(
        config.getUserProperties(),
        endpointProperties,
        request,
        refusal,
        slot,
        refusal.isPresent() ? HandshakeAuth.Captured.NONE : auth.capture(request));
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
    return endpointClass.cast(new CandyEndpoint(route, policy, runtime, contextPath, auth));
  }
}
