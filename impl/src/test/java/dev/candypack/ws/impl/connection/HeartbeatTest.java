package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.impl.CandyRuntime;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatTest {

  private final CandyRuntime runtime = new CandyRuntime();
  private final Heartbeat heartbeat = new Heartbeat(runtime, 1_000);

  {
    runtime.useExecutor(Runnable::run);
  }

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void aClosedConnectionStillOpenTwoBeatsLaterIsEnded() {
    StubTransport halfClosed = new StubTransport(StubTransport.Mode.INLINE);
    heartbeat.watchClosing(halfClosed);

    heartbeat.beat();
    assertEquals(List.of(), halfClosed.frames());
    heartbeat.beat();
    assertEquals(List.of("end"), halfClosed.frames());
    heartbeat.beat();
    assertEquals(List.of("end"), halfClosed.frames(), "ended once");
  }

  @Test
  void aClosedConnectionThatTheContainerClosesMeanwhileIsLeftAlone() {
    StubTransport closing = new StubTransport(StubTransport.Mode.INLINE);
    heartbeat.watchClosing(closing);

    heartbeat.beat();
    closing.closedByContainer();
    heartbeat.beat();
    heartbeat.beat();

    assertEquals(List.of(), closing.frames());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 256, 9_223_372_036_854_775_807L})
  void aPongEchoingAPingConfirmsItsCount(long written) {
    ByteBuffer ping = Heartbeat.payload(written);
    byte[] pong = new byte[ping.remaining()];
    ping.get(pong);

    assertEquals(written, Heartbeat.confirmed(pong));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "candy-ws",
        "candy-ws:",
        "candy-ws:-1",
        "candy-ws:1x",
        "candy-wz:1",
        "candy-ws:99999999999999999999",
        "candy-ws:9223372036854775808",
        "app"
      })
  void otherPongsConfirmNothing(String pong) {
    assertEquals(-1, Heartbeat.confirmed(pong.getBytes(US_ASCII)));
  }
}
