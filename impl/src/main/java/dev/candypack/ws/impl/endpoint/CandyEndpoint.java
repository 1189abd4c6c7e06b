package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyAuth;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.auth.HandshakeAuth;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.connection.ConnectionLimits;
import dev.candypack.ws.impl.context.CandyContext;
import dev.candypack.ws.impl.context.RequestSnapshot;
import dev.candypack.ws.impl.gate.Slot;
import dev.candypack.ws.impl.observe.RouteWatch;
import dev.candypack.ws.impl.policy.Refusal;
import dev.candypack.ws.impl.policy.RoutePolicy;
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
import java.util.Optional;
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
  private static final CloseStatus NO_SLOT =
      new CloseStatus(CloseStatus.TRY_AGAIN_LATER, "Too many connections");

  private final Route route;
  private final RoutePolicy policy;
  private final CandyRuntime runtime;
  private final String contextPath;
  private final HandshakeAuth auth;
  private Connection connection;
  private RouteHandler handler;
  private ClassLoader application;
  private Slot slot; // under the connection caps; given back when the connection closes

  CandyEndpoint(
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

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    try {
      open(session, config);
    } catch (RuntimeException e) {
      // A client that vanishes during the handshake can make the session refuse handlers; the
      // container may then never report a close, so forget the connection here.
      if (connection != null) {
        connection.closed(new CloseStatus(CloseStatus.ABNORMAL, "Lost while opening"));
      }
      releaseSlot();
      throw e;
    }
  }

  private void open(Session session, EndpointConfig config) {
    application = Thread.currentThread().getContextClassLoader();
    SessionTransport transport = SessionTransport.of(session, runtime.executor());
    Admission admission = Admission.take(config, session);
    slot = admission.slot();
    if (!session.isOpen()) {
      // The client reset the connection before the upgrade was through; Undertow then never
      // reports a close, and nothing can reach the client anyway.
      releaseSlot();
      return;
    }
    RouteWatch watch = runtime.observatory().route(route.template().value());
    if (slot != null && !slot.open()) {
      watch.refused(Reason.LIMIT);
      refuse(session, transport, NO_SLOT);
      return;
    }
    if (admission.refusal().isPresent()) {
      Refusal refusal = admission.refusal().get();
      refusal.reason().ifPresent(watch::refused);
      refuse(session, transport, refusal.status());
      return;
    }
    allowContainerLimits(session);
    if (route.options().nonBlocking()) {
      runtime.nativeTransports().handleOnReadingThread(session);
    }
    Principal principal = session.getUserPrincipal();
    Connection opened =
        new Connection(
            UUID.randomUUID().toString(),
            route.template().value(),
            principal == null ? null : principal.getName(),
            runtime.nativeTransports().choose(session, transport),
            runtime,
            new ConnectionLimits(
                policy.maxMessageSize(),
                policy.newRateLimiter(),
                policy.maxBacklogBytes(),
                policy.maxBacklogMessages(),
                policy.maxRoomName(),
                policy.maxRoomsPerConnection()));
    connection = opened;
    session.addMessageHandler(String.class, (MessageHandler.Partial<String>) opened::receivedText);
    session.addMessageHandler(
        ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) opened::receivedBinary);
    session.addMessageHandler(
        PongMessage.class,
        (MessageHandler.Whole<PongMessage>)
            pong -> {
              if (!transport.pong(pong.getApplicationData())) {
                opened.receivedPong(bytes(pong.getApplicationData()));
              }
            });
    auth.track(admission.user(), opened, session); // a session that ends from now on closes it
    CandyAuth user = auth.auth(principal, admission.user());
    RequestSnapshot request =
        RequestSnapshot.of(
            relativePath(session),
            session.getPathParameters(),
            session.getQueryString(),
            admission.headers(),
            principal);
    Optional<CloseStatus> guarded = policy.guard(candy(request, user));
    if (guarded.isPresent()) {
      watch.refused(Reason.GUARD);
      opened.close(guarded.get().code(), guarded.get().reason());
      return;
    }
    // The guards have seen the credentials; what the handler keeps lives as long as the connection.
    runHandler(
        opened, candy(policy.keepSecretHeaders() ? request : request.withoutSecrets(), user));
  }

  /**
   * Lets the connection's own limits decide: the container's buffers only need to hold a fragment
   * of the largest message, and its idle timeout follows the settings.
   */
  private void allowContainerLimits(Session session) {
    int buffer = (int) Math.min(Integer.MAX_VALUE, policy.maxMessageSize() + 1);
    session.setMaxTextMessageBufferSize(buffer);
    session.setMaxBinaryMessageBufferSize(buffer);
    // The registrar made it the container's default, which every session starts with: setting it
    // again here would race Tyrus's idle task of a session made with another (see architecture.md).
    // Where candy-ws keeps the idle timeout, the session's stays 0.
    if (policy.idleTimeoutMillis() > 0
        && !runtime.ownsIdleTimeout()
        && session.getMaxIdleTimeout() != policy.idleTimeoutMillis()) {
      session.setMaxIdleTimeout(policy.idleTimeoutMillis());
    }
  }

  /**
   * Closes a connection the handshake refused. Its only handler takes the pong that lets the
   * transport close from the connection's I/O thread.
   */
  private static void refuse(Session session, SessionTransport transport, CloseStatus status) {
    session.addMessageHandler(
        PongMessage.class,
        (MessageHandler.Whole<PongMessage>) pong -> transport.pong(pong.getApplicationData()));
    try {
      transport.close(status.code(), status.reason());
    } catch (Exception e) {
      LOG.log(Level.FINE, "candy-ws: closing a refused connection failed", e);
    }
  }

  private Candy candy(RequestSnapshot request, CandyAuth user) {
    return new CandyContext(request, user, runtime.server());
  }

  private void runHandler(Connection opened, Candy candy) {
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
      opened.limitOpening(policy.openTimeoutMillis(), runtime::timer);
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
    releaseSlot(); // first: once the registry has forgotten the connection, its slot is free too
    ClassLoader previous = enterApplication();
    try {
      if (connection != null) {
        connection.closed(
            new CloseStatus(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
      }
      if (handler != null) {
        handler.release();
        handler = null;
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    if (session.isOpen()) {
      // Undertow, after a close the server started: open until the peer answers, which it may never
      runtime.watchClosing(new SessionTransport(session));
    }
  }

  private void releaseSlot() {
    if (slot != null) {
      slot.release();
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
    ClassLoader previous = enterApplication();
    try {
      connection.failed(error);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
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
   * Makes the application's class loader the thread's context loader for handlers, and returns the
   * one to restore: a close can come from the container's idle timer, whose task captured the
   * loader {@link SessionTransport} sends with.
   */
  private ClassLoader enterApplication() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (application != null) {
      thread.setContextClassLoader(application);
    }
    return previous;
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
