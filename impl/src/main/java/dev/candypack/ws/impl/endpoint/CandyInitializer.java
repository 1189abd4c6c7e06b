package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.config.SettingsLoader;
import dev.candypack.ws.impl.policy.OriginPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Installs the {@link EndpointRegistrar} in every web application that ships candy-ws, with no
 * configuration from the application.
 *
 * <p>It also puts the origin check in front of every WebSocket upgrade.
 *
 * <p>Endpoints are not added here: on Payara this initializer may run before the WebSocket
 * container exists. A servlet context listener runs late enough on every server.
 */
public final class CandyInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    CandySettings settings = SettingsLoader.load(Thread.currentThread().getContextClassLoader());
    FilterRegistration.Dynamic origins =
        context.addFilter(
            "candy-ws-origin", new OriginFilter(new OriginPolicy(settings.allowedOrigins())));
    origins.setAsyncSupported(true);
    // Before every declared filter, and so before the container's WebSocket filter.
    origins.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    context.addListener(EndpointRegistrar.class);
  }
}
