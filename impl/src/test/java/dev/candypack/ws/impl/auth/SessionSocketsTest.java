package dev.candypack.ws.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CloseStatus;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSocketsTest {

  private static final CloseStatus SESSION_ENDED = new CloseStatus(4001, "Session ended");

  private final SessionSockets sockets = new SessionSockets();
  private final Fakes.Session ann = new Fakes.Session("ann-session");
  private final Fakes.Session bob = new Fakes.Session("bob-session");

  @Test
  void theEndOfASessionClosesItsConnectionsWith4001SessionEndedAndNoOther() {
    Fakes.Socket tab1 = new Fakes.Socket();
    Fakes.Socket tab2 = new Fakes.Socket();
    Fakes.Socket other = new Fakes.Socket();
    sockets.track(ann.session, tab1.socket);
    sockets.track(ann.session, tab2.socket);
    sockets.track(bob.session, other.socket);
    assertEquals(2, sockets.count("ann-session"));

    sockets.sessionDestroyed(new HttpSessionEvent(ann.session));

    assertEquals(List.of(SESSION_ENDED), tab1.closes);
    assertEquals(List.of(SESSION_ENDED), tab2.closes);
    assertEquals(List.of(), other.closes, "another session's connection stays open");
    assertEquals(0, sockets.count("ann-session"));
    assertEquals(1, sockets.sessions());
  }

  @Test
  void aClosedConnectionLeavesTheIndexAndTheEmptySessionWithIt() {
    Fakes.Socket first = new Fakes.Socket();
    Fakes.Socket second = new Fakes.Socket();
    sockets.track(ann.session, first.socket);
    sockets.track(ann.session, second.socket);

    first.closedWith(new CloseStatus(1000, ""));
    assertEquals(1, sockets.count("ann-session"));
    second.closedWith(new CloseStatus(1006, ""));

    assertEquals(0, sockets.sessions(), "nothing kept for a session without connections");
    sockets.sessionDestroyed(new HttpSessionEvent(ann.session));
    assertEquals(List.of(), first.closes, "a closed connection is not closed again");
  }

  @Test
  void manyConnectionsThatComeAndGoLeaveNothingBehind() {
    for (int i = 0; i < 10_000; i++) {
      Fakes.Session session = new Fakes.Session("s" + (i % 100));
      Fakes.Socket socket = new Fakes.Socket();
      sockets.track(session.session, socket.socket);
      socket.closedWith(new CloseStatus(1000, ""));
    }
    assertEquals(0, sockets.sessions());
  }

  @Test
  void aConnectionFollowsItsSessionWhenTheIdChanges() {
    Fakes.Socket socket = new Fakes.Socket();
    sockets.track(ann.session, socket.socket);

    ann.id = "ann-after-login";
    sockets.sessionIdChanged(new HttpSessionEvent(ann.session), "ann-session");
    assertEquals(0, sockets.count("ann-session"));
    assertEquals(1, sockets.count("ann-after-login"));

    sockets.sessionDestroyed(new HttpSessionEvent(ann.session));
    assertEquals(List.of(SESSION_ENDED), socket.closes);
  }

  @Test
  void aConnectionThatClosesAfterAnIdChangeStillLeaves() {
    Fakes.Socket socket = new Fakes.Socket();
    sockets.track(ann.session, socket.socket);
    ann.id = "new-id";
    sockets.sessionIdChanged(new HttpSessionEvent(ann.session), "ann-session");

    socket.closedWith(new CloseStatus(1000, ""));

    assertEquals(0, sockets.sessions());
  }

  @Test
  void aSessionInvalidatedBeforeTheConnectionOpenedClosesItAtOnce() {
    Fakes.Socket socket = new Fakes.Socket();
    ann.valid = false;

    sockets.track(ann.session, socket.socket);

    assertEquals(List.of(SESSION_ENDED), socket.closes);
    assertEquals(0, sockets.sessions());
  }

  @Test
  void aConnectionClosedBeforeItWasTrackedIsNotKept() {
    Fakes.Socket socket = new Fakes.Socket();
    socket.closedWith(new CloseStatus(1006, ""));

    sockets.track(ann.session, socket.socket);

    assertEquals(0, sockets.sessions());
  }

  @Test
  void theEndOfASessionWaitsBoundedlyForAPeerThatNeverAnswers() {
    Fakes.Socket silent = new Fakes.Socket();
    silent.answers = false;
    sockets.track(ann.session, silent.socket);

    long start = System.nanoTime();
    sockets.sessionDestroyed(new HttpSessionEvent(ann.session));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(List.of(SESSION_ENDED), silent.closes);
    assertTrue(
        waitedMillis >= SessionSockets.CLOSE_WAIT.toMillis() - 50
            && waitedMillis < SessionSockets.CLOSE_WAIT.toMillis() + 1_000,
        waitedMillis + " ms");
  }
}
