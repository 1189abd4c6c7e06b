package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aFullBucketTakesTheBurstAtOnceAndRefusesTheNext() {
    RateLimiter limiter = new RateLimiter(5, 1000, 10);
    for (int i = 0; i < 10; i++) {
      assertTrue(limiter.allow(0), "message " + i);
    }
    assertFalse(limiter.allow(0));
    assertFalse(limiter.allow(199 * MS), "the first token comes back after window / limit");
  }

  @Test
  void tokensComeBackAtTheLimitPerWindowContinuously() {
    RateLimiter limiter = new RateLimiter(5, 1000, 10); // one token every 200 ms
    for (int i = 0; i < 10; i++) {
      assertTrue(limiter.allow(0));
    }
    assertTrue(limiter.allow(200 * MS));
    assertFalse(limiter.allow(399 * MS));
    assertTrue(limiter.allow(400 * MS));
    // A second later five tokens are back, no more.
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.allow(1400 * MS), "token " + i);
    }
    assertFalse(limiter.allow(1400 * MS));
  }

  @Test
  void theBucketNeverHoldsMoreThanTheBurst() {
    RateLimiter limiter = new RateLimiter(50, 1000, 100);
    assertTrue(limiter.allow(0));
    long hourLater = TimeUnit.HOURS.toNanos(1);
    for (int i = 0; i < 100; i++) {
      assertTrue(limiter.allow(hourLater), "message " + i);
    }
    assertFalse(limiter.allow(hourLater), "an idle hour earns no more than the burst");
  }

  @Test
  void aClientAtTheLimitIsNeverRefusedEvenWithABurstOfOne() {
    RateLimiter limiter = new RateLimiter(50, 1000, 1);
    for (int i = 0; i < 50 * 600; i++) { // ten minutes at exactly 50 a second
      assertTrue(limiter.allow(i * 20 * MS), "message " + i);
    }
    RateLimiter strict = new RateLimiter(50, 1000, 1);
    assertTrue(strict.allow(0));
    assertFalse(strict.allow(19 * MS), "faster than the limit, with no burst to spend");
  }

  @Test
  void aSustainedRateAboveTheLimitIsRefusedOnceTheBurstIsSpent() {
    // 100 a second against 50 a second and a burst of 100: the bucket loses 50 a second, so the
    // client is refused after two seconds: 199 messages pass, the burst and 99 earned meanwhile.
    RateLimiter limiter = new RateLimiter(50, 1000, 100);
    int sent = 0;
    while (limiter.allow(sent * 10 * MS)) {
      sent++;
    }
    assertEquals(199, sent);
  }

  @Test
  void aFloodOfTwoHundredAtOnceIsRefusedAtTheFirstMessageOverTheBurst() {
    RateLimiter limiter = new RateLimiter(50, 1000, RateLimiter.defaultBurst(50));
    int allowed = 0;
    for (int i = 0; i < 200; i++) {
      if (limiter.allow(i * 10_000L)) { // 200 messages read within 2 ms
        allowed++;
      } else {
        break;
      }
    }
    assertEquals(100, allowed);
  }

  /**
   * A client sends every 25 ms (80 % of 50 a second); the server stops reading for {@code pauseMs}
   * at the 10th second, then reads what came meanwhile at once.
   *
   * @return whether every message was allowed over a minute
   */
  private static boolean survivesPauses(int burst, long... pausesAtMsThenLength) {
    RateLimiter limiter = new RateLimiter(50, 1000, burst);
    for (long sent = 0; sent < 60_000; sent += 25) {
      long read = sent;
      for (int p = 0; p < pausesAtMsThenLength.length; p += 2) {
        long start = pausesAtMsThenLength[p];
        long end = start + pausesAtMsThenLength[p + 1];
        if (sent >= start && sent < end) {
          read = end;
        }
      }
      if (!limiter.allow(read * MS)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void atEightyPercentOfTheLimitTheDefaultBurstSurvivesAPauseOfUpToTwoAndAHalfWindows() {
    int burst = RateLimiter.defaultBurst(50);
    assertEquals(100, burst);
    // A pause of p ms brings 0.8 * 50 * p / 1000 messages at once: at most 100, the burst.
    assertTrue(survivesPauses(burst, 10_000, 1_500));
    assertTrue(survivesPauses(burst, 10_000, 2_475)); // 99 messages at once, and 1 on time
    assertFalse(survivesPauses(burst, 10_000, 2_600)); // 104 at once
  }

  @Test
  void pausesOfUpToTwoAndAHalfWindowsSurviveHoweverCloseTogether() {
    int burst = RateLimiter.defaultBurst(50);
    // A pause refills the bucket as it goes (50 a second, up to the burst), and the messages it
    // held back take 40 a second of it: only a bucket already full loses anything, so a pause
    // leaves at least 100 - 61 tokens, and the next one starts from there.
    assertTrue(survivesPauses(burst, 10_000, 1_500, 15_500, 1_500)); // 4 s apart
    assertTrue(survivesPauses(burst, 10_000, 1_500, 12_500, 1_500)); // 1 s apart
    assertTrue(survivesPauses(burst, 10_000, 1_500, 11_600, 1_500)); // 0.1 s apart
    assertTrue(survivesPauses(burst, 10_000, 2_400, 12_500, 2_400, 15_000, 2_400));
    assertFalse(survivesPauses(burst, 10_000, 3_000)); // 120 at once
  }

  @Test
  void aBurstOfOnlyTheLimitFailsAPauseOfOneAndAHalfSeconds() {
    // As the fixed window of 50 did before the bucket: the 61 read at once after the pause are
    // over it.
    assertFalse(survivesPauses(50, 10_000, 1_500));
  }

  @Test
  void defaultBurstIsTwiceTheLimitAndAtLeastOne() {
    assertEquals(100, RateLimiter.defaultBurst(50));
    assertEquals(2, RateLimiter.defaultBurst(1));
    assertEquals(1, RateLimiter.defaultBurst(0));
    assertEquals(Integer.MAX_VALUE, RateLimiter.defaultBurst(Integer.MAX_VALUE));
  }

  @Test
  void zeroTurnsTheLimitOff() {
    RateLimiter limiter = new RateLimiter(0, 1000, 1);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(limiter.allow(0));
    }
  }

  @Test
  void extremeSettingsNeitherOverflowNorTurnTheLimitOff() {
    RateLimiter huge = new RateLimiter(Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    for (int i = 0; i < 1000; i++) {
      assertTrue(huge.allow(0));
    }
    RateLimiter slow = new RateLimiter(1, TimeUnit.DAYS.toMillis(1), 1000);
    for (int i = 0; i < 1000; i++) {
      assertTrue(slow.allow(0));
    }
    assertFalse(slow.allow(0));
    RateLimiter oncePerAge = new RateLimiter(1, Long.MAX_VALUE, 1);
    assertTrue(oncePerAge.allow(0));
    assertFalse(oncePerAge.allow(TimeUnit.DAYS.toNanos(365)));
  }

  @Test
  void refusesSettingsThatMeanNothing() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, 1000, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(5, 1000, 0));
  }

  @Test
  void worksWithNegativeAndWrappingNanoTime() {
    RateLimiter negative = new RateLimiter(1, 1000, 1);
    assertTrue(negative.allow(-5000 * MS));
    assertFalse(negative.allow(-4001 * MS));
    assertTrue(negative.allow(-4000 * MS));

    RateLimiter wrapping = new RateLimiter(1, 1000, 2);
    long start = Long.MAX_VALUE - 100 * MS;
    assertTrue(wrapping.allow(start));
    assertTrue(wrapping.allow(start));
    assertFalse(wrapping.allow(start + 999 * MS)); // wraps to a negative value
    assertTrue(wrapping.allow(start + 1000 * MS));
    assertFalse(wrapping.allow(start + 1000 * MS));
    assertTrue(wrapping.allow(start + 3000 * MS));
    assertTrue(wrapping.allow(start + 3000 * MS));
    assertFalse(wrapping.allow(start + 3000 * MS));
  }
}
