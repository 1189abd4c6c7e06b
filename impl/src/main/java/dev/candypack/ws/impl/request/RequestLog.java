package dev.candypack.ws.impl.request;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of one kind of error reply, written at most once a minute: clients can trigger them as
 * fast as they can send, so each line says how many there were since the last one.
 */
final class RequestLog {

  private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());
  private static final long PERIOD = TimeUnit.MINUTES.toNanos(1);

  private final Level level;
  private final String what;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

  RequestLog(Level level, String what) {
    this.level = level;
    this.what = what;
  }

  /** Counts one, and writes a line when none was written in the last minute. */
  void count(Supplier<String> latest) {
    unreported.incrementAndGet();
    long now = System.nanoTime();
    long next = nextLine.get();
    if (now - next < 0 || !nextLine.compareAndSet(next, now + PERIOD)) {
      return;
    }
    long count = unreported.getAndSet(0);
    LOG.log(
        level,
        () ->
            "candy-ws: "
                + count
                + " "
                + what
                + " since the last such line (at most one a minute); the latest: "
                + latest.get());
  }
}
