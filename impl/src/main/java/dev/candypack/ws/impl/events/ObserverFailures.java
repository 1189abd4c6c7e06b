package dev.candypack.ws.impl.events;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of one route's observers of one event type failing, written at most once a minute: a
 * failing observer fails on every connection, which clients open as fast as they like. Each line
 * says how many failures there were since the last one and carries the latest.
 */
final class ObserverFailures {

  static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(ObserverFailures.class.getName());

  private final String what;
  private final LongSupplier clock;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextLine;

  /**
   * @param what the observers, such as {@code CandyOpened of route /chat}
   */
  ObserverFailures(String what) {
    this(what, System::nanoTime);
  }

  ObserverFailures(String what, LongSupplier clock) {
    this.what = what;
    this.clock = clock;
    this.nextLine = new AtomicLong(clock.getAsLong());
  }

  /** Counts a failure, and writes a line with it when none was written in the last minute. */
  void failed(Throwable failure) {
    unreported.incrementAndGet();
    long now = clock.getAsLong();
    long next = nextLine.get();
    if (now - next < 0 || !nextLine.compareAndSet(next, now + PERIOD.toNanos())) {
      return;
    }
    long count = unreported.getAndSet(0);
    LOG.log(
        Level.WARNING,
        failure,
        () ->
            "candy-ws: an observer of "
                + what
                + " failed "
                + (count == 1 ? "once" : count + " times")
                + " since the last such line (at most one a minute); the connections went on");
  }
}
