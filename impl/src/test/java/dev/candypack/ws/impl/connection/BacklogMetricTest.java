package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backlog gauge: the bytes queued to a route's open connections, summed at scrape time. */
class BacklogMetricTest {

  private final CandyRuntime runtime = new CandyRuntime();

  BacklogMetricTest() {
    runtime.useExecutor(Runnable::run);
  }

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void sumsWhatWaitsForTheRoutesPeersOnlyAndDropsWhatTheyNoLongerWaitFor() {
    StubTransport slow = new StubTransport(Mode.HELD);
    Connection a = connect("a", "/room/{id}", slow);
    Connection b = connect("b", "/room/{id}", new StubTransport(Mode.HELD));
    Connection other = connect("c", "/chat", new StubTransport(Mode.HELD));
    a.send("hello"); // in flight
    a.send("hi"); // waiting behind it
    b.send("abc");
    other.send("elsewhere");

    long frame = ConnectionLimits.FRAME_COST;
    assertEquals(5 + 2 + frame * 2, a.backlogBytes());
    assertEquals(5 + 2 + 3 + frame * 3, Metrics.backlog(runtime, "/room/{id}"));
    assertEquals(9 + frame, Metrics.backlog(runtime, "/chat"));

    slow.completeNext();
    assertEquals(2 + 3 + frame * 2, Metrics.backlog(runtime, "/room/{id}"));
    b.closed(new CloseStatus(CloseStatus.GOING_AWAY, ""));
    assertEquals(2 + frame, Metrics.backlog(runtime, "/room/{id}"));
  }

  private Connection connect(String id, String route, StubTransport transport) {
    Connection connection = new Connection(id, route, transport, runtime, TestLimits.unlimited());
    connection.opened();
    return connection;
  }
}
