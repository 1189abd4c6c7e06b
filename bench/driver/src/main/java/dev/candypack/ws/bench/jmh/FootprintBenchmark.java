package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Heap that candy-ws itself keeps per open connection, outside any container: many connections
 * opened as the endpoint opens them, each in a room with a message handler, then the live heap
 * after full collections divided by their number. Reported as the {@code bytesPerConnection}
 * counter; the time is that of opening them. The container's own cost per connection is measured on
 * the server by the load driver's heap scenario.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 1) // JMH adds EVENTS counters up over iterations: one keeps it per run
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class FootprintBenchmark {

  /** How many connections to open. */
  @Param({"20000"})
  public int connections;

  /** The counters reported next to the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    /** Live heap bytes per open connection, registry and room membership included. */
    public double bytesPerConnection;

    /** Clears the counter. */
    @Setup(Level.Iteration)
    public void clear() {
      bytesPerConnection = 0;
    }
  }

  /**
   * Opens the connections and measures what they keep.
   *
   * @param heap the counters
   * @param sink where the transports send
   * @return the connections, kept alive until measured
   */
  @Benchmark
  public Object open(Heap heap, Blackhole sink) {
    CandyRuntime runtime = new CandyRuntime();
    long before = liveHeap();
    Connection[] open = new Connection[connections];
    for (int i = 0; i < connections; i++) {
      Connection connection = Connections.open(runtime, new InlineTransport(sink));
      connection.join("room-" + (i % 100));
      connection.onMessage(message -> connection.send(message.text()));
      open[i] = connection;
    }
    long after = liveHeap();
    Reference.reachabilityFence(open);
    heap.bytesPerConnection = (after - before) / (double) connections;
    return open;
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 10; i++) {
      memory.gc();
      used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 16 * 1024) {
        break;
      }
      previous = used;
    }
    return used;
  }
}
