package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.HistoryGap;
import dev.candypack.ws.PresenceChange;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.delivery.HistorySettings;
import dev.candypack.ws.impl.policy.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's presence and history-room calls, on a runtime without a cluster. */
class ConnectionDeliveryTest {

  private final CandyRuntime runtime = new CandyRuntime();

  {
    runtime.useExecutor(Runnable::run);
    runtime
        .fanout()
        .startHistory(
            HistorySettings.from(
                new SettingsReader(
                    key ->
                        Optional.ofNullable(
                            Map.of("candy.ws.history.rooms", "feed/:3").get(key)))));
  }

  private final StubTransport aTransport = new StubTransport(Mode.INLINE);
  private final StubTransport bTransport = new StubTransport(Mode.INLINE);
  private final Connection a = connect("a", aTransport);
  private final Connection b = connect("b", bTransport);

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  private Connection connect(String id, StubTransport transport) {
    Connection connection =
        new Connection(
            id,
            "/feed",
            transport,
            runtime,
            new ConnectionLimits(
                Long.MAX_VALUE, new RateLimiter(0, 60_000, 1), Long.MAX_VALUE, 1024, 8, 100));
    connection.opened();
    return connection;
  }

  @Test
  void aSocketThatComesBackGetsWhatItMissedAndIsToldWhenSomeIsGone() {
    a.join("feed/x");
    for (int i = 0; i < 5; i++) {
      a.to("feed/x").send(Map.of("n", i));
    }
    b.join("feed/x", 2);
    assertEquals(List.of("{\"n\":3,\"offset\":3}", "{\"n\":4,\"offset\":4}"), bTransport.frames());
    Connection c = connect("c", new StubTransport(Mode.INLINE));
    List<HistoryGap> gaps = new ArrayList<>();
    c.onHistoryGap(gaps::add);
    c.join("feed/x", 0);
    assertEquals(List.of(new HistoryGap("feed/x", 0, 2)), gaps, "the handler, not a message");
    StubTransport dTransport = new StubTransport(Mode.INLINE);
    Connection d = connect("d", dTransport);
    d.join("feed/x", 0);
    assertEquals(
        List.of(
            "{\"type\":\"reset\",\"roomId\":\"feed/x\",\"since\":0,\"oldest\":2}",
            "{\"n\":2,\"offset\":2}",
            "{\"n\":3,\"offset\":3}",
            "{\"n\":4,\"offset\":4}"),
        dTransport.frames());
    assertThrows(IllegalArgumentException.class, () -> a.to("feed/x").send("not an object"));
    assertThrows(IllegalArgumentException.class, () -> a.to("feed/x").sendBinary(new byte[1]));
  }

  @Test
  void aJoinWithAnOffsetToAPlainRoomIsAPlainJoin() {
    b.join("plain", 5);
    a.to("plain").send(Map.of("n", 1));
    assertEquals(List.of("{\"n\":1}"), bTransport.frames());
  }

  @Test
  void presenceFollowsEnterLeaveAndClose() {
    List<PresenceChange> changes = new ArrayList<>();
    a.enter("lobby", "ann");
    a.onPresence("lobby", changes::add);
    b.enter("lobby", "bob");
    assertEquals(Map.of("ann", 1, "bob", 1), runtime.server().room("lobby").presence());
    assertThrows(IllegalArgumentException.class, () -> b.enter("lobby", "eve"));
    assertThrows(IllegalArgumentException.class, () -> b.enter("other", "a-very-long-id"));
    assertThrows(IllegalArgumentException.class, () -> b.onPresence("elsewhere", changes::add));
    b.closed(new CloseStatus(1000, ""));
    a.leave("lobby");
    b.enter("lobby", "bob"); // closed: counts nowhere
    assertEquals(
        List.of(
            new PresenceChange("lobby", "bob", true), new PresenceChange("lobby", "bob", false)),
        changes);
    assertEquals(Map.of(), runtime.server().room("lobby").presence());
  }
}
