package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A connection's {@link Transport} on a Jakarta WebSocket session, sending asynchronously.
 *
 * <p>Sends run with a context class loader that holds no service files. Tyrus restarts its idle
 * timer on every send by scheduling a task on the container's scheduled executor; on Payara that
 * captures the thread's context, and the capture looks up {@code ThreadContextProvider} services
 * through the context class loader, reading the service files of every jar the application and the
 * server expose, on every send. Profiling a room of 1,000 members on Payara Micro 6 put 85% of the
 * fan-out's CPU there. No application code runs inside a send: the timer task only closes an idle
 * session, and {@link CandyEndpoint} restores the application's loader when a session closes.
 */
final class SessionTransport implements Transport {

  /**
   * How many messages a session is given before the first has completed. Neither Tyrus nor Undertow
   * refuses a send while another is in progress; both queue it behind the others.
   */
  static final int WINDOW = 4;

  /** A class loader whose service lookups find nothing quickly. */
  private static final ClassLoader SENDING = ClassLoader.getPlatformClassLoader();

  private final Session session;
  // Where closes must come from the connection's I/O thread (Tyrus); null where any thread may.
  private final CloseOnPong closeOnPong;

  /**
   * A transport that closes at once, from the calling thread.
   *
   * @param session the session
   */
  SessionTransport(Session session) {
    this.session = session;
    this.closeOnPong = null;
  }

  private SessionTransport(Session session, Executor timer) {
    this.session = session;
    this.closeOnPong = new CloseOnPong(session, this::ping, timer, CloseOnPong.ANSWER_MILLIS);
  }

  /**
   * The transport of a session, closing the way its container needs: on Tyrus (Payara) from the
   * connection's I/O thread, see {@link CloseOnPong}; elsewhere at once.
   *
   * @param session the session
   * @param timer runs the close of a peer that does not answer the close's ping
   * @return the transport
   */
  static SessionTransport of(Session session, Executor timer) {
    return isTyrus(session) ? new SessionTransport(session, timer) : new SessionTransport(session);
  }

  private static boolean isTyrus(Session session) {
    return session.getClass().getName().startsWith("org.glassfish.tyrus.");
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    whileSending(
        () ->
            session.getAsyncRemote().sendText(text, result -> done.accept(result.getException())));
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    whileSending(
        () ->
            session
                .getAsyncRemote()
                .sendBinary(data, result -> done.accept(result.getException())));
  }

  @Override
  public int window() {
    return WINDOW;
  }

  @Override
  public void ping(ByteBuffer payload) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader application = thread.getContextClassLoader();
    thread.setContextClassLoader(SENDING);
    try {
      session.getAsyncRemote().sendPing(payload);
    } finally {
      thread.setContextClassLoader(application);
    }
  }

  @Override
  public void close(int code, String reason) throws Exception {
    CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
    if (closeOnPong != null) {
      closeOnPong.request(closeReason);
    } else {
      session.close(closeReason);
    }
  }

  @Override
  public void closeNow(int code, String reason) throws Exception {
    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
  }

  /**
   * A pong arrived, on the thread that reads the connection.
   *
   * @param payload the pong's application data
   * @return whether it answered a close's ping: then it is the transport's, not the handlers'
   */
  boolean pong(ByteBuffer payload) {
    return closeOnPong != null && closeOnPong.pong(payload);
  }

  private static void whileSending(Runnable send) {
    Thread thread = Thread.currentThread();
    ClassLoader application = thread.getContextClassLoader();
    thread.setContextClassLoader(SENDING);
    try {
      send.run();
    } finally {
      thread.setContextClassLoader(application);
    }
  }

  /**
   * Closes the TCP connection at once. Undertow (WildFly) sends a close frame on {@code close} and
   * keeps the connection open until the peer answers, which a peer that does not read never does;
   * its session's public {@code forceClose()} closes the channel instead. Tyrus (Payara) closes the
   * connection right after queuing the close frame, so {@code close} ends it there.
   */
  @Override
  public void end() throws Exception {
    if (!forceClose(session)) {
      session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "No answer to ping"));
    }
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  /**
   * Calls the session's public {@code forceClose()}, if it has one.
   *
   * @param session the container's session
   * @return whether it had one
   */
  static boolean forceClose(Object session) throws ReflectiveOperationException {
    Method forceClose;
    try {
      forceClose = session.getClass().getMethod("forceClose"); // looked up each time: rarely called
    } catch (NoSuchMethodException e) {
      return false;
    }
    forceClose.invoke(session);
    return true;
  }
}
