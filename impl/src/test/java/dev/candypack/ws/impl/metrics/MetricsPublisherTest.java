package dev.candypack.ws.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.observe.Observatory;
import dev.candypack.ws.impl.observe.RouteMeter;
import dev.candypack.ws.impl.observe.RouteWatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The series an observatory is published as, their labels and the values they read. */
class MetricsPublisherTest {

  private static final String ROOM = "/room/{roomId}/user/{userId}";

  /** Records each series under its Prometheus name and labels, as a scrape would print it. */
  static final class RecordingSink implements MeterSink {
    final Map<String, LongSupplier> series = new ConcurrentHashMap<>();
    boolean closed;

    @Override
    public void register(Series kind, Map<String, String> labels, LongSupplier value) {
      LongSupplier previous = series.put(key(kind.prometheusName(), labels), value);
      assertNull(previous, "registered twice: " + kind.prometheusName() + labels);
    }

    @Override
    public void close() {
      closed = true;
    }

    Long value(String name, Map<String, String> labels) {
      LongSupplier value = series.get(key(name, labels));
      return value == null ? null : value.getAsLong();
    }

    static String key(String name, Map<String, String> labels) {
      return name + new TreeMap<>(labels);
    }
  }

  private final Observatory observatory = new Observatory();
  private final RecordingSink sink = new RecordingSink();
  private final MetricsPublisher publisher =
      new MetricsPublisher(observatory, route -> route.equals(ROOM) ? 77 : 0, sink);

  @Test
  void publishesEverySeriesOfTheTableLabelledWithTheTemplate() {
    publisher.publish(List.of(ROOM, "/chat"));
    RouteWatch room = observatory.route(ROOM);
    room.opened(null);
    room.opened(null);
    room.closed(null, new CloseStatus(4000, "custom"));
    room.refused(Reason.TOKEN);
    room.refused(Reason.LIMIT);
    room.refused(Reason.LIMIT);
    room.meter().received(5);
    room.meter().received(3);
    room.meter().sent(11);
    observatory.relay().published();
    observatory.relay().received();
    observatory.relay().dropped();
    observatory.relay().dropped();

    Map<String, String> route = Map.of("route", ROOM);
    assertEquals(1L, sink.value("candy_ws_connections", route));
    assertEquals(2L, sink.value("candy_ws_connections_opened_total", route));
    assertEquals(
        1L, sink.value("candy_ws_connections_closed_total", Map.of("route", ROOM, "code", "4000")));
    assertEquals(
        1L, sink.value("candy_ws_refused_total", Map.of("route", ROOM, "reason", "token")));
    assertEquals(
        2L, sink.value("candy_ws_refused_total", Map.of("route", ROOM, "reason", "limit")));
    for (String reason : List.of("origin", "unauthorized", "forbidden", "guard")) {
      assertEquals(
          0L, sink.value("candy_ws_refused_total", Map.of("route", ROOM, "reason", reason)));
    }
    assertEquals(2L, sink.value("candy_ws_messages_received_total", route));
    assertEquals(8L, sink.value("candy_ws_received_bytes_total", route));
    assertEquals(1L, sink.value("candy_ws_messages_sent_total", route));
    assertEquals(11L, sink.value("candy_ws_sent_bytes_total", route));
    assertEquals(77L, sink.value("candy_ws_backlog_bytes", route));
    assertEquals(0L, sink.value("candy_ws_connections", Map.of("route", "/chat")));
    assertEquals(1L, sink.value("candy_ws_relay_published_total", Map.of()));
    assertEquals(1L, sink.value("candy_ws_relay_received_total", Map.of()));
    assertEquals(2L, sink.value("candy_ws_relay_dropped_total", Map.of()));
    // 7 per route, 6 refusal reasons per route, one close code, 3 relay counters.
    assertEquals(2 * (7 + 6) + 1 + 3, sink.series.size());
  }

  @Test
  void aCloseCodeGetsItsSeriesWhenFirstSeenAndTheRestCountAsOther() {
    publisher.publish(List.of(ROOM));
    RouteWatch room = observatory.route(ROOM);
    int codes = RouteMeter.MAX_CLOSE_CODES + 3;
    for (int i = 0; i < codes; i++) {
      room.opened(null);
      room.closed(null, new CloseStatus(4000 + i, ""));
    }
    room.opened(null);
    room.closed(null, new CloseStatus(4000, "again"));

    assertEquals(
        2L, sink.value("candy_ws_connections_closed_total", Map.of("route", ROOM, "code", "4000")));
    assertEquals(
        3L,
        sink.value("candy_ws_connections_closed_total", Map.of("route", ROOM, "code", "other")));
    long closeSeries =
        sink.series.keySet().stream()
            .filter(key -> key.startsWith("candy_ws_connections_closed_total"))
            .count();
    assertEquals(RouteMeter.MAX_CLOSE_CODES + 1, closeSeries);
  }

  @Test
  void codesClosedBeforePublishingArePublishedToo() {
    RouteWatch room = observatory.route(ROOM);
    room.opened(null);
    room.closed(null, new CloseStatus(CloseStatus.NORMAL, ""));

    publisher.publish(List.of(ROOM));

    assertEquals(
        1L, sink.value("candy_ws_connections_closed_total", Map.of("route", ROOM, "code", "1000")));
  }
}
