package dev.candypack.ws.impl.route;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.Set;

/**
 * A route that candy-ws declares itself, such as the dashboard's: one handler for every connection,
 * no CDI, the application's default limits, and the roles it is given.
 */
public final class InternalRoute extends Route {

  private static final CreationalContext<?> NOTHING_TO_RELEASE =
      new CreationalContext<Object>() {
        @Override
        public void push(Object incompleteInstance) {}

        @Override
        public void release() {}
      };

  private final AsyncCandyHandler handler;

  private InternalRoute(RouteDeclaration declared, AsyncCandyHandler handler) {
    super(declared);
    this.handler = handler;
  }

  /**
   * Declares a route.
   *
   * @param template the route's URI template
   * @param rolesAllowed the roles a user needs, one of them (4001 without a user, 4003 without the
   *     role); empty for anyone
   * @param declaration what declared it, for messages
   * @param handler the handler of every connection
   * @return the route
   * @throws IllegalArgumentException when the template is invalid
   */
  public static InternalRoute of(
      String template, Set<String> rolesAllowed, String declaration, AsyncCandyHandler handler) {
    return new InternalRoute(
        new RouteDeclaration(
            RouteTemplate.parse(template),
            declaration,
            CandyRoute.Literal.of(template),
            rolesAllowed),
        handler);
  }

  @Override
  public RouteHandler newHandler() {
    return RouteHandler.ofAsync(handler, NOTHING_TO_RELEASE);
  }
}
