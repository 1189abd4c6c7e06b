package dev.candypack.ws.impl.policy;

/**
 * CandyPack's rate limit: at most {@code limit} messages per fixed window. Used by one connection's
 * inbound events, which arrive one at a time, so it needs no synchronization.
 */
public final class RateLimiter {

  private final int limit;
  private final long windowNanos;
  private long windowStart;
  private int count;

  /**
   * Creates a limiter.
   *
   * @param limit messages per window; 0 for no limit
   * @param windowMillis the window's length
   */
  public RateLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowNanos = windowMillis * 1_000_000;
  }

  /**
   * Counts one message.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   * @return {@code false} when the message is over the limit
   */
  public boolean allow(long nowNanos) {
    if (limit == 0) {
      return true;
    }
    if (count == 0 || nowNanos - windowStart >= windowNanos) {
      windowStart = nowNanos;
      count = 0;
    }
    return ++count <= limit;
  }
}
