package dev.candypack.ws.impl.connection;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.CandyRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings every open connection of an application at a fixed interval, and ends each connection whose
 * peer has not answered the previous ping by the next one. One periodic task on the application's
 * timer serves every connection; a connection keeps a single flag.
 *
 * <p>Only a pong is an answer. Any other inbound frame could come from a peer that never reads what
 * it is sent, and a peer stalled in the middle of a large frame may still trickle bytes of it; a
 * pong shows that the peer reads and that it can finish a frame of its own.
 *
 * <p>The heartbeat's pings, like the outbound queue's, carry {@link #PREFIX} and the count of
 * frames written before them; the pongs that echo them confirm those frames read and never reach
 * the application's pong handlers, which see only the answers to its {@code ping()} and unsolicited
 * pongs.
 *
 * <p>It also watches connections that have closed but that the container still holds open, waiting
 * for the peer to answer a close frame (Undertow does, after any close the server starts): one that
 * is still open two beats later is ended too.
 */
public final class Heartbeat {

  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

  /** How the application data of candy-ws's own pings starts. */
  static final String PREFIX = "candy-ws:";

  private final CandyRuntime runtime;
  private final long intervalMillis;
  // Closed connections still open; true once a beat has seen them.
  private final Map<Transport, Boolean> closing = new ConcurrentHashMap<>();

  Heartbeat(CandyRuntime runtime, long intervalMillis) {
    this.runtime = runtime;
    this.intervalMillis = intervalMillis;
  }

  /**
   * Starts the heartbeat of an application's connections.
   *
   * @param runtime the application's connections, executor and timer
   * @param intervalMillis the time between two pings of a connection
   * @return the heartbeat, running
   */
  public static Heartbeat start(CandyRuntime runtime, long intervalMillis) {
    Heartbeat heartbeat = new Heartbeat(runtime, intervalMillis);
    runtime
        .timer()
        .scheduleWithFixedDelay(
            heartbeat::beat, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    return heartbeat;
  }

  /**
   * Watches a connection that has closed while the container still holds it open: it is ended if it
   * is still open two beats from now.
   *
   * @param transport the connection
   */
  public void watchClosing(Transport transport) {
    closing.putIfAbsent(transport, false);
  }

  /**
   * One beat: pings each connection, or ends it when it has not answered the previous ping. Ending
   * runs the connection's close handlers, so it runs on the application's executor, not here.
   */
  void beat() {
    endHalfClosed();
    int ended = 0;
    for (CandySocket socket : runtime.registry().clients().values()) {
      try {
        if (socket instanceof Connection connection && connection.heartbeat()) {
          ended++;
          end(connection);
        }
      } catch (RuntimeException e) {
        // A periodic task that throws is never run again: one connection must not stop the rest.
        LOG.log(Level.WARNING, "candy-ws: the heartbeat of " + socket + " failed", e);
      }
    }
    if (ended > 0) {
      int count = ended; // one line a beat at most, however many peers stopped answering
      LOG.info(
          () ->
              "candy-ws: ending "
                  + count
                  + " connection(s) that did not answer a ping within "
                  + intervalMillis
                  + " ms");
    }
  }

  /**
   * The application data of one of candy-ws's own pings.
   *
   * @param written how many frames were written before it
   * @return the payload, to be sent once
   */
  static ByteBuffer payload(long written) {
    return ByteBuffer.wrap((PREFIX + written).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The count of frames a pong confirms, when it echoes one of candy-ws's own pings.
   *
   * @param pong the pong's application data
   * @return the count, or -1 when the pong is not an answer to one of them
   */
  static long confirmed(byte[] pong) {
    int start = PREFIX.length();
    if (pong.length <= start || pong.length > start + 19) {
      return -1;
    }
    long count = 0;
    try {
      for (int i = 0; i < pong.length; i++) {
        int b = pong[i];
        if (i < start ? b != PREFIX.charAt(i) : b < '0' || b > '9') {
          return -1;
        }
        if (i >= start) {
          count = Math.addExact(Math.multiplyExact(count, 10), b - '0');
        }
      }
    } catch (ArithmeticException tooLarge) {
      return -1;
    }
    return count;
  }

  private void endHalfClosed() {
    for (Map.Entry<Transport, Boolean> entry : closing.entrySet()) {
      Transport transport = entry.getKey();
      if (!transport.isOpen()) {
        closing.remove(transport);
      } else if (entry.getValue()) {
        closing.remove(transport);
        endLater(transport);
      } else {
        entry.setValue(true);
      }
    }
  }

  private void endLater(Transport transport) {
    Runnable end =
        () -> {
          try {
            transport.end();
          } catch (Exception e) {
            LOG.log(Level.FINE, "candy-ws: ending a closed connection failed", e);
          }
        };
    try {
      runtime.executor().execute(end);
    } catch (RejectedExecutionException stopping) {
      end.run();
    }
  }

  private void end(Connection connection) {
    try {
      runtime.executor().execute(connection::end);
    } catch (RejectedExecutionException stopping) {
      connection.end();
    }
  }
}
