package dev.candypack.ws.tck.lifecycle;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A route bean with shorthand routes only and a dependent field: the field lives as long as the
 * bean, the method's dependent parameter as long as its connection.
 */
@ApplicationScoped
public class ShorthandOnlyRoutes {

  @Inject Helper helper;

  /** Sends what it sees of its field and of its own parameter. */
  @CandyRoute("/helper")
  void helper(CandySocket ws, Helper perConnection) {
    ws.send(
        Map.of(
            "field", helper.id(),
            "fieldDestroyed", helper.destroyed(),
            "parameter", perConnection.id()));
  }
}
