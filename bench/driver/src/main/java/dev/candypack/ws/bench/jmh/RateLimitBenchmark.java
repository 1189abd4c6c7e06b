package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.connection.ConnectionLimits;
import dev.candypack.ws.impl.policy.RateLimiter;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the rate limit costs each incoming message: the token bucket against the fixed window it
 * replaced (a copy below, for comparison), the rule alone with a clock that moves one interval per
 * message, and the whole inbound path of a connection ({@code receivedText} of one whole message,
 * decoded and handed to a handler) with the limit on and off. Run with {@code -prof gc}: no rule
 * allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RateLimitBenchmark {

  private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20); // 50 a second

  /** The limit on the message path: {@code on} never refuses (a token every nanosecond). */
  @Param({"off", "on"})
  public String limit;

  private final RateLimiter bucket = new RateLimiter(50, 1000, 100);
  private final FixedWindow window = new FixedWindow(50, 1000);
  private long now;
  private Connection connection;

  /** Opens a connection whose handler consumes each message. */
  @Setup
  public void open(Blackhole sink) {
    RateLimiter limiter =
        "on".equals(limit)
            ? new RateLimiter(Integer.MAX_VALUE, 1, Integer.MAX_VALUE)
            : new RateLimiter(0, 1000, 1);
    CandyRuntime runtime = new CandyRuntime();
    connection =
        new Connection(
            UUID.randomUUID().toString(),
            "/bench/echo",
            new InlineTransport(sink),
            runtime,
            new ConnectionLimits(8L * 1024 * 1024, limiter, 256L * 1024 * 1024, 1024, 256, 100));
    connection.onMessage(sink::consume);
    connection.opened();
  }

  /** The token bucket's rule, at exactly the limit. */
  @Benchmark
  public boolean tokenBucket() {
    now += INTERVAL;
    return bucket.allow(now);
  }

  /** The fixed window's rule, at exactly the limit. */
  @Benchmark
  public boolean fixedWindow() {
    now += INTERVAL;
    return window.allow(now);
  }

  /** One whole text message through a connection's inbound path. */
  @Benchmark
  public void messagePath() {
    connection.receivedText("{\"text\":\"hi\"}", true);
  }

  /** The rule before the token bucket, kept here to compare costs. */
  static final class FixedWindow {
    private final int limit;
    private final long windowNanos;
    private long windowStart;
    private int count;

    FixedWindow(int limit, long windowMillis) {
      this.limit = limit;
      this.windowNanos = windowMillis * 1_000_000;
    }

    boolean allow(long nowNanos) {
      if (limit == 0) {
        return true;
      }
      if (count == 0 || nowNanos - windowStart >= windowNanos) {
        windowStart = nowNanos;
        count = 0;
      }
      return ++count <= limit;
    }
  }
}
