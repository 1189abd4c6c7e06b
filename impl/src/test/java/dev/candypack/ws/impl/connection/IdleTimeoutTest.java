package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.ReadyState;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {

  private static final String IDLE_CLOSE =
      "close 1006 Session closed by the container because of the idle timeout.";

  private final CandyRuntime runtime = new CandyRuntime();
  private final IdleTimeout idle = new IdleTimeout(runtime, 4_000);
  private final StubTransport transport = new StubTransport(Mode.INLINE);
  private final Connection connection;

  {
    runtime.useExecutor(Runnable::run);
    connection = connect("idle", transport);
    connection.opened();
  }

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void aConnectionWithoutAnyFrameIsClosedAtTheFifthSweepAsTyrusClosesIt() {
    // Four sweeps span the timeout: the first may come right after the last frame.
    sweeps(IdleTimeout.SWEEPS);
    assertEquals(List.of(), transport.frames(), "not before the whole timeout");

    idle.sweep();

    assertEquals(List.of(IDLE_CLOSE), transport.frames());
    assertEquals(ReadyState.CLOSING, connection.state());
    idle.sweep();
    assertEquals(List.of(IDLE_CLOSE), transport.frames(), "closed once");
  }

  @Test
  void aConnectionThatOnlyReceivesFromTheServerStaysOpen() {
    for (int i = 0; i < 3 * IdleTimeout.SWEEPS; i++) {
      idle.sweep();
      connection.deliver(new OutboundMessage.Text("news " + i));
    }

    assertEquals(3 * IdleTimeout.SWEEPS, transport.frames().size());
    assertEquals(ReadyState.OPEN, connection.state());
  }

  @Test
  void eachKindOfFrameStartsTheTimeoutAgain() {
    List<Consumer<Connection>> frames =
        List.of(
            c -> c.receivedText("hi", true),
            c -> c.receivedText("part", false),
            c -> c.receivedBinary(ByteBuffer.wrap("b".getBytes(UTF_8)), true),
            c -> c.receivedPong(new byte[0]),
            c -> c.send("out"),
            c -> c.sendBinary(new byte[] {1}),
            Connection::ping,
            Connection::heartbeat);
    for (Consumer<Connection> frame : frames) {
      sweeps(IdleTimeout.SWEEPS);
      frame.accept(connection);
    }
    sweeps(IdleTimeout.SWEEPS);

    assertEquals(ReadyState.OPEN, connection.state());
    assertEquals(
        List.of(), transport.frames().stream().filter(f -> f.startsWith("close")).toList());
    idle.sweep();
    assertEquals(ReadyState.CLOSING, connection.state(), "then idle for the whole timeout");
  }

  @Test
  void aClosedConnectionIsNoLongerSwept() {
    connection.closed(new CloseStatus(CloseStatus.NORMAL, "bye"));

    sweeps(2 * IdleTimeout.SWEEPS);

    assertEquals(List.of(), transport.frames());
  }

  @Test
  void onlyTheConnectionsThatWereIdleAreClosed() {
    StubTransport busyTransport = new StubTransport(Mode.INLINE);
    Connection busy = connect("busy", busyTransport);
    busy.opened();
    List<String> closes = new ArrayList<>();
    connection.onClose(status -> closes.add(status.code() + " " + status.reason()));

    for (int i = 0; i <= IdleTimeout.SWEEPS; i++) {
      busy.receivedText("still here", true);
      idle.sweep();
    }
    connection.closed(new CloseStatus(1006, IdleTimeout.IDLE.reason())); // as the container says

    assertEquals(List.of(IDLE_CLOSE), transport.frames());
    assertEquals(ReadyState.OPEN, busy.state());
    assertEquals(List.of("1006 " + IdleTimeout.IDLE.reason()), closes);
  }

  private void sweeps(int count) {
    for (int i = 0; i < count; i++) {
      idle.sweep();
    }
  }

  private Connection connect(String id, StubTransport transport) {
    return new Connection(id, "/idle", transport, runtime, TestLimits.unlimited());
  }
}
