package dev.candypack.ws.tck.broken.duplicate;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** Two routes that match the same paths. */
@ApplicationScoped
public class DuplicateRoutes {
  @CandyRoute("/same/{a}")
  void first(CandySocket ws) {}

  @CandyRoute("/same/{b}")
  void second(CandySocket ws) {}
}
