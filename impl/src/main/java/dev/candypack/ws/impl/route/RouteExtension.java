package dev.candypack.ws.impl.route;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandyServer;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.auth.DeclaredRoles;
import dev.candypack.ws.impl.health.HealthChecks;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The CDI portable extension that finds the application's routes. It collects every {@link
 * CandyRoute} producer method and shorthand method, fails the deployment with a message naming the
 * class and method when a definition cannot work, and provides the {@link CandyServer} bean.
 */
public class RouteExtension implements Extension {

  private final List<Route> routes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final CandyRuntime runtime = new CandyRuntime();
  private final Set<String> declaredRoles = new TreeSet<>();

  /** Every role the application names on a class or method, for {@code CandyAuth.inRole}. */
  void declaredRoles(
      @Observes @WithAnnotations({DeclareRoles.class, RolesAllowed.class})
          ProcessAnnotatedType<?> event) {
    declaredRoles.addAll(DeclaredRoles.annotatedOn(event.getAnnotatedType()));
  }

  void addReadinessCheck(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    HealthChecks.addTo(event, beanManager);
  }

  void producerRoute(@Observes ProcessProducerMethod<?, ?> event, BeanManager beanManager) {
    AnnotatedMethod<?> method = event.getAnnotatedProducerMethod();
    CandyRoute route = method.getAnnotation(CandyRoute.class);
    if (route == null) {
      return;
    }
    Class<?> returned = method.getJavaMember().getReturnType();
    Class<?> handlerType =
        CandyHandler.class.isAssignableFrom(returned)
            ? CandyHandler.class
            : AsyncCandyHandler.class.isAssignableFrom(returned) ? AsyncCandyHandler.class : null;
    if (handlerType == null) {
      problem(
          method,
          "returns "
              + returned.getName()
              + "; a @CandyRoute producer must return a CandyHandler or an AsyncCandyHandler");
      return;
    }
    declare(route, method)
        .ifPresent(
            declared ->
                routes.add(new ProducerRoute(declared, beanManager, event.getBean(), handlerType)));
  }

  /**
   * A producer field is one handler object for every connection, which no route can be: a handler
   * may keep per-connection state, so candy-ws refuses it rather than ignore it.
   */
  void producerField(@Observes ProcessProducerField<?, ?> event) {
    AnnotatedField<?> field = event.getAnnotatedProducerField();
    if (field.isAnnotationPresent(CandyRoute.class)) {
      Field javaField = field.getJavaMember();
      problems.add(
          "candy-ws: "
              + javaField.getDeclaringClass().getName()
              + "."
              + javaField.getName()
              + ": a @CandyRoute producer field is not a route; declare a @Produces @CandyRoute"
              + " method that returns the handler, or a shorthand method");
    }
  }

  void shorthandRoutes(@Observes ProcessManagedBean<?> event, BeanManager beanManager) {
    for (AnnotatedMethod<?> method : event.getAnnotatedBeanClass().getMethods()) {
      CandyRoute route = method.getAnnotation(CandyRoute.class);
      if (route == null || method.isAnnotationPresent(Produces.class)) {
        continue;
      }
      if (!isShorthand(method)) {
        continue;
      }
      declare(route, method)
          .ifPresent(
              declared ->
                  routes.add(new ShorthandRoute(declared, beanManager, event.getBean(), method)));
    }
  }

  void checkRoutesAndAddServer(@Observes AfterBeanDiscovery event) {
    Map<String, List<Route>> byShape = new HashMap<>();
    routes.forEach(
        r -> byShape.computeIfAbsent(r.template().shape(), s -> new ArrayList<>()).add(r));
    byShape.values().stream()
        .filter(same -> same.size() > 1)
        .forEach(
            same ->
                problems.add(
                    "candy-ws: two routes match the same paths: "
                        + same.stream().map(Route::toString).collect(Collectors.joining(" and "))));
    problems.forEach(problem -> event.addDefinitionError(new DefinitionException(problem)));

    event
        .addBean()
        .beanClass(CandyServer.class)
        .types(CandyServer.class, Object.class)
        .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
        .scope(ApplicationScoped.class)
        .createWith(context -> runtime.server());
  }

