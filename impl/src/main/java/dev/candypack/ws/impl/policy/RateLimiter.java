package dev.candypack.ws.impl.policy;

/**
 * The rate limit of one connection, a token bucket: the bucket holds at most {@code burst} tokens
 * and starts full; it earns {@code limit} tokens per window, continuously (one every {@code window
 * / limit}); each message takes one token, and a message that finds less than one is over the
 * limit. So a client may send {@code burst} messages at once, and {@code limit} per window for as
 * long as it likes; a burst that the server reads at once after a pause of its own costs tokens,
 * not the connection, as long as it fits in the bucket.
 *
 * <p>The bucket is kept as one number, the time at which it will be full again (the GCRA form of a
 * token bucket): each message moves it one interval later, and a message is over the limit when
 * that time lies more than {@code (burst - 1)} intervals ahead. No division, no allocation and no
 * lock per message.
 *
 * <p>One writer: the container calls one connection's message handlers (text, binary and pong) one
 * at a time (Jakarta WebSocket 2.1, section 5.1: no more than one thread per peer at a time), and
 * hands each call to the next through its own synchronization, so plain fields are enough.
 */
public final class RateLimiter {

  // Far enough from overflow that (full - now) never wraps.
  private static final long CAP = Long.MAX_VALUE / 4;

  private final long interval;
  private final long tolerance;
  private long full;
  private boolean started;

  /**
   * Creates a limiter.
   *
   * @param limit messages per window; 0 for no limit
   * @param windowMillis the window's length
   * @param burst the most messages at once, the bucket's size; at least 1
   * @throws IllegalArgumentException when the limit is negative, or the window or burst is under 1
   */
  public RateLimiter(int limit, long windowMillis, int burst) {
    if (limit < 0 || windowMillis < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "rate limit " + limit + ", window " + windowMillis + " ms, burst " + burst);
    }
    long windowNanos = windowMillis > CAP / 1_000_000 ? CAP : windowMillis * 1_000_000;
    this.interval = limit == 0 ? 0 : Math.max(1, windowNanos / limit);
    this.tolerance = burst - 1 > CAP / Math.max(1, interval) ? CAP : (burst - 1) * interval;
  }

  /**
   * The burst when none is configured: twice the limit (two windows' worth), so that a client at 80
   * % of the limit survives a pause of the server's reading of 2.5 windows.
   *
   * @param limit messages per window
   * @return the default burst, at least 1
   */
  public static int defaultBurst(int limit) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, 2L * limit));
  }

  /**
   * Takes one token for a message.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   * @return {@code false} when the message is over the limit; the bucket is then left as it was
   */
  public boolean allow(long nowNanos) {
    if (interval == 0) {
      return true;
    }
    // Nothing owed yet (a new or full bucket): count from now, not from the past.
    long due = started && full - nowNanos > 0 ? full : nowNanos;
    if (due - nowNanos > tolerance) {
      return false;
    }
    full = due + interval;
    started = true;
    return true;
  }
}
