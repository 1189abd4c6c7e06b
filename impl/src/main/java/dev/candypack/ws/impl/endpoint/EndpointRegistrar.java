package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.config.SettingsLoader;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.route.Route;
import dev.candypack.ws.impl.route.RouteExtension;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Adds one programmatic WebSocket endpoint per route when the web application starts, and closes
 * every connection with 1001 when it stops.
 */
public final class EndpointRegistrar implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(EndpointRegistrar.class.getName());

  private CandyRuntime runtime;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext servletContext = event.getServletContext();
    BeanManager applicationBeans = applicationBeanManager();
    RouteExtension extension = applicationBeans.getExtension(RouteExtension.class);
    List<Route> routes = extension.routes();
    if (routes.isEmpty()) {
      return;
    }
    extension.resolveShorthandParameters(applicationBeans);
    ServerContainer container =
        (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
    if (container == null) {
      throw new IllegalStateException(
          "candy-ws: this server has no Jakarta WebSocket container for "
              + servletContext.getContextPath()
              + "; "
              + routes.size()
              + " route(s) cannot be served");
    }
    runtime = extension.runtime();
    managedExecutor().ifPresent(runtime::useExecutor);
    CandySettings settings = SettingsLoader.load(Thread.currentThread().getContextClassLoader());
    for (Route route : routes) {
      RoutePolicy policy = RoutePolicy.of(route, settings, applicationBeans);
      try {
        container.addEndpoint(
            ServerEndpointConfig.Builder.create(CandyEndpoint.class, route.template().value())
                .configurator(
                    new HandshakeConfigurator(
                        route, policy, runtime, servletContext.getContextPath()))
                .build());
      } catch (DeploymentException e) {
        throw new IllegalStateException(
            "candy-ws: the container refused the route " + route + ": " + e.getMessage(), e);
      }
      LOG.info(() -> "candy-ws: route " + route);
    }
  }

  /**
   * The web application's own bean manager. {@code java:comp/BeanManager} is the one that sees the
   * application's beans on every server; {@code CDI.current()} called from this library's jar may
   * see only the jar's beans.
   */
  private static BeanManager applicationBeanManager() {
    try {
      return InitialContext.doLookup("java:comp/BeanManager");
    } catch (NamingException e) {
      return CDI.current().getBeanManager();
    }
  }

  /** The container's default managed executor, so that closes run on threads it manages. */
  private static Optional<Executor> managedExecutor() {
    try {
      return Optional.of(InitialContext.doLookup("java:comp/DefaultManagedExecutorService"));
    } catch (NamingException e) {
      return Optional.empty();
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (runtime != null) {
      runtime
          .registry()
          .clients()
          .values()
          .forEach(socket -> socket.close(CloseStatus.GOING_AWAY, "Server shutting down"));
      runtime.codec().close();
    }
  }
}
