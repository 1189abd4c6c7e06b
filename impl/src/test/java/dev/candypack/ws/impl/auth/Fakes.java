package dev.candypack.ws.impl.auth;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.Registration;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.server.HandshakeRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Small stand-ins for the container's objects and a connection. */
final class Fakes {

  private Fakes() {}

  /** A connection that records its closes and, like a real one, runs its close handlers. */
  static final class Socket {
    final List<CloseStatus> closes = new ArrayList<>();
    private final List<Consumer<CloseStatus>> onClose = new ArrayList<>();
    private CloseStatus closed;

    /** Whether a close completes at once, as with a peer that answers it. */
    boolean answers = true;

    final CandySocket socket =
        (CandySocket)
            Proxy.newProxyInstance(
                Fakes.class.getClassLoader(),
                new Class<?>[] {CandySocket.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "close" -> {
                        CloseStatus status = new CloseStatus((Integer) args[0], (String) args[1]);
                        closes.add(status);
                        if (answers) {
                          closedWith(status);
                        }
                        yield null;
                      }
                      case "onClose" -> {
                        @SuppressWarnings("unchecked")
                        Consumer<CloseStatus> handler = (Consumer<CloseStatus>) args[0];
                        if (closed != null) {
                          handler.accept(closed);
                        } else {
                          onClose.add(handler);
                        }
                        yield (Registration) () -> {};
                      }
                      case "toString" -> "socket";
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    /** The transport has closed: the close handlers run. */
    void closedWith(CloseStatus status) {
      if (closed != null) {
        return;
      }
      closed = status;
      List.copyOf(onClose).forEach(handler -> handler.accept(status));
    }
  }

  /** A session with an id; {@code valid} says whether it was invalidated. */
  static final class Session {
    String id;
    boolean valid = true;

    Session(String id) {
      this.id = id;
    }

    final HttpSession session =
        (HttpSession)
            Proxy.newProxyInstance(
                Fakes.class.getClassLoader(),
                new Class<?>[] {HttpSession.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getId" -> id;
                      case "getCreationTime" -> {
                        if (!valid) {
                          throw new IllegalStateException("invalidated");
                        }
                        yield 1L;
                      }
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
  }

  /** A handshake of a user in some roles (none when {@code user} is null), with a session. */
  static HandshakeRequest handshake(String user, Set<String> roles, HttpSession session) {
    Principal principal = user == null ? null : () -> user;
    return (HandshakeRequest)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {HandshakeRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getUserPrincipal" -> principal;
                  case "isUserInRole" -> principal != null && roles.contains((String) args[0]);
                  case "getHttpSession" -> session;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
