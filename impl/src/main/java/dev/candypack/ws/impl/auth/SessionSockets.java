package dev.candypack.ws.impl.auth;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open connections of each HTTP session, closed with 4001 "Session ended" when their session is
 * invalidated (a logout) or expires. The application's servlet context calls it as a session
 * listener; a connection is only here while it is open (it leaves when it closes), so the index
 * never holds more than the open connections.
 */
public final class SessionSockets implements HttpSessionListener, HttpSessionIdListener {

  /** How a connection ends with its session. */
  public static final CloseStatus SESSION_ENDED =
      new CloseStatus(CloseStatus.UNAUTHORIZED, "Session ended");

  private static final Logger LOG = Logger.getLogger(SessionSockets.class.getName());

  /** How long the end of a session waits for its connections to close. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final Object lock = new Object();
  private final Map<String, Set<Tracked>> bySession = new HashMap<>();

  /** One connection and the id its session has now (login may change it). */
  private static final class Tracked {
    private final CandySocket socket;
    private String sessionId; // guarded by lock

    Tracked(CandySocket socket, String sessionId) {
      this.socket = socket;
      this.sessionId = sessionId;
    }
  }

  /**
   * Ties an open connection to the session of its handshake until either ends. A session that was
   * invalidated meanwhile closes the connection at once.
   *
   * @param session the handshake's session
   * @param socket the connection
   */
  public void track(HttpSession session, CandySocket socket) {
    String id;
    try {
      id = session.getId();
    } catch (IllegalStateException invalidated) {
      end(socket);
      return;
    }
    Tracked tracked = new Tracked(socket, id);
    synchronized (lock) {
      bySession.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(tracked);
    }
    // Added first, so that a connection closed already runs it at once and leaves again.
    socket.onClose(status -> forget(tracked));
    if (!isValid(session)) {
      forget(tracked);
      end(socket);
    }
  }

  private static boolean isValid(HttpSession session) {
    try {
      session.getCreationTime();
      return true;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  private void forget(Tracked tracked) {
    synchronized (lock) {
      Set<Tracked> sockets = bySession.get(tracked.sessionId);
      if (sockets != null && sockets.remove(tracked) && sockets.isEmpty()) {
        bySession.remove(tracked.sessionId);
      }
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    Set<Tracked> ended;
    synchronized (lock) {
      ended = bySession.remove(event.getSession().getId());
    }
    if (ended == null) {
      return;
    }
    // Outside the lock: a close runs the connection's close handlers, which call forget.
    CountDownLatch closed = new CountDownLatch(ended.size());
    for (Tracked tracked : List.copyOf(ended)) {
      tracked.socket.onClose(status -> closed.countDown());
      end(tracked.socket);
    }
    awaitCloses(closed);
  }

  /**
   * Waits a little for the connections to close. A container may close them itself once its
   * listeners return (Tyrus closes an authenticated one with 1008, as Jakarta WebSocket asks), and
   * candy-ws's close is not immediate (on Payara it waits for the peer's pong); waiting keeps 4001
   * "Session ended" the close the client sees.
   */
  private static void awaitCloses(CountDownLatch closed) {
    try {
      if (!closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.fine(() -> "candy-ws: " + closed.getCount() + " connection(s) still closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    String newId = event.getSession().getId();
    synchronized (lock) {
      Set<Tracked> moved = bySession.remove(oldSessionId);
      if (moved != null) {
        moved.forEach(tracked -> tracked.sessionId = newId);
        bySession.computeIfAbsent(newId, key -> new LinkedHashSet<>()).addAll(moved);
      }
    }
  }

  private static void end(CandySocket socket) {
    try {
      socket.close(SESSION_ENDED.code(), SESSION_ENDED.reason());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: closing a connection whose session ended failed", e);
    }
  }

  /**
   * The connections tied to a session.
   *
   * @param sessionId the session's id
   * @return their count
   */
  public int count(String sessionId) {
    synchronized (lock) {
      Set<Tracked> sockets = bySession.get(sessionId);
      return sockets == null ? 0 : sockets.size();
    }
  }

  /**
   * The sessions that have open connections.
   *
   * @return their count
   */
  public int sessions() {
    synchronized (lock) {
      return bySession.size();
    }
  }
}
