package dev.candypack.ws.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.impl.CandyRuntime;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Choosing the adapter: none without an API, and a failing one costs a log line, not the start. */
class MetricsTest {

  private final CandyRuntime runtime = new CandyRuntime();
  private final Logger log = Logger.getLogger(Metrics.class.getName());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  MetricsTest() {
    log.addHandler(capture);
  }

  @AfterEach
  void release() {
    log.removeHandler(capture);
    runtime.codec().close();
  }

  @Test
  void withNeitherApiNothingIsPublishedAndNothingIsAsked() {
    ClassLoader withoutApis = new ClassLoader(null) {};

    assertEquals(Optional.empty(), Metrics.publish(runtime, List.of("/a"), null, withoutApis));
    assertEquals(List.of(), records);
  }

  @Test
  void anAdapterThatFailsIsOneInfoLineAndTheNextIsTried() {
    BeanManager broken =
        (BeanManager)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {BeanManager.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("no beans today");
                });

    assertEquals(
        Optional.empty(),
        Metrics.publish(runtime, List.of("/a"), broken, getClass().getClassLoader()));
    assertEquals(
        List.of(
            "candy-ws: no metrics through MicroProfile Metrics:"
                + " java.lang.IllegalStateException: no beans today",
            "candy-ws: no metrics through Micrometer: java.lang.IllegalStateException: no beans"
                + " today"),
        records.stream().map(LogRecord::getMessage).toList());
  }
}
