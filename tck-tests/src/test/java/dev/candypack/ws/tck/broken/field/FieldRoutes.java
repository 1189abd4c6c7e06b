package dev.candypack.ws.tck.broken.field;

import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A route declared by a producer field, which candy-ws refuses. */
@ApplicationScoped
public class FieldRoutes {
  @Produces
  @CandyRoute("/field")
  CandyHandler fieldRoute = (ws, candy) -> ws.send("never served");
}
