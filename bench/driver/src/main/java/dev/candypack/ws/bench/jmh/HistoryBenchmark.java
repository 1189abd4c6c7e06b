package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.delivery.HistorySettings;
import dev.candypack.ws.impl.delivery.LocalHistoryStore;
import dev.candypack.ws.spi.HistoryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a room's history costs without a cluster. {@code roomJson} and {@code historyJson} send the
 * same message to a room of real connections (as {@link FanoutBenchmark} does), the second to a
 * room that keeps a history: the message is stored and every member receives it with its offset.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HistoryBenchmark {

  /** Members of the room. */
  @Param({"100", "1000"})
  public int members;

  private CandyRuntime runtime;
  private List<Connection> connections;
  private final Map<String, Object> message =
      Map.of("type", "message", "userId", "alice", "text", "hello, room", "room", "lobby");

  /**
   * Opens the connections and puts them in a plain room and in a history room.
   *
   * @param sink where the transports send
   */
  @Setup(Level.Trial)
  public void open(Blackhole sink) {
    runtime = new CandyRuntime();
    runtime.fanout().startHistory(settings("feed/"));
    connections = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      Connection connection = Connections.open(runtime, new InlineTransport(sink));
      connection.join("lobby");
      connection.join("feed/lobby", -1);
      connections.add(connection);
    }
  }

  static HistorySettings settings(String rooms) {
    return HistorySettings.from(
        new SettingsReader(
            key -> Optional.ofNullable(Map.of("candy.ws.history.rooms", rooms).get(key))));
  }

  /** Releases the codec. */
  @TearDown(Level.Trial)
  public void close() {
    runtime.codec().close();
  }

  /** A JSON message to the plain room. */
  @Benchmark
  public void roomJson() {
    connections.get(0).to("lobby").send(message);
  }

  /** The same message to the history room: stored, and delivered with its offset. */
  @Benchmark
  public void historyJson() {
    connections.get(0).to("feed/lobby").send(message);
  }

  /** The heap a full history keeps per message, reported as a counter. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    /** Live heap bytes per message held (ring slot and the message's text). */
    public double bytesPerMessage;

    /** Live heap bytes per history room beyond its messages. */
    public double bytesPerRoom;

    /** Clears the counters. */
    @Setup(Level.Iteration)
    public void clear() {
      bytesPerMessage = 0;
      bytesPerRoom = 0;
    }
  }

  /**
   * Fills 1,000 rooms' histories of 100 messages each (the default size) with the example feed's
   * message, and measures the live heap they keep.
   *
   * @param heap the counters
   * @return the store, kept alive until measured
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2)
  @Measurement(iterations = 1)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public Object footprint(Heap heap) {
    int rooms = 1000;
    int size = 100;
    HistoryStore.Limits limits = new HistoryStore.Limits(size, 0);
    LocalHistoryStore empty = new LocalHistoryStore(rooms, System::nanoTime);
    long before = liveHeap();
    for (int r = 0; r < rooms; r++) {
      empty.append("feed/" + r, limits, "{\"type\":\"message\",\"text\":\"t\"}");
    }
    long oneEach = liveHeap();
    LocalHistoryStore full = new LocalHistoryStore(rooms, System::nanoTime);
    long beforeFull = liveHeap();
    for (int r = 0; r < rooms; r++) {
      for (int m = 0; m < size; m++) {
        // distinct strings, as messages from clients are: 44 characters, the example feed's size
        full.append(
            "feed/" + r,
            limits,
            "{\"type\":\"message\",\"text\":\"hello, room " + (1000 + m) + "\"}");
      }
    }
    long after = liveHeap();
    Reference.reachabilityFence(empty);
    Reference.reachabilityFence(full);
    heap.bytesPerRoom = (oneEach - before) / (double) rooms;
    heap.bytesPerMessage =
        ((after - beforeFull) - (oneEach - before)) / (double) (rooms * (size - 1));
    return new Object[] {empty, full};
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
