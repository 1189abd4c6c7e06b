package dev.candypack.ws.impl.auth;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * The session listener that {@link SessionEndRegistrar} adds last; it hands the events to the
 * application's {@link SessionSockets}, which {@code CandyInitializer} leaves in a context
 * attribute (none with {@code candy.ws.close-on-session-end=false}).
 */
public final class SessionEndListener implements HttpSessionListener, HttpSessionIdListener {

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    if (sockets(event) != null) {
      ContainerLogoutClose.prepare(event.getSession());
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    SessionSockets sockets = sockets(event);
    if (sockets != null) {
      sockets.sessionDestroyed(event);
    }
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    SessionSockets sockets = sockets(event);
    if (sockets != null) {
      sockets.sessionIdChanged(event, oldSessionId);
    }
  }

  private static SessionSockets sockets(HttpSessionEvent event) {
    return event.getSession().getServletContext().getAttribute(SessionSockets.class.getName())
            instanceof SessionSockets sockets
        ? sockets
        : null;
  }
}
