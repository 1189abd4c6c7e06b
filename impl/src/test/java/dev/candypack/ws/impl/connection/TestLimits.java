package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.policy.RateLimiter;

/** Connection limits for tests that are about something else. */
public final class TestLimits {

  private TestLimits() {}

  /**
   * Limits no test reaches: no rate limit, no message, backlog or room bound.
   *
   * @return the limits
   */
  public static ConnectionLimits unlimited() {
    return new ConnectionLimits(
        Long.MAX_VALUE,
        new RateLimiter(0, 60_000, 1),
        Long.MAX_VALUE,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE);
  }
}
