package dev.candypack.ws.hazelcast;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts what the relay refused from the grid (bytes that fail the signature check, do not decode,
 * or carry too large a payload) and says so in the log at most once a minute: anyone who can reach
 * the grid can send such bytes, as fast as they like.
 */
final class Rejections {

  private static final Logger LOG = Logger.getLogger(Rejections.class.getName());
  static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String kind;
  private final LongSupplier clock;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong sinceLogged = new AtomicLong();
  private final AtomicLong nextLog;

  /**
   * @param kind what is refused, in the plural: "messages" or "reports"
   * @param nanoClock {@link System#nanoTime()}, or a test's clock
   */
  Rejections(String kind, LongSupplier nanoClock) {
    this.kind = kind;
    this.clock = nanoClock;
    this.nextLog = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Counts one refusal.
   *
   * @param what which one was refused, such as "the report of node …"
   * @param why the reason
   */
  void refused(String what, String why) {
    total.incrementAndGet();
    long unlogged = sinceLogged.incrementAndGet();
    long now = clock.getAsLong();
    long next = nextLog.get();
    if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
      sinceLogged.addAndGet(-unlogged);
      LOG.warning(
          "candy-ws: dropped "
              + unlogged
              + " "
              + kind
              + " from the grid since the last warning, "
              + total.get()
              + " since start; the last: "
              + what
              + ", "
              + why
              + ". Every node needs the same candy.ws.cluster.secret, and nothing but the"
              + " application's nodes should reach the grid.");
    } else {
      LOG.log(Level.FINE, () -> "candy-ws: dropped " + what + " from the grid: " + why);
    }
  }

  /** How many refusals since start. */
  long total() {
    return total.get();
  }
}