  /**
   * Resolves the parameters of shorthand route methods with the application's bean manager. This
   * waits for the web application to start: during deployment an extension only sees the beans of
   * its own jar on some servers (Payara), not the application's.
   *
   * @param applicationBeans the bean manager of the web application
   * @throws IllegalStateException naming every route method whose parameters cannot be injected
   */
  public void resolveShorthandParameters(BeanManager applicationBeans) {
    List<String> unresolved = new ArrayList<>();
    for (Route route : routes) {
      if (route instanceof ShorthandRoute shorthand) {
        try {
          shorthand.resolveInjectionPoints(applicationBeans);
        } catch (RuntimeException e) {
          unresolved.add(
              "candy-ws: a parameter of the route method "
                  + route.declaration()
                  + " cannot be injected: "
                  + e.getMessage());
        }
      }
    }
    if (!unresolved.isEmpty()) {
      throw new IllegalStateException(String.join("\n", unresolved));
    }
  }

  /**
   * The routes found, valid once the deployment has been validated.
   *
   * @return the routes, in discovery order
   */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * The roles named by {@code @DeclareRoles} and {@code @RolesAllowed} on the application's classes
   * and their methods.
   *
   * @return the role names
   */
  public Set<String> declaredRoles() {
    return Set.copyOf(declaredRoles);
  }

  /**
   * The application's connections, rooms and codec.
   *
   * @return the runtime
   */
  public CandyRuntime runtime() {
    return runtime;
  }

  private boolean isShorthand(AnnotatedMethod<?> method) {
    Method javaMethod = method.getJavaMember();
    if (!Arrays.asList(javaMethod.getParameterTypes()).contains(CandySocket.class)) {
      problem(
          method,
          "has no CandySocket parameter; a @CandyRoute method without @Produces is the handler"
              + " itself and takes (CandySocket ws, Candy candy, …), or add @Produces and return a"
              + " CandyHandler");
      return false;
    }
    Class<?> returned = javaMethod.getReturnType();
    if (returned != void.class && !CompletionStage.class.isAssignableFrom(returned)) {
      problem(
          method,
          "returns " + returned.getName() + "; a route method returns void or a CompletionStage");
      return false;
    }
    return true;
  }

  /**
   * The route's declaration, or nothing (and a deployment problem) when its template or burst is
   * bad.
   */
  private Optional<RouteDeclaration> declare(CandyRoute route, AnnotatedMethod<?> method) {
    RouteTemplate template;
    try {
      template = RouteTemplate.parse(route.value());
    } catch (IllegalArgumentException e) {
      problem(method, "has an invalid template: " + e.getMessage());
      return Optional.empty();
    }
    if (route.rateLimitBurst() == 0 || route.rateLimitBurst() < -1) {
      problem(
          method,
          "has rateLimitBurst = "
              + route.rateLimitBurst()
              + "; a burst is at least 1 message, or -1 for candy.ws.rate-limit-burst");
      return Optional.empty();
    }
    return Optional.of(
        new RouteDeclaration(template, describe(method), route, rolesAllowed(method)));
  }

  private void problem(AnnotatedMethod<?> method, String text) {
    problems.add("candy-ws: the route method " + describe(method) + " " + text);
  }

  private static Set<String> rolesAllowed(AnnotatedMethod<?> method) {
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    return roles == null ? Set.of() : Set.of(roles.value());
  }

  static String describe(AnnotatedMethod<?> method) {
    Method javaMethod = method.getJavaMember();
    return javaMethod.getDeclaringClass().getName()
        + "."
        + javaMethod.getName()
        + Arrays.stream(javaMethod.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
