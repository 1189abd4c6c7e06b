package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class RejectionsTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final Rejections rejections = new Rejections("messages", now::get);
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Logger log = Logger.getLogger(Rejections.class.getName());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel() == Level.WARNING) {
            warnings.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    log.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    log.removeHandler(handler);
  }

  @Test
  void everyRefusalCountsAndTheLogWarnsAtMostOnceAMinute() {
    for (int i = 0; i < 1000; i++) {
      rejections.refused("a message", "its signature is not this application's");
    }
    assertEquals(1000, rejections.total());
    assertEquals(1, warnings.size(), "the first at once, then quiet");
    assertTrue(warnings.get(0).contains("dropped 1 messages"), warnings.get(0));

    now.addAndGet(Rejections.LOG_INTERVAL_NANOS - 1);
    rejections.refused("a message", "still within the minute");
    assertEquals(1, warnings.size());

    now.addAndGet(1);
    rejections.refused("a message", "a minute later");
    assertEquals(2, warnings.size());
    assertTrue(
        warnings
            .get(1)
            .contains("dropped 1001 messages from the grid since the last warning, 1002 since"),
        warnings.get(1));
    assertEquals(1002, rejections.total());
  }
}
