package dev.candypack.ws.tck.routes;

import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** What the routes observed that a client cannot see directly: close events, arrivals. */
@ApplicationScoped
public class Probe {

  /** One close handler run: the connection, its status, and the rooms it still had. */
  public record Closed(String id, int code, String reason, Set<String> roomsAtClose) {}

  private final List<Closed> closed = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
  private final Map<String, List<String>> errors = new ConcurrentHashMap<>();

  void closed(String id, CloseStatus status, Set<String> rooms) {
    closed.add(new Closed(id, status.code(), status.reason(), rooms));
  }

  void failed(String id, Throwable error) {
    errors.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(error.toString());
  }

  /**
   * What the error handlers of a connection received.
   *
   * @param id the connection's id
   * @return the errors, in order
   */
  public List<String> errors(String id) {
    return List.copyOf(errors.getOrDefault(id, List.of()));
  }

  void onArrival(String id, CountDownLatch latch) {
    arrivals.put(id, latch);
  }

  /** Counts down the arrival latch of every waiting async connection. */
  void arrived() {
    arrivals.values().forEach(CountDownLatch::countDown);
  }

  /**
   * How many async handlers wait for {@link #arrived()}: a test lets them go only once they wait,
   * since a client may see its handshake done before the server has run the route's handler.
   *
   * @return the number of handlers waiting
   */
  public long waitingArrivals() {
    return arrivals.values().stream().filter(latch -> latch.getCount() > 0).count();
  }

  /**
   * The close handler runs seen for a connection.
   *
   * @param id the connection's id
   * @return the runs, in order
   */
  public List<Closed> closedRuns(String id) {
    return closed.stream().filter(c -> c.id().equals(id)).toList();
  }
}
