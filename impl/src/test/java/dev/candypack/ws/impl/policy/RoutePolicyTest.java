package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoutePolicyTest {

  @Test
  void theRoutesBurstWinsThenTheApplicationsThenTwiceTheLimit() {
    assertEquals(7, RoutePolicy.burst(7, 30, 50));
    assertEquals(30, RoutePolicy.burst(-1, 30, 50));
    assertEquals(100, RoutePolicy.burst(-1, 0, 50));
    assertEquals(20, RoutePolicy.burst(-1, 0, 10), "twice the route's own limit");
    assertEquals(1, RoutePolicy.burst(-1, 0, 0), "no limit: the burst does not matter");
  }
}
