package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.route.Route;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The handshake of one route: keeps the request's headers for the connection, answers the
 * subprotocol the client asked for, and makes the endpoint instance itself so that no container
 * injection is involved.
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

  /** The user property under which the handshake's headers travel to the endpoint. */
  static final String HEADERS = "dev.candypack.ws.headers";

  private static final String TOKEN_PREFIX = "candy-token-";

  private final Route route;
  private final CandyRuntime runtime;
  private final String contextPath;

  HandshakeConfigurator(Route route, CandyRuntime runtime, String contextPath) {
    this.route = route;
    this.runtime = runtime;
    this.contextPath = contextPath;
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    config.getUserProperties().put(HEADERS, request.getHeaders());
  }

  /** Echoes the first subprotocol the client asked for, as CandyPack does, but never a token. */
  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    return requested.stream()
        .filter(protocol -> !protocol.startsWith(TOKEN_PREFIX))
        .findFirst()
        .orElse("");
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(new CandyEndpoint(route, runtime, contextPath));
  }
}
