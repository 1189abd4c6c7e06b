package dev.candypack.ws.impl.auth;

import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes a connection out of the list by which Undertow (WildFly) closes a session's WebSocket
 * connections with 1008 when the session ends, so that candy-ws closes it with 4001 "Session ended"
 * instead. Undertow's listener is added after every application listener and so hears first; no
 * ordering of candy-ws's listener can come before it. Tyrus (Payara) keeps no such list: there
 * {@link SessionEndRegistrar}'s ordering is enough, and this does nothing.
 *
 * <p>Undertow keeps the list in the attribute {@value #ATTRIBUTE} of its internal session and
 * changes it while holding that session; this does the same, through public methods of its classes.
 */
final class ContainerLogoutClose {

  /** Undertow's session attribute: the WebSocket channels opened under the session. */
  static final String ATTRIBUTE = "io.undertow.websocket.current-connections";

  /** The public interface of Undertow's internal session. */
  private static final String INTERNAL_SESSION = "io.undertow.server.session.Session";

  private static final Logger LOG = Logger.getLogger(ContainerLogoutClose.class.getName());

  private ContainerLogoutClose() {}

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
    Object internal = call(httpSession, "getSession");
    if (internal == null) {
      return;
    }
    // The servlet session refuses Undertow's own attributes; its internal session hands them out.
    synchronized (internal) {
      try {
        Method getAttribute =
            Class.forName(INTERNAL_SESSION, false, internal.getClass().getClassLoader())
                .getMethod("getAttribute", String.class);
        if (getAttribute.invoke(internal, ATTRIBUTE) instanceof List<?> channels) {
          channels.remove(channel);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: could not take over the close at the session's end", e);
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
