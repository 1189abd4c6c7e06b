package dev.candypack.ws.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyAuth;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class HandshakeAuthTest {

  private final DeclaredRoles declared = new DeclaredRoles(List.of("user", "editor", "admin"));
  private final SessionSockets sessions = new SessionSockets();
  private final HandshakeAuth auth = new HandshakeAuth(declared, sessions);
  private final Fakes.Session session = new Fakes.Session("s1");

  @Test
  void theHandshakeKeepsTheDeclaredRolesTheUserIsIn() {
    HandshakeAuth.Captured captured =
        auth.capture(Fakes.handshake("ann", Set.of("user", "editor", "other"), session.session));

    assertEquals(Set.of("user", "editor"), captured.roles(), "only declared roles are asked");
    assertSame(session.session, captured.session());
  }

  @Test
  void inRoleAnswersFromWhatTheHandshakeKept() {
    Principal ann = () -> "ann";
    CandyAuth user =
        auth.auth(ann, auth.capture(Fakes.handshake("ann", Set.of("user", "editor"), null)));

    assertTrue(user.check());
    assertTrue(user.inRole("editor"));
    assertTrue(user.inRole("user"));
    assertFalse(user.inRole("admin"));
    assertFalse(user.inRole("never-declared"));
    assertFalse(user.inRole(null));
  }

  @Test
  void anAnonymousHandshakeHasNoRolesAndIsNeverAskedAboutThem() {
    HandshakeAuth.Captured captured = auth.capture(Fakes.handshake(null, Set.of("user"), null));

    assertSame(HandshakeAuth.Captured.NONE, captured);
    CandyAuth anonymous = auth.auth(null, captured);
    assertFalse(anonymous.check());
    assertFalse(anonymous.inRole("user"));
  }

  @Test
  void anUndeclaredRoleIsReportedOnce() {
    Logger logger = Logger.getLogger(DeclaredRoles.class.getName());
    List<String> warnings = new java.util.ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      CandyAuth user = auth.auth(() -> "ann", HandshakeAuth.Captured.NONE);
      assertFalse(user.inRole("moderator"));
      assertFalse(user.inRole("moderator"));
      assertFalse(user.inRole("user"));
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("inRole(\"moderator\")"), warnings.get(0));
  }

  @Test
  void theSessionIsTrackedOnlyWhenSessionEndsCloseConnections() {
    HandshakeAuth off = new HandshakeAuth(declared, null);
    HandshakeAuth.Captured captured =
        off.capture(Fakes.handshake("ann", Set.of(), session.session));
    assertNull(captured.session());

    Fakes.Socket socket = new Fakes.Socket();
    auth.track(
        auth.capture(Fakes.handshake(null, Set.of(), session.session)),
        socket.socket,
        new Object());
    assertEquals(1, sessions.count("s1"), "an anonymous connection under a session is tracked too");
    off.track(captured, new Fakes.Socket().socket, new Object());
    assertEquals(1, sessions.count("s1"));
  }
}
