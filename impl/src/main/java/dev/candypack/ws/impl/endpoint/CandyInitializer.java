package dev.candypack.ws.impl.endpoint;

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
 * named after that class, where the test WARs read the count.
 *
 * <p>Endpoints are not added here: on Payara this initializer may run before the WebSocket
 * container exists. A servlet context listener runs late enough on every server.
 */
public final class CandyInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    CandySettings settings = SettingsLoader.load(Thread.currentThread().getContextClassLoader());
    HandshakeGate gate = new HandshakeGate(settings);
    context.setAttribute(ConnectionSlots.class.getName(), gate.slots());
    new HandshakeFilter(gate).install(context);
    context.addListener(EndpointRegistrar.class);
  }
}
