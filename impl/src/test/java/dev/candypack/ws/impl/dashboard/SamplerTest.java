package dev.candypack.ws.impl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.connection.TestLimits;
import dev.candypack.ws.impl.connection.Transport;
import dev.candypack.ws.impl.observe.Observatory;
import dev.candypack.ws.impl.observe.RelayMeter;
import dev.candypack.ws.impl.observe.RouteWatch;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplerTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long START = 5 * SECOND;

  private final Observatory observatory = new Observatory();
  private final Sampler sampler = new Sampler(Dashboard.PATH);
  private final CandyRuntime runtime = new CandyRuntime();

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  private Snapshot sample(long nanos) {
    return sample(nanos, Map.of(), List.of());
  }

  private Snapshot sample(
      long nanos, Map<String, Integer> rooms, Iterable<? extends CandySocket> sockets) {
    return sampler.sample(
        nanos, 1234, observatory.meters(), observatory.relay(), rooms, sockets, 1);
  }

  private static CandySocket socket() {
    return (CandySocket)
        Proxy.newProxyInstance(
            CandySocket.class.getClassLoader(),
            new Class<?>[] {CandySocket.class},
            (proxy, method, args) -> null);
  }

  private static void count(RouteWatch watch, int received, int sent) {
    for (int i = 0; i < received; i++) {
      watch.meter().received(10);
    }
    for (int i = 0; i < sent; i++) {
      watch.meter().sent(100);
    }
  }

  @Test
  void ratesArePerSecondSinceThePreviousSnapshotAndZeroInTheFirst() {
    RouteWatch chat = observatory.route("/chat");
    count(chat, 7, 3);

    Snapshot.RouteSample first = sample(START).routes().get(0);
    assertEquals(0.0, first.inPerSecond());
    assertEquals(0.0, first.outPerSecond());

    count(chat, 10, 40);
    Snapshot.RouteSample second = sample(START + 2 * SECOND).routes().get(0);
    assertEquals(5.0, second.inPerSecond());
    assertEquals(20.0, second.outPerSecond());
    assertEquals(50.0, second.bytesInPerSecond());
    assertEquals(2000.0, second.bytesOutPerSecond());

    count(chat, 1, 0);
    Snapshot.RouteSample third = sample(START + 2 * SECOND + 300_000_000L).routes().get(0);
    assertEquals(3.3, third.inPerSecond(), "1 in 0.3 s, to one decimal");
    assertEquals(0.0, third.outPerSecond());
  }

  @Test
  void aRouteSeenForTheFirstTimeStartsAtZero() {
    sample(START);
    count(observatory.route("/late"), 50, 0);

    assertEquals(0.0, sample(START + SECOND).routes().get(0).inPerSecond());
  }

  @Test
  void showsOpenOpenedRefusalsAndClosesOfEveryRouteButItsOwnSortedByTemplate() {
    RouteWatch chat = observatory.route("/chat");
    CandySocket a = socket();
    CandySocket b = socket();
    chat.opened(a);
    chat.opened(b);
    chat.opened(socket());
    chat.closed(a, new CloseStatus(1000, ""));
    chat.closed(b, new CloseStatus(4001, ""));
    chat.refused(Reason.ORIGIN);
    chat.refused(Reason.ORIGIN);
    chat.refused(Reason.LIMIT);
    observatory.route("/binary").opened(socket());
    RouteWatch own = observatory.route(Dashboard.PATH);
    own.opened(socket());
    count(own, 5, 5);

    Snapshot snapshot = sample(START);

    assertEquals(
        List.of("/binary", "/chat"),
        snapshot.routes().stream().map(Snapshot.RouteSample::route).toList());
    Snapshot.RouteSample route = snapshot.routes().get(1);
    assertEquals(1, route.open());
    assertEquals(3, route.opened());
    assertEquals(Map.of(1000, 1L, 4001, 1L), route.closed());
    assertEquals(2L, route.refused().get("origin"));
    assertEquals(1L, route.refused().get("limit"));
    assertEquals(0L, route.refused().get("forbidden"));
    assertEquals(Reason.values().length, route.refused().size());
  }

  @Test
  void listsTheTenLargestRoomsLargestFirstAndCountsAll() {
    Map<String, Integer> rooms = new HashMap<>();
    IntStream.rangeClosed(1, 15).forEach(i -> rooms.put("room-" + i, i));
    rooms.put("a-tie", 15);

    Snapshot snapshot = sample(START, rooms, List.of());

    assertEquals(16, snapshot.roomCount());
    assertEquals(Sampler.TOP, snapshot.rooms().size());
    assertEquals(new Snapshot.RoomSample("a-tie", 15), snapshot.rooms().get(0));
    assertEquals(new Snapshot.RoomSample("room-15", 15), snapshot.rooms().get(1));
    assertEquals(new Snapshot.RoomSample("room-7", 7), snapshot.rooms().get(9));
  }

  @Test
  void listsTheTenConnectionsWithTheLargestBacklogButNotTheDashboards() {
    List<Connection> connections =
        IntStream.rangeClosed(0, 14).mapToObj(i -> connection("c" + i, "/chat", i * 100)).toList();
    Connection watcher = connection("watcher", Dashboard.PATH, 1_000_000);
    List<Connection> all = new java.util.ArrayList<>(connections);
    all.add(watcher);

    List<Snapshot.SlowReader> slow = sample(START, Map.of(), all).slowReaders();

    assertEquals(Sampler.TOP, slow.size());
    assertEquals("c14", slow.get(0).id());
    assertEquals("/chat", slow.get(0).route());
    assertEquals(connections.get(14).backlogBytes(), slow.get(0).backlogBytes());
    assertTrue(slow.get(0).backlogBytes() >= 1400, "the payload and the cost per message");
    assertEquals("c5", slow.get(9).id());
  }

  @Test
  void connectionsWithNothingWaitingAreNoSlowReaders() {
    assertEquals(
        List.of(), sample(START, Map.of(), List.of(connection("idle", "/chat", 0))).slowReaders());
  }

  @Test
  void relayRatesComeFromSuccessiveSnapshotsToo() {
    RelayMeter relay = observatory.relay();
    relay.published();
    sample(START);
    for (int i = 0; i < 4; i++) {
      relay.published();
      relay.received();
    }
    relay.dropped();

    Snapshot.RelaySample sample = sample(START + 2 * SECOND).relay();

    assertEquals(new Snapshot.RelaySample(5, 4, 1, 2.0, 2.0), sample);
  }

  @Test
  void theJsonHasEveryPartTheSameWay() {
    RouteWatch chat = observatory.route("/room/{roomId}");
    chat.opened(socket());
    chat.refused(Reason.FORBIDDEN);

    JsonObject json =
        Json.createReader(
                new StringReader(
                    sample(
                            START,
                            Map.of("lobby", 2),
                            List.of(connection("slow \"one\"", "/chat", 10)))
                        .toJson()))
            .readObject();

    assertEquals("snapshot", json.getString("type"));
    assertEquals(1234, json.getJsonNumber("time").longValue());
    JsonObject route = json.getJsonArray("routes").getJsonObject(0);
    assertEquals("/room/{roomId}", route.getString("route"));
    assertEquals(1, route.getInt("open"));
    assertEquals(1, route.getJsonObject("refused").getInt("forbidden"));
    assertEquals(0, route.getJsonNumber("inPerSecond").intValue());
    assertEquals("lobby", json.getJsonArray("rooms").getJsonObject(0).getString("name"));
    assertEquals(1, json.getInt("roomCount"));
    assertEquals("slow \"one\"", json.getJsonArray("slowReaders").getJsonObject(0).getString("id"));
    assertEquals(0, json.getJsonObject("relay").getInt("published"));
    assertEquals(1, json.getInt("watchers"));
  }

  @Test
  void closesAreCountedByCodeAsJsonKeys() {
    RouteWatch chat = observatory.route("/chat");
    CandySocket a = socket();
    chat.opened(a);
    chat.closed(a, new CloseStatus(1001, ""));

    JsonObject json = Json.createReader(new StringReader(sample(START).toJson())).readObject();

    assertEquals(
        1, json.getJsonArray("routes").getJsonObject(0).getJsonObject("closed").getInt("1001"));
  }

  /** A connection whose peer never reads: whatever is sent waits, in flight or queued. */
  private Connection connection(String id, String route, int payload) {
    Connection connection =
        new Connection(id, route, new NeverSends(), runtime, TestLimits.unlimited());
    if (payload > 0) {
      connection.send("x".repeat(payload));
    }
    return connection;
  }

  private static final class NeverSends implements Transport {
    @Override
    public void sendText(String text, Consumer<Throwable> done) {}

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {}

    @Override
    public void ping(ByteBuffer payload) {}

    @Override
    public void close(int code, String reason) {}

    @Override
    public void closeNow(int code, String reason) {}

    @Override
    public void end() {}

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
