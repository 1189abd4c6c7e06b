package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void allowsTheLimitPerWindowAndRefusesTheNext() {
    RateLimiter limiter = new RateLimiter(3, 1000);

    assertTrue(limiter.allow(0));
    assertTrue(limiter.allow(10 * MS));
    assertTrue(limiter.allow(999 * MS));
    assertFalse(limiter.allow(999 * MS));
  }

  @Test
  void aNewWindowStartsWhenTheOldOneHasPassed() {
    RateLimiter limiter = new RateLimiter(2, 1000);
    assertTrue(limiter.allow(0));
    assertTrue(limiter.allow(1));
    assertFalse(limiter.allow(999 * MS + 999_999));

    assertTrue(limiter.allow(1000 * MS));
    assertTrue(limiter.allow(1500 * MS));
    assertFalse(limiter.allow(1999 * MS));
    assertTrue(limiter.allow(2000 * MS));
  }

  @Test
  void theWindowIsFixedFromItsFirstMessageNotSliding() {
    RateLimiter limiter = new RateLimiter(2, 1000);
    assertTrue(limiter.allow(500 * MS)); // the window runs from 500 ms to 1500 ms
    assertTrue(limiter.allow(1400 * MS));
    assertFalse(limiter.allow(1499 * MS));

    assertTrue(limiter.allow(1500 * MS));
    assertTrue(limiter.allow(1501 * MS));
  }

  @Test
  void fiftyPerSecondAsCandyPackDoes() {
    RateLimiter limiter = new RateLimiter(50, 1000);
    for (int i = 0; i < 50; i++) {
      assertTrue(limiter.allow(i * MS), "message " + i);
    }
    assertFalse(limiter.allow(50 * MS));
    assertFalse(limiter.allow(999 * MS));
    assertTrue(limiter.allow(1000 * MS));
  }

  @Test
  void zeroTurnsTheLimitOff() {
    RateLimiter limiter = new RateLimiter(0, 1000);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(limiter.allow(0));
    }
  }

  @Test
  void worksWithNegativeAndWrappingNanoTime() {
    RateLimiter negative = new RateLimiter(1, 1000);
    assertTrue(negative.allow(-5000 * MS));
    assertFalse(negative.allow(-4001 * MS));
    assertTrue(negative.allow(-4000 * MS));

    RateLimiter wrapping = new RateLimiter(1, 1000);
    long start = Long.MAX_VALUE - 100 * MS;
    assertTrue(wrapping.allow(start));
    assertFalse(wrapping.allow(start + 999 * MS)); // wraps to a negative value
    assertTrue(wrapping.allow(start + 1000 * MS));
  }
}
