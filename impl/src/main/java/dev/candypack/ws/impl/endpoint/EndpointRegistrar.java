package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.config.SettingsLoader;
import dev.candypack.ws.impl.metrics.Metrics;
import dev.candypack.ws.impl.observe.RefusalReason;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.route.Route;
import dev.candypack.ws.impl.route.RouteExtension;
import dev.candypack.ws.spi.CandyRelay;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Adds one programmatic WebSocket endpoint per route and starts the heartbeat when the web
 * application starts, and closes every connection with 1001 when it stops.
 */
public final class EndpointRegistrar implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(EndpointRegistrar.class.getName());

  private CandyRuntime runtime;
  private CreationalContext<?> relayContext;
  private Metrics metrics;

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
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    CandySettings settings = SettingsLoader.load(application);
    Map<Route, RoutePolicy> policies = new LinkedHashMap<>();
    routes.forEach(route -> policies.put(route, RoutePolicy.of(route, settings, applicationBeans)));
    // The relay carries nothing larger than the largest message any route accepts.
    long maxPayload =
        policies.values().stream().mapToLong(RoutePolicy::maxMessageSize).max().orElseThrow();
    startRelay(applicationBeans, servletContext, SettingsLoader.source(application), maxPayload);
    runtime.startHeartbeat(settings.pingIntervalMillis());
    countGateRefusals(servletContext, routes);
    for (Map.Entry<Route, RoutePolicy> entry : policies.entrySet()) {
      Route route = entry.getKey();
      RoutePolicy policy = entry.getValue();
      HandshakeConfigurator configurator =
          new HandshakeConfigurator(route, policy, runtime, servletContext.getContextPath());
      try {
        container.addEndpoint(
            configurator.serving(
                ServerEndpointConfig.Builder.create(CandyEndpoint.class, route.template().value())
                    .configurator(configurator)
                    .build()));
      } catch (DeploymentException e) {
        throw new IllegalStateException(
            "candy-ws: the container refused the route " + route + ": " + e.getMessage(), e);
      }
      LOG.info(() -> "candy-ws: route " + route);
    }
    runtime.serving(routes.size());
    metrics =
        Metrics.publish(
                runtime,
                routes.stream().map(route -> route.template().value()).toList(),
                applicationBeans,
                application)
            .orElse(null);
  }

  /**
   * Counts the upgrades the {@link HandshakeFilter} refuses under the route their path names: 403
   * for a host or origin, 429 and 503 for the connection caps.
   */
  private void countGateRefusals(ServletContext context, List<Route> routes) {
    HandshakeFilter filter = HandshakeFilter.of(context);
    if (filter == null) {
      return;
    }
    filter.reportRefusals(
        (path, status) ->
            routes.stream()
                .filter(route -> route.template().matches(path))
                .findFirst()
                .ifPresent(
                    route ->
                        runtime
                            .observatory()
                            .route(route.template().value())
                            .refused(
                                status == HttpServletResponse.SC_FORBIDDEN
                                    ? RefusalReason.ORIGIN
                                    : RefusalReason.LIMIT)));
  }

  /**
   * Starts the cluster relay when the application has one (a {@link CandyRelay} bean, such as the
   * one {@code candy-ws-hazelcast} ships) and turns it on; otherwise fan-out stays local.
   */
  private void startRelay(
      BeanManager beans,
      ServletContext context,
      Function<String, Optional<String>> settings,
      long maxPayloadBytes) {
    Set<Bean<?>> candidates = beans.getBeans(CandyRelay.class);
    if (candidates.isEmpty()) {
      return;
    }
    Bean<?> bean = beans.resolve(candidates);
    relayContext = beans.createCreationalContext(bean);
    CandyRelay relay = (CandyRelay) beans.getReference(bean, CandyRelay.class, relayContext);
    String application =
        settings
            .apply("candy.ws.cluster.name")
            .filter(name -> !name.isBlank())
            .orElse(context.getContextPath().isEmpty() ? "/" : context.getContextPath());
    if (runtime.fanout().start(relay, application, settings, maxPayloadBytes)) {
      LOG.info(
          () ->
              "candy-ws: rooms and broadcasts of "
                  + application
                  + " reach every node through "
                  + bean.getBeanClass().getName()
                  + " (node "
                  + runtime.fanout().nodeId()
                  + ")");
    } else {
      relayContext.release();
      relayContext = null;
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
    if (metrics != null) {
      metrics.stop();
    }
    if (runtime != null) {
      runtime.fanout().stop(); // first, so that no message from elsewhere arrives while closing
      if (relayContext != null) {
        relayContext.release();
      }
      runtime
          .registry()
          .clients()
          .values()
          .forEach(socket -> socket.close(CloseStatus.GOING_AWAY, "Server shutting down"));
      runtime.stopTimer();
      runtime.codec().close();
    }
  }
}
