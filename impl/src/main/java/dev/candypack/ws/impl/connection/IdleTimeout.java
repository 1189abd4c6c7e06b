package dev.candypack.ws.impl.connection;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes the connections of an application that have neither sent nor received a frame for the idle
 * timeout ({@code candy.ws.idle-timeout-ms}), where candy-ws keeps it instead of the container: on
 * Tyrus with the native send path, whose sends do not restart the container's idle timer.
 *
 * <p>Nothing is scheduled per message: a connection keeps one counter of sweeps, which any frame in
 * or out resets, and one periodic task on the application's timer sweeps every connection {@link
 * #SWEEPS} times per timeout. A connection is closed at the sweep that finds it idle for {@link
 * #SWEEPS} sweeps more than one: never before the timeout, at most a quarter of it later.
 *
 * <p>The close is the one Tyrus makes for its own idle timeout: 1006 with Tyrus's reason for the
 * close handlers, and a close frame of 1000 with the same reason for the peer (a close frame may
 * not carry 1006; Tyrus sends 1000 in its place). It goes through the connection's transport, which
 * on Tyrus closes from the connection's own I/O thread.
 */
public final class IdleTimeout {

  private static final Logger LOG = Logger.getLogger(IdleTimeout.class.getName());

  /** How many sweeps a timeout spans. */
  static final int SWEEPS = 4;

  /** What Tyrus closes an idle session with (its {@code session.closed.idle.timeout}). */
  static final CloseStatus IDLE =
      new CloseStatus(
          CloseStatus.ABNORMAL, "Session closed by the container because of the idle timeout.");

  private final CandyRuntime runtime;
  private final long timeoutMillis;

  IdleTimeout(CandyRuntime runtime, long timeoutMillis) {
    this.runtime = runtime;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Starts sweeping an application's connections.
   *
   * @param runtime the application's connections, executor and timer
   * @param timeoutMillis how long a connection may go without a frame in or out, more than 0
   * @return the idle timeout, running
   */
  public static IdleTimeout start(CandyRuntime runtime, long timeoutMillis) {
    IdleTimeout idle = new IdleTimeout(runtime, timeoutMillis);
    long period = Math.max(1, timeoutMillis / SWEEPS);
    runtime.timer().scheduleWithFixedDelay(idle::sweep, period, period, TimeUnit.MILLISECONDS);
    return idle;
  }

  /**
   * One sweep: counts one more idle sweep on every connection, and closes those idle long enough.
   * Closing runs the connection's queue, so it runs on the application's executor, not here.
   */
  void sweep() {
    int closing = 0;
    for (CandySocket socket : runtime.registry().clients().values()) {
      try {
        if (socket instanceof Connection connection && connection.idleSweep(SWEEPS + 1)) {
          closing++;
          close(connection);
        }
      } catch (RuntimeException e) {
        // A periodic task that throws is never run again: one connection must not stop the rest.
        LOG.log(Level.WARNING, "candy-ws: the idle timeout of " + socket + " failed", e);
      }
    }
    if (closing > 0) {
      int count = closing;
      LOG.fine(
          () -> "candy-ws: closing " + count + " connection(s) idle for " + timeoutMillis + " ms");
    }
  }

  private void close(Connection connection) {
    try {
      runtime.executor().execute(() -> connection.idleTimedOut(IDLE));
    } catch (RejectedExecutionException stopping) {
      connection.idleTimedOut(IDLE);
    }
  }
}
