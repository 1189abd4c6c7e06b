package dev.candypack.ws.impl.route;

import dev.candypack.ws.CandyRoute;
import java.util.Set;

/**
 * What a {@link CandyRoute} method declares, whatever its kind: the parsed template, where it is
 * declared, its options and the roles of its {@code @RolesAllowed}.
 *
 * @param template the route's URI template
 * @param declaration the class and method, for messages: {@code com.acme.ChatRoutes.chat(…)}
 * @param options the route's annotation, with its limits and security options
 * @param rolesAllowed the roles of {@code @RolesAllowed} on the method; empty without it
 */
record RouteDeclaration(
    RouteTemplate template, String declaration, CandyRoute options, Set<String> rolesAllowed) {

  RouteDeclaration {
    rolesAllowed = Set.copyOf(rolesAllowed);
  }
}
