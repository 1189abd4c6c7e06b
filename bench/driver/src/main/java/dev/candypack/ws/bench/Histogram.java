package dev.candypack.ws.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, recorded from any thread into log-linear buckets: exact below 1 ms,
 * within 0.2 % above. Fixed size, whatever the number of samples.
 */
final class Histogram {

  private static final int LINEAR = 1024;
  private static final int SUB = 512;
  private static final int SIZE = LINEAR + 44 * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(SIZE);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds; negative values count as 0
   */
  void record(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    counts.incrementAndGet(index(micros));
    total.incrementAndGet();
    max.accumulateAndGet(micros, Math::max);
  }

  long count() {
    return total.get();
  }

  /**
   * A percentile.
   *
   * @param percent from 0 to 100
   * @return the latency in microseconds at or below which that share of the samples lies
   */
  long percentile(double percent) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(n * percent / 100.0));
    long seen = 0;
    for (int i = 0; i < SIZE; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upper(i), max.get());
      }
    }
    return max.get();
  }

  long max() {
    return max.get();
  }

  private static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int shift = 63 - Long.numberOfLeadingZeros(micros) - 9;
    int index = LINEAR + (shift - 1) * SUB + (int) ((micros >> shift) - SUB);
    return Math.min(index, SIZE - 1);
  }

  private static long upper(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB + 1;
    long sub = (index - LINEAR) % SUB + SUB;
    return ((sub + 1) << shift) - 1;
  }

  /**
   * Microseconds as milliseconds with one decimal.
   *
   * @param micros the value
   * @return such as {@code 12.3ms}
   */
  static String ms(long micros) {
    return String.format(java.util.Locale.ROOT, "%.1fms", micros / 1000.0);
  }
}
