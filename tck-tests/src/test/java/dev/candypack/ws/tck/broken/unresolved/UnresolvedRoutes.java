package dev.candypack.ws.tck.broken.unresolved;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** A shorthand route method with a parameter that no bean satisfies. */
@ApplicationScoped
public class UnresolvedRoutes {

  /** No bean implements this. */
  public interface NobodyImplementsMe {}

  @CandyRoute("/unresolved")
  void unresolved(CandySocket ws, NobodyImplementsMe missing) {}
}
