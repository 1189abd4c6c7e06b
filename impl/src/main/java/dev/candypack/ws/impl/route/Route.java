package dev.candypack.ws.impl.route;

import dev.candypack.ws.CandyRoute;
import java.util.Set;

/**
 * A route found at deployment: its template, its options, where it was declared, and how to get its
 * handler.
 */
public abstract sealed class Route permits ProducerRoute, ShorthandRoute, InternalRoute {

  private final RouteDeclaration declared;

  Route(RouteDeclaration declared) {
    this.declared = declared;
  }

  /**
   * The route's annotation, with its limits and security options.
   *
   * @return the annotation
   */
  public CandyRoute options() {
    return declared.options();
  }

  /**
   * The roles of {@code @RolesAllowed} on the route's method.
   *
   * @return the roles; empty when the method has no such annotation
   */
  public Set<String> rolesAllowed() {
    return declared.rolesAllowed();
  }

  /**
   * The route's URI template.
   *
   * @return the template
   */
  public RouteTemplate template() {
    return declared.template();
  }

  /**
   * Where the route was declared, for messages: {@code com.acme.ChatRoutes.chat(…)}.
   *
   * @return the class and method
   */
  public String declaration() {
    return declared.declaration();
  }

  /**
   * Obtains a fresh handler for one connection through CDI.
   *
   * @return the handler
   * @throws IllegalStateException when CDI gives no handler
   */
  public abstract RouteHandler newHandler();

  @Override
  public String toString() {
    return template() + " (" + declaration() + ")";
  }
}
