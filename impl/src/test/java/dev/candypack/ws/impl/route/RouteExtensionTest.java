package dev.candypack.ws.impl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Route discovery on real CDI (Weld SE). */
class RouteExtensionTest {

  /** A route declared by a producer field. */
  @ApplicationScoped
  public static class FieldRoutes {
    @Produces
    @CandyRoute("/field")
    CandyHandler fieldRoute = (ws, candy) -> ws.send("never served");
  }

  @Test
  void aProducerFieldFailsTheDeploymentNamingTheClassAndField() {
    Weld weld =
        new Weld()
            .disableDiscovery()
            .addExtension(new RouteExtension())
            .addBeanClasses(FieldRoutes.class);

    RuntimeException failure = assertThrows(RuntimeException.class, weld::initialize);

    String message = messages(failure);
    assertTrue(message.contains(FieldRoutes.class.getName() + ".fieldRoute"), message);
    assertTrue(message.contains("a @CandyRoute producer field is not a route"), message);
  }

  /** Roles named on a class and on a method, as an application declares them. */
  @ApplicationScoped
  @DeclareRoles({"user", "editor"})
  public static class RoleNames {
    @RolesAllowed({"admin", "**"})
    public void adminOnly() {}
  }

  @Test
  void theRolesNamedOnClassesAndMethodsAreDeclared() {
    RouteExtension extension = new RouteExtension();
    WeldContainer container =
        new Weld()
            .disableDiscovery()
            .addExtension(extension)
            .addBeanClasses(RoleNames.class)
            .initialize();
    try {
      assertEquals(Set.of("user", "editor", "admin", "**"), extension.declaredRoles());
    } finally {
      container.shutdown();
    }
  }

  private static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
