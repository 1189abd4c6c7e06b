package dev.candypack.ws.tck.broken.unresolvedproducer;

import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A route producer with a parameter that no bean satisfies. */
@ApplicationScoped
public class UnresolvedProducerRoutes {

  /** No bean implements this. */
  public interface NobodyImplementsMeEither {}

  @Produces
  @CandyRoute("/unresolved-producer")
  CandyHandler unresolved(NobodyImplementsMeEither missing) {
    return (ws, candy) -> {};
  }
}
