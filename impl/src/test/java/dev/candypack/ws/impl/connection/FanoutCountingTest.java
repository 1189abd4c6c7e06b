package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.observe.RouteMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Room sends and broadcasts count each delivery under its member's route, batched per route. */
class FanoutCountingTest {

  private final CandyRuntime runtime = new CandyRuntime();

  FanoutCountingTest() {
    runtime.useExecutor(Runnable::run);
  }

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void aRoomSendCountsEveryMemberUnderItsOwnRouteAndSkipsClosedOnes() {
    Connection a = connect("a", "/room/{id}");
    Connection b = connect("b", "/chat");
    Connection c = connect("c", "/room/{id}");
    Connection d = connect("d", "/room/{id}");
    for (Connection member : new Connection[] {a, b, c, d}) {
      member.join("lobby");
    }
    d.close(CloseStatus.NORMAL, ""); // closing: no longer sent to

    a.to("lobby").send("hello"); // a, b and c: 5 characters each
    b.broadcast("hi"); // a, c and d but d is closing: 2 characters each

    RouteMeter room = meter("/room/{id}");
    RouteMeter chat = meter("/chat");
    assertEquals(2 + 2, room.messagesSent());
    assertEquals(2 * 5 + 2 * 2, room.bytesSent());
    assertEquals(1, chat.messagesSent());
    assertEquals(5, chat.bytesSent());
  }

  private RouteMeter meter(String route) {
    return runtime.observatory().route(route).meter();
  }

  private Connection connect(String id, String route) {
    Connection connection =
        new Connection(id, route, new StubTransport(Mode.INLINE), runtime, TestLimits.unlimited());
    connection.opened();
    return connection;
  }
}
