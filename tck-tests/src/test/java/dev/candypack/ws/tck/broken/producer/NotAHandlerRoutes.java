package dev.candypack.ws.tck.broken.producer;

import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A route producer that returns something other than a handler. */
@ApplicationScoped
public class NotAHandlerRoutes {
  @Produces
  @CandyRoute("/not-a-handler")
  String notAHandler() {
    return "oops";
  }
}
