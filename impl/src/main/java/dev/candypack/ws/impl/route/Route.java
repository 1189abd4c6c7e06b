package dev.candypack.ws.impl.route;

/** A route found at deployment: its template, where it was declared, and how to get its handler. */
public abstract sealed class Route permits ProducerRoute, ShorthandRoute {

  private final RouteTemplate template;
  private final String declaration;

  Route(RouteTemplate template, String declaration) {
    this.template = template;
    this.declaration = declaration;
  }

  /**
   * The route's URI template.
   *
   * @return the template
   */
  public RouteTemplate template() {
    return template;
  }

  /**
   * Where the route was declared, for messages: {@code com.acme.ChatRoutes.chat(…)}.
   *
   * @return the class and method
   */
  public String declaration() {
    return declaration;
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
    return template + " (" + declaration + ")";
  }
}
