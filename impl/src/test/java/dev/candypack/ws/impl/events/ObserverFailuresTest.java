package dev.candypack.ws.impl.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObserverFailuresTest {

  private static final long SECOND = 1_000_000_000L;

  private final Logger logger = Logger.getLogger(ObserverFailures.class.getName());
  private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final AtomicLong now = new AtomicLong(7 * SECOND);
  private final ObserverFailures failures =
      new ObserverFailures("CandyOpened of route /chat", now::get);

  @BeforeEach
  void capture() {
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    logger.removeHandler(capture);
    logger.setUseParentHandlers(true);
  }

  @Test
  void theFirstFailureIsLoggedAtOnceWithItsException() {
    IllegalStateException failure = new IllegalStateException("broke");

    failures.failed(failure);

    assertEquals(1, lines.size());
    assertEquals(Level.WARNING, lines.get(0).getLevel());
    assertSame(failure, lines.get(0).getThrown());
    assertEquals(
        "candy-ws: an observer of CandyOpened of route /chat failed once since the last such line"
            + " (at most one a minute); the connections went on",
        lines.get(0).getMessage());
  }

  @Test
  void atMostOneLineAMinuteCountsTheFailuresSinceTheLast() {
    failures.failed(new IllegalStateException("first"));
    for (int i = 0; i < 599; i++) {
      now.addAndGet(SECOND / 10); // 59.9 s in all
      failures.failed(new IllegalStateException("number " + i));
    }
    assertEquals(1, lines.size());

    now.addAndGet(SECOND / 10);
    IllegalStateException latest = new IllegalStateException("latest");
    failures.failed(latest);

    assertEquals(2, lines.size());
    assertSame(latest, lines.get(1).getThrown());
    assertEquals(
        "candy-ws: an observer of CandyOpened of route /chat failed 600 times since the last such"
            + " line (at most one a minute); the connections went on",
        lines.get(1).getMessage());
  }
}
