package dev.candypack.ws.impl.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issues a session's server-side close from the connection's own I/O thread.
 *
 * <p>On Payara Micro 6 a close issued from any other thread (the thread that runs {@code onOpen},
 * while the container is still finishing the upgrade request, or an application thread) can race
 * the container: the upgrade request is finished twice, recycled twice, and later handed to two
 * HTTP requests at once (see "Known container issues" in docs/architecture.md). So a close is
 * requested with a ping carrying a marker, and issued when its pong is read, on the thread that
 * reads the connection. A peer that does not answer within {@link #ANSWER_MILLIS} is closed from a
 * timer: by then the upgrade request is long finished, and a silent peer sends no reply to race.
 * The wait is long because a close from the timer that meets a late pong is the race again: on a
 * loaded two-core machine, 1 of 8,000 refused peers answered later than two seconds.
 *
 * <p>The peer sees the same frames in the same order, with a ping before the close frame.
 */
final class CloseOnPong {

  /** How long a peer has to answer the close's ping before it is closed anyway. */
  static final long ANSWER_MILLIS = 10_000;

  private static final Logger LOG = Logger.getLogger(CloseOnPong.class.getName());
  private static final byte[] MARKER = "candy-ws close".getBytes(StandardCharsets.US_ASCII);
  private static final Object DONE = new Object();

  private final Session session;
  private final Pinger pinger;
  private final Executor timer;
  private final long answerMillis;
  // null until a close is requested, then its reason, then DONE once issued.
  private final AtomicReference<Object> state = new AtomicReference<>();

  /** Sends a ping with a payload, the way the transport sends its others. */
  interface Pinger {
    void ping(ByteBuffer payload) throws Exception;
  }

  /**
   * @param session the session to close
   * @param pinger sends the ping that asks for the pong
   * @param timer runs the close of a peer that does not answer
   * @param answerMillis how long a peer has to answer, {@link #ANSWER_MILLIS} but in tests
   */
  CloseOnPong(Session session, Pinger pinger, Executor timer, long answerMillis) {
    this.session = session;
    this.pinger = pinger;
    this.timer = timer;
    this.answerMillis = answerMillis;
  }

  /**
   * Asks for the close; the first request wins, later ones change nothing.
   *
   * @param reason the close code and reason
   */
  void request(CloseReason reason) {
    if (!state.compareAndSet(null, reason)) {
      return;
    }
    try {
      pinger.ping(ByteBuffer.wrap(MARKER).asReadOnlyBuffer());
    } catch (Exception e) {
      LOG.log(Level.FINE, "candy-ws: the ping before a close failed; closing now", e);
      issue();
      return;
    }
    CompletableFuture.delayedExecutor(answerMillis, TimeUnit.MILLISECONDS, timer)
        .execute(this::issue);
  }

  /**
   * A pong arrived, on the thread that reads the connection.
   *
   * @param payload the pong's application data
   * @return whether it answered the close's ping, so that no handler should see it
   */
  boolean pong(ByteBuffer payload) {
    if (!ByteBuffer.wrap(MARKER).equals(payload)) {
      return false;
    }
    issue();
    return true;
  }

  private void issue() {
    Object requested = state.get();
    if (requested instanceof CloseReason reason && state.compareAndSet(requested, DONE)) {
      try {
        session.close(reason);
      } catch (Exception e) {
        LOG.log(Level.FINE, "candy-ws: closing a session failed; it is closing already", e);
      }
    }
  }
}
