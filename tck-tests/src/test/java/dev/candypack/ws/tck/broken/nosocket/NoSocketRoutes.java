package dev.candypack.ws.tck.broken.nosocket;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.context.ApplicationScoped;

/** A shorthand route method without a connection parameter. */
@ApplicationScoped
public class NoSocketRoutes {
  @CandyRoute("/no-socket")
  void withoutSocket(Candy candy) {}
}
