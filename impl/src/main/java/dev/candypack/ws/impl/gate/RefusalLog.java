package dev.candypack.ws.impl.gate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of one kind of refused handshake, written at most once a minute: a client can trigger
 * refusals as fast as it can connect, so each line says how many there were since the last one and
 * describes the latest.
 */
public final class RefusalLog {

  static final Duration PERIOD = Duration.ofMinutes(1);

  private final Logger log;
  private final Level level;
  private final String reason;
  private final LongSupplier clock;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextLine;

  /**
   * Creates the log of one kind of refusal.
   *
   * @param log where the lines go
   * @param level their level
   * @param reason why these handshakes are refused, such as {@code over candy.ws.max-connections
   *     (1000)}
   */
  public RefusalLog(Logger log, Level level, String reason) {
    this(log, level, reason, System::nanoTime);
  }

  RefusalLog(Logger log, Level level, String reason, LongSupplier clock) {
    this.log = log;
    this.level = level;
    this.reason = reason;
    this.clock = clock;
    this.nextLine = new AtomicLong(clock.getAsLong());
  }

  /**
   * Counts a refusal, and writes a line when none was written in the last minute.
   *
   * @param latest describes this handshake (its path and client), made only when a line is written
   */
  public void refused(Supplier<String> latest) {
    unreported.incrementAndGet();
    long now = clock.getAsLong();
    long next = nextLine.get();
    if (now - next < 0 || !nextLine.compareAndSet(next, now + PERIOD.toNanos())) {
      return;
    }
    long count = unreported.getAndSet(0);
    if (log.isLoggable(level)) {
      log.log(
          level,
          "candy-ws: refused "
              + count
              + (count == 1 ? " handshake " : " handshakes ")
              + reason
              + " since the last such line (at most one a minute); the latest: "
              + latest.get());
    }
  }
}
