package dev.candypack.ws.impl.metrics;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.observe.ConnectionObserver;
import dev.candypack.ws.impl.observe.Observatory;
import dev.candypack.ws.impl.observe.RelayMeter;
import dev.candypack.ws.impl.observe.RouteMeter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Publishes an application's observatory to a {@link MeterSink}: per route template its gauges and
 * counters, and the relay's counters. Close codes get a series each as they first appear (at most
 * {@link RouteMeter#MAX_CLOSE_CODES} and {@code other}, as the meter bounds them).
 */
final class MetricsPublisher implements ConnectionObserver {

  static final Series CONNECTIONS = Series.gauge("candy_ws_connections", "Connections open now");
  static final Series OPENED =
      Series.counter("candy_ws_connections_opened", "Connections that opened");
  static final Series CLOSED =
      Series.counter("candy_ws_connections_closed", "Opened connections that closed, by code");
  static final Series REFUSED =
      Series.counter("candy_ws_refused", "Handshakes refused before or while opening, by reason");
  static final Series MESSAGES_RECEIVED =
      Series.counter("candy_ws_messages_received", "Whole messages received");
  static final Series MESSAGES_SENT =
      Series.counter("candy_ws_messages_sent", "Messages queued to peers");
  static final Series BYTES_RECEIVED =
      Series.counter("candy_ws_received_bytes", "Bytes of the messages received");
  static final Series BYTES_SENT =
      Series.counter("candy_ws_sent_bytes", "Bytes (characters for text) queued to peers");
  static final Series BACKLOG =
      Series.gauge("candy_ws_backlog_bytes", "Bytes queued to peers and not sent yet");
  static final Series RELAY_PUBLISHED =
      Series.counter("candy_ws_relay_published", "Messages published to the other nodes");
  static final Series RELAY_RECEIVED =
      Series.counter("candy_ws_relay_received", "Messages from other nodes delivered here");
  static final Series RELAY_DROPPED =
      Series.counter("candy_ws_relay_dropped", "Messages the relay refused or rejected");

  /** The label of {@link RouteMeter#OTHER_CODE}. */
  static final String OTHER_CODE = "other";

  private final Observatory observatory;
  private final ToLongFunction<String> backlog;
  private final MeterSink sink;
  private final Map<String, Set<Integer>> codesSeen = new ConcurrentHashMap<>();

  /**
   * @param observatory the application's counters
   * @param backlog the bytes queued to the open connections of a route template
   * @param sink where the series go
   */
  MetricsPublisher(Observatory observatory, ToLongFunction<String> backlog, MeterSink sink) {
    this.observatory = observatory;
    this.backlog = backlog;
    this.sink = sink;
  }

  /**
   * Registers the relay's series and those of each route, and watches for new close codes.
   *
   * @param routes the templates of the application's routes
   */
  void publish(Collection<String> routes) {
    RelayMeter relay = observatory.relay();
    sink.register(RELAY_PUBLISHED, Map.of(), relay::publishedCount);
    sink.register(RELAY_RECEIVED, Map.of(), relay::receivedCount);
    sink.register(RELAY_DROPPED, Map.of(), relay::droppedCount);
    routes.forEach(this::publishRoute);
    observatory.observe(this);
  }

  private void publishRoute(String template) {
    RouteMeter meter = observatory.route(template).meter();
    Map<String, String> route = Map.of("route", template);
    sink.register(CONNECTIONS, route, meter::open);
    sink.register(OPENED, route, meter::openedCount);
    sink.register(MESSAGES_RECEIVED, route, meter::messagesReceived);
    sink.register(MESSAGES_SENT, route, meter::messagesSent);
    sink.register(BYTES_RECEIVED, route, meter::bytesReceived);
    sink.register(BYTES_SENT, route, meter::bytesSent);
    sink.register(BACKLOG, route, () -> backlog.applyAsLong(template));
    for (Reason reason : Reason.values()) {
      sink.register(REFUSED, labels(template, "reason", reason.label()), count(meter, reason));
    }
    codesSeen.put(template, ConcurrentHashMap.newKeySet());
    registerNewCodes(template);
  }

  @Override
  public void closed(String route, CandySocket socket, CloseStatus status) {
    Set<Integer> seen = codesSeen.get(route);
    if (seen != null
        && seen.size() <= RouteMeter.MAX_CLOSE_CODES
        && !seen.contains(status.code())) {
      registerNewCodes(route);
    }
  }

  /** Registers a series for each code the route's meter counts and this publisher has not seen. */
  private void registerNewCodes(String template) {
    RouteMeter meter = observatory.route(template).meter();
    Set<Integer> seen = codesSeen.get(template);
    synchronized (seen) {
      for (int code : meter.closedByCode().keySet()) {
        if (seen.add(code)) {
          String label = code == RouteMeter.OTHER_CODE ? OTHER_CODE : Integer.toString(code);
          sink.register(CLOSED, labels(template, "code", label), () -> meter.closedCount(code));
        }
      }
    }
  }

  private static LongSupplier count(RouteMeter meter, Reason reason) {
    return () -> meter.refusedCount(reason);
  }

  private static Map<String, String> labels(String route, String name, String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("route", route);
    labels.put(name, value);
    return labels;
  }
}
