package dev.candypack.ws.impl.auth;

import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes a connection out of the list by which Undertow (WildFly) closes a session's WebSocket
 * connections with 1008 when the session ends, so that candy-ws closes it with 4001 "Session ended"
 * instead. Undertow's listener is added after every application listener and so hears first; no
 * ordering of candy-ws's listener can come before it. Tyrus (Payara) keeps no such list: there
 * {@link SessionEndRegistrar}'s ordering is enough, and this does nothing.
 *
 * <p>Undertow keeps the list in the attribute {@value #ATTRIBUTE} of its internal session, a plain
 * list that it changes while holding the session object at hand. WildFly hands each request its own
 * wrapper of that session, so two handshakes of one session hold different locks, and a connection
 * taken out while another is added could stay in. A session therefore gets a list that takes
 * concurrent changes when it is created, before any handshake of it can make one.
 */
final class ContainerLogoutClose {

  /** Undertow's session attribute: the WebSocket channels opened under the session. */
  static final String ATTRIBUTE = "io.undertow.websocket.current-connections";

  /** The public interface of Undertow's internal session. */
  private static final String INTERNAL_SESSION = "io.undertow.server.session.Session";

  private static final Logger LOG = Logger.getLogger(ContainerLogoutClose.class.getName());

  private ContainerLogoutClose() {}

  /**
   * Gives a new session the list that Undertow will keep its connections in, one that takes
   * concurrent changes; nothing outside Undertow.
   *
   * @param httpSession a session just created
   */
  static void prepare(HttpSession httpSession) {
    InternalSession.of(httpSession)
        .ifPresent(session -> session.putIfAbsent(ATTRIBUTE, new CopyOnWriteArrayList<>()));
  }

  /**
   * Leaves the close at the session's end to candy-ws.
   *
   * @param webSocketSession the container's WebSocket session
   * @param httpSession the session of its handshake
   */
  static void release(Object webSocketSession, HttpSession httpSession) {
    Object channel = call(webSocketSession, "getWebSocketChannel");
    if (channel == null) {
      return; // not Undertow
    }
    InternalSession.of(httpSession).ifPresent(session -> session.removeFrom(ATTRIBUTE, channel));
  }

  /** Undertow's internal session behind a servlet session, reached through its public interface. */
  private record InternalSession(Object session, Method getAttribute, Method setAttribute) {

    static Optional<InternalSession> of(HttpSession httpSession) {
      // The servlet session refuses Undertow's own attributes; its internal session hands them out.
      Object internal = call(httpSession, "getSession");
      if (internal == null) {
        return Optional.empty();
      }
      try {
        Class<?> type =
            Class.forName(INTERNAL_SESSION, false, internal.getClass().getClassLoader());
        if (!type.isInstance(internal)) {
          return Optional.empty();
        }
        return Optional.of(
            new InternalSession(
                internal,
                type.getMethod("getAttribute", String.class),
                type.getMethod("setAttribute", String.class, Object.class)));
      } catch (ClassNotFoundException notUndertow) {
        return Optional.empty();
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: " + internal.getClass() + " is not Undertow's session", e);
        return Optional.empty();
      }
    }

    void removeFrom(String name, Object element) {
      synchronized (session) { // as Undertow does, for a list it made itself
        if (invoke(getAttribute, name) instanceof List<?> list) {
          list.remove(element);
        }
      }
    }

    void putIfAbsent(String name, Object value) {
      synchronized (session) {
        if (invoke(getAttribute, name) == null) {
          invoke(setAttribute, name, value);
        }
      }
    }

    private Object invoke(Method method, Object... arguments) {
      try {
        return method.invoke(session, arguments);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: " + method.getName() + " on Undertow's session failed", e);
        return null;
      }
    }
  }

  private static Object call(Object target, String method) {
    try {
      Method found = target.getClass().getMethod(method);
      return found.invoke(target);
    } catch (NoSuchMethodException notThisContainer) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: " + method + " on " + target.getClass() + " failed", e);
      return null;
    }
  }
}
