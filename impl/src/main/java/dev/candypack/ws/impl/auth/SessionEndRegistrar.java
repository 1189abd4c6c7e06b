package dev.candypack.ws.impl.auth;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Adds the {@link SessionEndListener} as the application's last session listener, once every
 * initializer (the container's WebSocket one among them) has added its own. Both servers tell
 * session listeners that a session ends in the reverse order of their registration, so the last one
 * added hears it first: candy-ws closes the session's connections with 4001 "Session ended" before
 * the container closes the authenticated ones with 1008, as Jakarta WebSocket asks it to.
 *
 * <p>Declared in candy-ws's {@code web-fragment.xml}: only a declared listener may add listeners
 * while the context starts.
 */
public final class SessionEndRegistrar implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (event.getServletContext().getAttribute(SessionSockets.class.getName()) != null) {
      event.getServletContext().addListener(SessionEndListener.class);
    }
  }
}
