package dev.candypack.ws.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  private static final long SECOND = 1_000_000_000L;

  private final Logger logger = Logger.getLogger(RefusalLogTest.class.getName());
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
  private final AtomicLong now = new AtomicLong(42 * SECOND);
  private final RefusalLog log =
      new RefusalLog(logger, Level.WARNING, "over candy.ws.max-connections = 3", now::get);

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
  void theFirstRefusalIsLoggedAtOnce() {
    log.refused(() -> "/chat from 10.0.0.1");

    assertEquals(1, lines.size());
    assertEquals(Level.WARNING, lines.get(0).getLevel());
    assertEquals(
        "candy-ws: refused 1 handshake over candy.ws.max-connections = 3 since the last such line"
            + " (at most one a minute); the latest: /chat from 10.0.0.1",
        lines.get(0).getMessage());
  }

  @Test
  void atMostOneLineAMinuteCountsTheRefusalsSinceTheLast() {
    AtomicInteger described = new AtomicInteger();
    log.refused(() -> "first");
    for (int i = 0; i < 500; i++) {
      now.addAndGet(SECOND / 10); // 50 s in all
      int n = i;
      log.refused(
          () -> {
            described.incrementAndGet();
            return "number " + n;
          });
    }
    assertEquals(1, lines.size());
    assertEquals(0, described.get(), "suppressed refusals are not even described");

    now.addAndGet(10 * SECOND); // a minute after the first line
    log.refused(() -> "the latest");

    assertEquals(2, lines.size());
    assertTrue(
        lines.get(1).getMessage().startsWith("candy-ws: refused 501 handshakes over"),
        lines.get(1).getMessage());
    assertTrue(lines.get(1).getMessage().endsWith("the latest: the latest"));
  }

  @Test
  void aQuietMinuteMakesTheNextRefusalLogAtOnce() {
    log.refused(() -> "one");
    now.addAndGet(61 * SECOND);
    log.refused(() -> "two");
    now.addAndGet(600 * SECOND);
    log.refused(() -> "three");

    assertEquals(3, lines.size());
    assertTrue(lines.get(2).getMessage().contains("refused 1 handshake "));
  }

  @Test
  void aLineTheLoggerIgnoresStillStartsANewMinute() {
    logger.setLevel(Level.SEVERE);
    try {
      log.refused(() -> "unseen");
      log.refused(() -> "unseen");
    } finally {
      logger.setLevel(null);
    }
    now.addAndGet(60 * SECOND);
    log.refused(() -> "seen");

    assertEquals(1, lines.size());
    assertTrue(lines.get(0).getMessage().contains("refused 2 handshakes"), lines.toString());
  }
}
