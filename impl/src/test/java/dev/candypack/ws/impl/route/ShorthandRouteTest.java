package dev.candypack.ws.impl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shorthand routes on real CDI (Weld SE): which objects live as long as a connection. */
class ShorthandRouteTest {

  /** Every helper destroyed, in order. */
  static final List<Helper> DESTROYED = new CopyOnWriteArrayList<>();

  /** A dependent object with a life of its own, as an application's helper would have. */
  @Dependent
  public static class Helper {
    private boolean destroyed;

    boolean destroyed() {
      return destroyed;
    }

    @PreDestroy
    void destroy() {
      destroyed = true;
      DESTROYED.add(this);
    }
  }

  /** A route bean with a dependent field; its route records what it was given. */
  @ApplicationScoped
  public static class Routes {
    @Inject Helper field;
    final List<Helper> fieldSeen = new CopyOnWriteArrayList<>();
    final List<Helper> parameters = new CopyOnWriteArrayList<>();

    @CandyRoute("/shorthand")
    void route(CandySocket ws, Helper parameter) {
      fieldSeen.add(field);
      parameters.add(parameter);
    }

    // Read through these: the test holds a client proxy, whose own fields are empty.
    List<Helper> fieldSeen() {
      return fieldSeen;
    }

    List<Helper> parameters() {
      return parameters;
    }
  }

  private WeldContainer weld;
  private Route route;
  private Routes routes;

  @BeforeEach
  void start() {
    DESTROYED.clear();
    RouteExtension extension = new RouteExtension();
    weld =
        new Weld()
            .disableDiscovery()
            .addExtension(extension)
            .addBeanClasses(Routes.class, Helper.class)
            .initialize();
    BeanManager beans = weld.getBeanManager();
    extension.resolveShorthandParameters(beans);
    route = extension.routes().get(0);
    routes = weld.select(Routes.class).get();
  }

  @AfterEach
  void stop() {
    if (weld.isRunning()) {
      weld.shutdown();
    }
  }

  private void connectAndClose() throws Exception {
    RouteHandler handler = route.newHandler();
    handler.handle(null, null).toCompletableFuture().get();
    handler.release();
  }

  @Test
  void theRouteBeansDependentFieldOutlivesTheFirstConnection() throws Exception {
    connectAndClose();
    connectAndClose();

    assertEquals(2, routes.fieldSeen().size());
    Helper field = routes.fieldSeen().get(0);
    assertSame(field, routes.fieldSeen().get(1), "one route bean, one field");
    assertFalse(field.destroyed(), "the field was destroyed with the first connection");
    assertFalse(DESTROYED.contains(field));
  }

  @Test
  void aDependentParameterLivesAsLongAsItsConnection() throws Exception {
    RouteHandler first = route.newHandler();
    first.handle(null, null).toCompletableFuture().get();
    Helper parameter = routes.parameters().get(0);
    assertFalse(parameter.destroyed(), "alive while its connection is open");

    first.release();
    assertEquals(List.of(parameter), DESTROYED, "destroyed with its connection, and only it");

    connectAndClose();
    assertNotSame(parameter, routes.parameters().get(1), "each connection gets its own");
  }

  @Test
  void theRouteBeansFieldIsDestroyedWithTheApplication() throws Exception {
    connectAndClose();
    Helper field = routes.fieldSeen().get(0);
    weld.shutdown();
    assertEquals(1, DESTROYED.stream().filter(helper -> helper == field).count());
  }
}
