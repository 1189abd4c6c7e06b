package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoutePolicyTest {

  @Test
  void theRoutesBurstWinsThenTheApplicationsThenTwiceTheLimit() {
    assertEquals(7, RoutePolicy.burst("/r", 7, 30, 50));
    assertEquals(30, RoutePolicy.burst("/r", -1, 30, 50));
    assertEquals(100, RoutePolicy.burst("/r", -1, 0, 50));
    assertEquals(20, RoutePolicy.burst("/r", -1, 0, 10), "twice the route's own limit");
    assertEquals(1, RoutePolicy.burst("/r", -1, 0, 0), "no limit: the burst does not matter");
  }

  @Test
  void aBurstUnderOneFailsNamingTheRoute() {
    for (int bad : new int[] {0, -2, Integer.MIN_VALUE}) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> RoutePolicy.burst("/ticks (T#m)", bad, 0, 5));
      assertTrue(e.getMessage().contains("/ticks (T#m)"), e.getMessage());
      assertTrue(e.getMessage().contains("rateLimitBurst = " + bad), e.getMessage());
    }
  }
}
