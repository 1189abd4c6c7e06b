package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.context.CandyContext;
import dev.candypack.ws.impl.context.RequestSnapshot;
import dev.candypack.ws.impl.context.UserAuth;
import dev.candypack.ws.impl.route.Route;
import dev.candypack.ws.impl.route.RouteHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's endpoint for one connection of one route: it turns the container's callbacks into
 * calls on a {@link Connection} and runs the route's handler when the connection opens. Public only
 * because Tyrus reflects on it; applications never use it.
 */
public final class CandyEndpoint extends Endpoint {

  private static final Logger LOG = Logger.getLogger(CandyEndpoint.class.getName());

  /** CandyPack's largest message, 10 MiB. */
  private static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  private final Route route;
  private final CandyRuntime runtime;
  private final String contextPath;
  private Connection connection;
  private RouteHandler handler;

  CandyEndpoint(Route route, CandyRuntime runtime, String contextPath) {
    this.route = route;
    this.runtime = runtime;
    this.contextPath = contextPath;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
    session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
    Connection opened =
        new Connection(
            UUID.randomUUID().toString(),
            route.template().value(),
            new SessionTransport(session),
            runtime.registry(),
            runtime.codec());
    connection = opened;
    session.addMessageHandler(
        String.class,
        (MessageHandler.Whole<String>)
            text -> {
              if (exceedsLimit(text)) {
                opened.close(CloseStatus.TOO_BIG, "Message too big");
              } else {
                opened.receivedText(text);
              }
            });
    session.addMessageHandler(
        ByteBuffer.class,
        (MessageHandler.Whole<ByteBuffer>) data -> opened.receivedBinary(bytes(data)));
    session.addMessageHandler(
        PongMessage.class,
        (MessageHandler.Whole<PongMessage>)
            pong -> opened.receivedPong(bytes(pong.getApplicationData())));
    runHandler(session, config, opened);
  }

  private void runHandler(Session session, EndpointConfig config, Connection opened) {
    Principal user = session.getUserPrincipal();
    var candy =
        new CandyContext(
            RequestSnapshot.of(
                relativePath(session),
                session.getPathParameters(),
                session.getQueryString(),
                headers(config),
                user),
            new UserAuth(user),
            runtime.server());
    try {
      handler = route.newHandler();
      handler
          .handle(opened, candy)
          .whenComplete(
              (result, failure) -> {
                if (failure == null) {
                  opened.opened();
                } else {
                  handlerFailed(opened, failure);
                }
              });
    } catch (Exception | LinkageError e) {
      handlerFailed(opened, e);
    }
  }

  private void handlerFailed(Connection opened, Throwable failure) {
    LOG.log(
        Level.WARNING,
        "candy-ws: the handler of route " + route + " failed on connection " + opened.id(),
        failure);
    opened.close(CloseStatus.INTERNAL_ERROR, "Route handler failed");
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    if (connection != null) {
      connection.closed(new CloseStatus(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }
    if (handler != null) {
      handler.release();
      handler = null;
    }
  }

  /**
   * An error the container reports. A connection that was lost (the peer reset it, a broken pipe)
   * is not an application error: Undertow reports it here before closing with 1006, Tyrus goes
   * straight to the close, and CandyPack only closes. So it ends in the close handlers on every
   * server, and only other errors reach the error handlers.
   */
  @Override
  public void onError(Session session, Throwable error) {
    if (connection == null) {
      return;
    }
    if (isConnectionLost(error)) {
      LOG.log(Level.FINE, error, () -> "candy-ws: connection " + connection.id() + " was lost");
      return;
    }
    connection.failed(error);
  }

  private static boolean isConnectionLost(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a whole text message is larger than {@link #MAX_MESSAGE_BYTES} in UTF-8. The container
   * is told the limit, but does not always keep it: Undertow (WildFly) enforces it for binary
   * messages only and hands over larger text messages whole; Tyrus refuses them itself.
   */
  static boolean exceedsLimit(String text) {
    if (text.length() <= MAX_MESSAGE_BYTES / 3) {
      return false; // at most three bytes per char (a surrogate pair is four for two chars)
    }
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= MAX_MESSAGE_BYTES; i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes > MAX_MESSAGE_BYTES;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> headers(EndpointConfig config) {
    Object headers = config.getUserProperties().remove(HandshakeConfigurator.HEADERS);
    return headers instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
  }

  private String relativePath(Session session) {
    String path = session.getRequestURI().getPath();
    return path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
