package dev.candypack.ws.impl.metrics;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the series go: one metrics library of the server. Every value is read when the metrics are
 * scraped, so counting stays the observatory's {@code LongAdder} increments alone.
 */
interface MeterSink {

  /**
   * Registers one series, read at every scrape.
   *
   * @param series the metric
   * @param labels its labels, in order
   * @param value reads the value
   */
  void register(Series series, Map<String, String> labels, LongSupplier value);

  /** Removes every series this sink registered; the application is stopping. */
  void close();
}
