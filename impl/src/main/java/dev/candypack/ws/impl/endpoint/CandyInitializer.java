package dev.candypack.ws.impl.endpoint;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Installs the {@link EndpointRegistrar} in every web application that ships candy-ws, with no
 * configuration from the application.
 *
 * <p>Endpoints are not added here: on Payara this initializer may run before the WebSocket
 * container exists. A servlet context listener runs late enough on every server.
 */
public final class CandyInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addListener(EndpointRegistrar.class);
  }
}
