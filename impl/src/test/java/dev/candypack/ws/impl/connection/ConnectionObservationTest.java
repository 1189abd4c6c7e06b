package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.observe.ConnectionObserver;
import dev.candypack.ws.impl.observe.RouteMeter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a connection reports to its route's watch: the lifecycle in order, and the counts. */
class ConnectionObservationTest {

  private final CandyRuntime runtime = new CandyRuntime();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  ConnectionObservationTest() {
    runtime.useExecutor(Runnable::run);
    runtime
        .observatory()
        .observe(
            new ConnectionObserver() {
              @Override
              public void opened(String route, CandySocket socket) {
                events.add("opened " + route + " " + socket.id());
              }

              @Override
              public void closed(String route, CandySocket socket, CloseStatus status) {
                events.add("closed " + socket.id() + " " + status.code());
              }

              @Override
              public void joined(String route, CandySocket socket, String room) {
                events.add("joined " + socket.id() + " " + room);
              }

              @Override
              public void left(String route, CandySocket socket, String room) {
                events.add("left " + socket.id() + " " + room);
              }
            });
  }

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void reportsOpenedThenTheHandlersJoinsThenLaterChangesThenLeavesAndClosed() {
    Connection ws = connect("a");
    ws.join("lobby"); // by the handler, before it finished
    ws.join("dropped");
    ws.leave("dropped");

    ws.opened();
    ws.join("games");
    ws.leave("lobby");
    ws.closed(new CloseStatus(CloseStatus.NORMAL, "bye"));
    ws.closed(new CloseStatus(CloseStatus.NORMAL, "again"));

    assertEquals(
        List.of(
            "opened /room/{id} a",
            "joined a lobby",
            "joined a games",
            "left a lobby",
            "left a games",
            "closed a 1000"),
        events);
  }

  @Test
  void aConnectionClosedBeforeItsHandlerFinishedIsNeitherOpenedNorClosed() {
    Connection ws = connect("early");
    ws.join("lobby");
    ws.closed(new CloseStatus(CloseStatus.INTERNAL_ERROR, "Route handler failed"));
    ws.opened();

    assertEquals(List.of(), events);
    RouteMeter meter = meter();
    assertEquals(0, meter.openedCount());
    assertEquals(0, meter.open());
    assertEquals(Map.of(), meter.closedByCode());
  }

  @Test
  void countsOpenConnectionsClosesByCodeAndMessagesBothWays() {
    Connection a = connect("a");
    Connection b = connect("b");
    a.opened();
    b.opened();
    a.receivedText("hello");
    a.receivedText("é"); // two bytes in UTF-8
    b.receivedBinary(new byte[] {1, 2, 3});
    a.send("hi");
    b.sendBinary("four".getBytes(StandardCharsets.UTF_8));
    a.closed(new CloseStatus(4000, "custom"));

    RouteMeter meter = meter();
    assertEquals(2, meter.openedCount());
    assertEquals(1, meter.open());
    assertEquals(Map.of(4000, 1L), meter.closedByCode());
    assertEquals(3, meter.messagesReceived());
    assertEquals(5 + 2 + 3, meter.bytesReceived());
    assertEquals(2, meter.messagesSent());
    assertEquals(2 + 4, meter.bytesSent());
  }

  @Test
  void countsAtMostSoManyCloseCodesApartAndTheRestTogether() {
    int codes = RouteMeter.MAX_CLOSE_CODES + 5;
    for (int i = 0; i < codes; i++) {
      Connection ws = connect("c" + i);
      ws.opened();
      ws.closed(new CloseStatus(4000 + i, ""));
    }

    Map<Integer, Long> closed = meter().closedByCode();
    assertEquals(RouteMeter.MAX_CLOSE_CODES + 1, closed.size());
    assertEquals(5L, closed.get(RouteMeter.OTHER_CODE));
    assertEquals(codes, closed.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void aFailingObserverIsLoggedAndTheConnectionGoesOn() {
    runtime
        .observatory()
        .observe(
            new ConnectionObserver() {
              @Override
              public void opened(String route, CandySocket socket) {
                throw new IllegalStateException("observer bug");
              }
            });
    Connection ws = connect("a");
    ws.opened();
    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));

    assertEquals(List.of("opened /room/{id} a", "closed a 1000"), events);
    assertEquals(0, meter().open());
  }

  private RouteMeter meter() {
    return runtime.observatory().route("/room/{id}").meter();
  }

  private Connection connect(String id) {
    return new Connection(
        id, "/room/{id}", new StubTransport(Mode.INLINE), runtime, TestLimits.unlimited());
  }
}
