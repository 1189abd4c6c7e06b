package dev.candypack.ws.impl.dashboard;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.observe.RelayMeter;
import dev.candypack.ws.impl.observe.RouteMeter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Takes {@link Snapshot}s: reads the route and relay meters, the room sizes and the connections'
 * backlogs, and turns counts into rates against the previous snapshot. The dashboard's own route is
 * left out of every list. Used by one thread at a time.
 */
final class Sampler {

  /** How many rooms and how many slow readers a snapshot lists at most. */
  static final int TOP = 10;

  private static final Comparator<Snapshot.SlowReader> BY_BACKLOG =
      Comparator.comparingLong(Snapshot.SlowReader::backlogBytes);

  private final String ownRoute;
  private Map<String, long[]> previousRoutes = Map.of(); // in, out, bytes in, bytes out
  private long[] previousRelay; // published, received
  private long previousNanos;

  /**
   * Makes a sampler.
   *
   * @param ownRoute the dashboard's template, left out
   */
  Sampler(String ownRoute) {
    this.ownRoute = ownRoute;
  }

  /**
   * Takes a snapshot.
   *
   * @param nanos {@link System#nanoTime()} now, for the rates
   * @param time the wall-clock time now, in epoch milliseconds
   * @param meters every route's meter
   * @param relay the relay's meter
   * @param roomSizes the rooms and their member counts
   * @param sockets the open connections
   * @param watchers the dashboard's connections open now
   * @return the snapshot
   */
  Snapshot sample(
      long nanos,
      long time,
      Collection<RouteMeter> meters,
      RelayMeter relay,
      Map<String, Integer> roomSizes,
      Iterable<? extends CandySocket> sockets,
      int watchers) {
    double seconds = previousNanos == 0 ? 0 : (nanos - previousNanos) / 1e9;
    List<Snapshot.RouteSample> routes = new ArrayList<>();
    Map<String, long[]> counts = new HashMap<>();
    for (RouteMeter meter : meters) {
      if (meter.route().equals(ownRoute)) {
        continue;
      }
      long[] now = {
        meter.messagesReceived(), meter.messagesSent(), meter.bytesReceived(), meter.bytesSent()
      };
      counts.put(meter.route(), now);
      long[] before = previousRoutes.getOrDefault(meter.route(), now);
      Map<String, Long> refused = new LinkedHashMap<>();
      for (Map.Entry<Reason, Long> entry : meter.refusedByReason().entrySet()) {
        refused.put(entry.getKey().label(), entry.getValue());
      }
      routes.add(
          new Snapshot.RouteSample(
              meter.route(),
              meter.open(),
              meter.openedCount(),
              rate(now[0] - before[0], seconds),
              rate(now[1] - before[1], seconds),
              rate(now[2] - before[2], seconds),
              rate(now[3] - before[3], seconds),
              refused,
              meter.closedByCode()));
    }
    routes.sort(Comparator.comparing(Snapshot.RouteSample::route));
    long[] relayNow = {relay.publishedCount(), relay.receivedCount()};
    long[] relayBefore = previousRelay == null ? relayNow : previousRelay;
    Snapshot snapshot =
        new Snapshot(
            time,
            routes,
            largestRooms(roomSizes),
            roomSizes.size(),
            slowReaders(sockets),
            new Snapshot.RelaySample(
                relayNow[0],
                relayNow[1],
                relay.droppedCount(),
                rate(relayNow[0] - relayBefore[0], seconds),
                rate(relayNow[1] - relayBefore[1], seconds)),
            watchers);
    previousRoutes = counts;
    previousRelay = relayNow;
    previousNanos = nanos;
    return snapshot;
  }

  /** Per second, to one decimal; 0 without a previous snapshot. */
  private static double rate(long delta, double seconds) {
    return seconds <= 0 ? 0 : Math.round(delta * 10 / seconds) / 10.0;
  }

  private static List<Snapshot.RoomSample> largestRooms(Map<String, Integer> roomSizes) {
    return roomSizes.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .map(entry -> new Snapshot.RoomSample(entry.getKey(), entry.getValue()))
        .toList();
  }

  /**
   * The connections with the largest backlog, without a copy of the rest: a heap of the {@value
   * #TOP} largest so far.
   */
  private List<Snapshot.SlowReader> slowReaders(Iterable<? extends CandySocket> sockets) {
    PriorityQueue<Snapshot.SlowReader> largest = new PriorityQueue<>(TOP + 1, BY_BACKLOG);
    for (CandySocket socket : sockets) {
      if (!(socket instanceof Connection connection) || connection.route().equals(ownRoute)) {
        continue;
      }
      long backlog = connection.backlogBytes();
      if (backlog > 0 && (largest.size() < TOP || backlog > largest.peek().backlogBytes())) {
        largest.add(new Snapshot.SlowReader(connection.id(), connection.route(), backlog));
        if (largest.size() > TOP) {
          largest.poll();
        }
      }
    }
    List<Snapshot.SlowReader> sorted = new ArrayList<>(largest);
    sorted.sort(BY_BACKLOG.reversed());
    return sorted;
  }
}
