package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.auth.SessionSettings;
import dev.candypack.ws.impl.auth.SessionSockets;
import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.config.SettingsLoader;
import dev.candypack.ws.impl.gate.ConnectionSlots;
import dev.candypack.ws.impl.gate.HandshakeGate;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Installs the {@link EndpointRegistrar} in every web application that ships candy-ws, with no
 * configuration from the application.
 *
 * <p>It also puts the {@link HandshakeGate} (hosts, origins, connection caps) in front of every
 * WebSocket upgrade, and leaves the application's {@link ConnectionSlots} in the context attribute
 * named after that class, where the test WARs read the count. Unless {@code
 * candy.ws.close-on-session-end=false}, it leaves a {@link SessionSockets} in the context attribute
 * named after that class, for the endpoints and the session listener.
 *
 * <p>Endpoints are not added here: on Payara this initializer may run before the WebSocket
 * container exists. A servlet context listener runs late enough on every server.
 */
public final class CandyInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    CandySettings settings = SettingsLoader.load(application);
    HandshakeGate gate = new HandshakeGate(settings);
    context.setAttribute(ConnectionSlots.class.getName(), gate.slots());
    new HandshakeFilter(gate).install(context);
    context.addListener(EndpointRegistrar.class);
    if (SessionSettings.from(SettingsLoader.reader(application)).closeOnSessionEnd()) {
      SessionSockets sessions = new SessionSockets();
      // SessionEndListener, declared in web-fragment.xml, hands it the session events.
      context.setAttribute(SessionSockets.class.getName(), sessions);
    }
  }
}
