package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.auth.DeclaredRoles;
import dev.candypack.ws.impl.auth.HandshakeAuth;
import dev.candypack.ws.impl.auth.SessionSockets;
import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.config.SettingsLoader;
import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.impl.dashboard.Dashboard;
import dev.candypack.ws.impl.dashboard.DashboardSettings;
import dev.candypack.ws.impl.delivery.HistoryRooms;
import dev.candypack.ws.impl.delivery.HistorySettings;
import dev.candypack.ws.impl.events.CdiEvents;
import dev.candypack.ws.impl.metrics.Metrics;
import dev.candypack.ws.impl.policy.RoutePolicy;
import dev.candypack.ws.impl.request.RequestSettings;
import dev.candypack.ws.impl.route.Route;
import dev.candypack.ws.impl.route.RouteExtension;
import dev.candypack.ws.impl.transaction.TransactionSettings;
import dev.candypack.ws.impl.transport.TransportSettings;
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
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    List<Route> routes = withDashboard(extension, application);
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
    CandySettings settings = SettingsLoader.load(application);
    runtime.useRequestSettings(RequestSettings.from(SettingsLoader.reader(application)));
    runtime.useNativeTransport(
        TransportSettings.from(SettingsLoader.reader(application)).nativeMode());
    Map<Route, RoutePolicy> policies = new LinkedHashMap<>();
    routes.forEach(route -> policies.put(route, RoutePolicy.of(route, settings, applicationBeans)));
    // The relay carries nothing larger than the largest message any route accepts.
    long maxPayload =
        policies.values().stream().mapToLong(RoutePolicy::maxMessageSize).max().orElseThrow();
    startRelay(applicationBeans, servletContext, SettingsLoader.source(application), maxPayload);
    startTransactionalSends(application, servletContext.getContextPath());
    startHistory(SettingsLoader.reader(application));
    if (settings.idleTimeoutMillis() > 0) {
      if (runtime.nativeTransports().ownsIdleTimeout(container)) {
        // The container's stays 0 for every session, so that its idle task never closes one.
        runtime.startIdleTimeout(settings.idleTimeoutMillis());
      } else {
        // Every session starts with it: Tyrus closes a session at once when its idle task, set off
        // with a session's first timeout of 0, runs after that timeout was raised in onOpen.
        container.setDefaultMaxSessionIdleTimeout(settings.idleTimeoutMillis());
      }
    }
    runtime.startHeartbeat(settings.pingIntervalMillis());
    countGateRefusals(servletContext, routes);
    fireLifecycleEvents(applicationBeans, routes, application);
    HandshakeAuth auth = handshakeAuth(servletContext, extension);
    // What the server installed (per-message deflate where it is turned on): an annotated endpoint
    // gets it from the container, a programmatic one only when its configuration lists it.
    List<Extension> extensions = List.copyOf(container.getInstalledExtensions());
    for (Map.Entry<Route, RoutePolicy> entry : policies.entrySet()) {
      Route route = entry.getKey();
      RoutePolicy policy = entry.getValue();
      HandshakeConfigurator configurator =
          new HandshakeConfigurator(route, policy, runtime, servletContext.getContextPath(), auth);
      try {
        container.addEndpoint(
            configurator.serving(
                ServerEndpointConfig.Builder.create(CandyEndpoint.class, route.template().value())
                    .configurator(configurator)
                    .extensions(extensions)
                    .build()));
      } catch (DeploymentException e) {
        throw new IllegalStateException(
            "candy-ws: the container refused the route " + route + ": " + e.getMessage(), e);
      }
      LOG.info(() -> "candy-ws: route " + route + threading(route));
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

  /** What the route's log line says of a {@code nonBlocking} route, which needs the native path. */
  private String threading(Route route) {
    if (!route.options().nonBlocking()) {
      return "";
    }
    return runtime.nativeTransports().enabled()
        ? " (non-blocking)"
        : " (non-blocking, without effect while candy.ws.native-transport is off)";
  }

  /**
   * The application's routes, and the dashboard's when {@code candy.ws.dashboard.enabled} is set.
   */
  private static List<Route> withDashboard(RouteExtension extension, ClassLoader application) {
    List<Route> routes = extension.routes();
    DashboardSettings dashboard = DashboardSettings.from(SettingsLoader.reader(application));
    if (!dashboard.enabled()) {
      return routes;
    }
    routes.stream()
        .filter(route -> route.template().matches(Dashboard.PATH))
        .findFirst()
        .ifPresent(
            route -> {
              throw new IllegalStateException(
                  "candy-ws: the route "
                      + route
                      + " takes the dashboard's path "
                      + Dashboard.PATH
                      + "; move it or set candy.ws.dashboard.enabled=false");
            });
    LOG.info(
        () ->
            "candy-ws: dashboard on, at candy-ws/dashboard.html, for the role " + dashboard.role());
    List<Route> all = new ArrayList<>(routes);
    all.add(new Dashboard(dashboard, extension.runtime()).route());
    return all;
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
                                    ? Reason.ORIGIN
                                    : Reason.LIMIT)));
  }

  /** Fires the CDI lifecycle events of the routes that have observers; nothing when none has. */
  private void fireLifecycleEvents(BeanManager beans, List<Route> routes, ClassLoader application) {
    List<String> templates = routes.stream().map(route -> route.template().value()).toList();
    CdiEvents.find(beans, templates, application)
        .ifPresent(
            events -> {
              runtime.observatory().observe(events);
              LOG.info(() -> "candy-ws: CDI events observed: " + events.describe());
            });
  }

  /**
   * What connections keep of their user: the roles the application declares (on its classes, seen
   * by the extension, and in its {@code web.xml}) and, unless {@code
   * candy.ws.close-on-session-end=false}, the index of their sessions that {@link CandyInitializer}
   * installed as a session listener.
   */
  private static HandshakeAuth handshakeAuth(ServletContext context, RouteExtension extension) {
    Set<String> roles = new TreeSet<>(extension.declaredRoles());
    roles.addAll(DeclaredRoles.inWebXml(context.getResourceAsStream("/WEB-INF/web.xml")));
    DeclaredRoles declared = new DeclaredRoles(roles);
    LOG.fine(() -> "candy-ws: connections keep the declared roles " + declared.names());
    return new HandshakeAuth(
        declared, (SessionSockets) context.getAttribute(SessionSockets.class.getName()));
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

  /** Makes sends wait for the transaction they are made in, unless turned off or JTA is absent. */
  private void startTransactionalSends(ClassLoader application, String contextPath) {
    TransactionSettings settings = TransactionSettings.from(SettingsLoader.reader(application));
    String name = contextPath.isEmpty() ? "/" : contextPath;
    if (runtime.sends().start(settings, name)) {
      LOG.info(
          () ->
              "candy-ws: sends of "
                  + name
                  + " made inside a JTA transaction go out when it commits"
                  + " (candy.ws.transactional-sends)");
    }
  }

  /**
   * Keeps the history of the rooms {@code candy.ws.history.rooms} names, in the relay when it keeps
   * histories, and stops following idle ones every few seconds.
   */
  private void startHistory(SettingsReader settings) {
    HistoryRooms history = runtime.fanout().startHistory(HistorySettings.from(settings));
    if (history != null) {
      runtime.timer().scheduleWithFixedDelay(history::sweep, 10, 10, TimeUnit.SECONDS);
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
