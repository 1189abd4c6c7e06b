package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * One message to a room of real connections whose transport completes at once: what candy-ws costs
 * per message and member on top of the container's own send. {@code roomJson} encodes the message
 * once for the room; {@code eachJson} is what a loop over members calling {@code send} would cost,
 * encoding per member; {@code roomText} is the benchmark route's verbatim relay.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FanoutBenchmark {

  /** Members of the room. */
  @Param({"100", "1000"})
  public int members;

  private CandyRuntime runtime;
  private List<Connection> connections;
  private final Map<String, Object> message =
      Map.of("type", "message", "userId", "alice", "text", "hello, room", "room", "lobby");

  /**
   * Opens the connections and puts them in the room.
   *
   * @param sink where the transports send
   */
  @Setup(Level.Trial)
  public void open(Blackhole sink) {
    runtime = new CandyRuntime();
    connections = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      Connection connection = Connections.open(runtime, new InlineTransport(sink));
      connection.join("lobby");
      connections.add(connection);
    }
  }

  /** Releases the codec. */
  @TearDown(Level.Trial)
  public void close() {
    runtime.codec().close();
  }

  /** A JSON message to the room, encoded once. */
  @Benchmark
  public void roomJson() {
    connections.get(0).to("lobby").send(message);
  }

  /** The same message sent member by member, encoded for each. */
  @Benchmark
  public void eachJson() {
    for (Connection connection : connections) {
      connection.send(message);
    }
  }

  /** A text frame relayed verbatim to the room, as the benchmark route does. */
  @Benchmark
  public void roomText() {
    connections.get(0).to("lobby").send("{\"type\":\"chat\",\"text\":\"hello, room\"}");
  }
}
