package dev.candypack.ws.tck.broken.burst;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** A route whose rate limit allows no message at all: a burst of 0. */
@ApplicationScoped
public class ZeroBurstRoutes {
  @CandyRoute(value = "/ticks", rateLimitBurst = 0)
  void zeroBurst(CandySocket ws) {}
}
