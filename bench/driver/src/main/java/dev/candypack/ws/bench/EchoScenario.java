package dev.candypack.ws.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C connections, each doing M round trips one after the other: send a text frame, wait for it to
 * come back, send the next. Measures messages per second over all connections and the round trip.
 */
final class EchoScenario {

  /** 64 characters, a small chat message. */
  static final String MESSAGE =
      "{\"type\":\"echo\",\"text\":\"hello, candy-ws; hello, raw endpoint\"}!";

  /**
   * The result of one run.
   *
   * @param twin such as {@code candy} or {@code raw}
   * @param connections C
   * @param roundTrips M
   * @param completed round trips that came back
   * @param messagesPerSecond completed round trips per second
   * @param p50 round trip, microseconds
   * @param p99 round trip, microseconds
   */
  record Result(
      String twin,
      int connections,
      int roundTrips,
      long completed,
      double messagesPerSecond,
      long p50,
      long p99) {

    boolean complete() {
      return completed == (long) connections * roundTrips;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-9s twin=%-6s connections=%d roundtrips=%d messages/s=%.0f p50=%s p99=%s%s",
          "echo",
          twin,
          connections,
          roundTrips,
          messagesPerSecond,
          Histogram.ms(p50),
          Histogram.ms(p99),
          complete() ? "" : " INCOMPLETE=" + completed);
    }
  }

  private EchoScenario() {}

  /**
   * Runs the scenario.
   *
   * @param clients the client pool
   * @param uri the echo route
   * @param twin the label of the route
   * @param connections C
   * @param roundTrips M
   * @param timeoutSeconds the longest the run may take
   * @return the result
   * @throws Exception when the connections cannot be opened
   */
  static Result run(
      Clients clients, URI uri, String twin, int connections, int roundTrips, long timeoutSeconds)
      throws Exception {
    Histogram latency = new Histogram();
    CountDownLatch done = new CountDownLatch(connections);
    AtomicLong completed = new AtomicLong();
    AtomicLong lastDone = new AtomicLong();
    Pinger[] pingers = new Pinger[connections];
    List<WebSocket> sockets =
        clients.openAll(
            uri,
            connections,
            i -> pingers[i] = new Pinger(roundTrips, latency, completed, done, lastDone));
    long start = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      pingers[i].start(sockets.get(i));
    }
    done.await(timeoutSeconds, TimeUnit.SECONDS);
    long end = done.getCount() == 0 ? lastDone.get() : System.nanoTime();
    Clients.closeAll(sockets);
    long count = completed.get();
    return new Result(
        twin,
        connections,
        roundTrips,
        count,
        count / ((end - start) / 1e9),
        latency.percentile(50),
        latency.percentile(99));
  }

  /** One connection's round trips. */
  private static final class Pinger extends Clients.TextListener {

    private final int roundTrips;
    private final Histogram latency;
    private final AtomicLong completed;
    private final CountDownLatch done;
    private final AtomicLong lastDone;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    private volatile long sentAt;
    private int count;

    Pinger(
        int roundTrips,
        Histogram latency,
        AtomicLong completed,
        CountDownLatch done,
        AtomicLong lastDone) {
      this.roundTrips = roundTrips;
      this.latency = latency;
      this.completed = completed;
      this.done = done;
      this.lastDone = lastDone;
    }

    synchronized void start(WebSocket socket) {
      send(socket);
    }

    @Override
    synchronized void onMessage(WebSocket socket, CharSequence text) {
      long now = System.nanoTime();
      latency.record(now - sentAt);
      completed.incrementAndGet();
      if (++count < roundTrips) {
        send(socket);
      } else {
        lastDone.accumulateAndGet(now, Math::max);
        done.countDown();
      }
    }

    private void send(WebSocket socket) {
      // The JDK client allows one send in flight; the previous one has almost always completed.
      sending =
          sending.thenCompose(
              previous -> {
                sentAt = System.nanoTime();
                return socket.sendText(MESSAGE, true);
              });
    }
  }
}
