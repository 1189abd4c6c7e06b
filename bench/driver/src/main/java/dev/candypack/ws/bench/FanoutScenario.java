package dev.candypack.ws.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * N subscribers in one room and a publisher, itself a member, sending to the room at a fixed rate.
 * Each message carries its number and the time it was due, so latency counts any wait behind a
 * server that does not keep up (no coordinated omission). Measures deliveries per second to the
 * subscribers, publish-to-receive latency, and deliveries that never came.
 */
final class FanoutScenario {

  private static final String PAD = "x".repeat(40);
  private static final AtomicInteger ROOMS = new AtomicInteger();

  /**
   * The result of one run.
   *
   * @param scenario the label of the scenario, such as {@code fanout}
   * @param twin such as {@code candy} or {@code raw}
   * @param subscribers N
   * @param rate messages per second published
   * @param published messages published
   * @param delivered deliveries to the subscribers
   * @param deliveriesPerSecond deliveries from the first publish to the last delivery
   * @param p50 publish to receive, microseconds
   * @param p99 publish to receive, microseconds
   * @param max publish to receive, microseconds
   * @param missing deliveries expected and never received
   */
  record Result(
      String scenario,
      String twin,
      int subscribers,
      int rate,
      long published,
      long delivered,
      double deliveriesPerSecond,
      long p50,
      long p99,
      long max,
      long missing) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-9s twin=%-6s subscribers=%d rate=%d/s offered=%d/s deliveries/s=%.0f"
              + " p50=%s p99=%s max=%s missing=%d",
          scenario,
          twin,
          subscribers,
          rate,
          (long) subscribers * rate,
          deliveriesPerSecond,
          Histogram.ms(p50),
          Histogram.ms(p99),
          Histogram.ms(max),
          missing);
    }
  }

  private FanoutScenario() {}

  /**
   * Runs the scenario in a room of its own.
   *
   * @param clients the client pool
   * @param server the server
   * @param scenario the label of the scenario
   * @param prefix the room route without the room, such as {@code /bench/room/}
   * @param twin the label of the route
   * @param subscribers N
   * @param rate messages per second
   * @param seconds how long to publish
   * @return the result
   * @throws Exception when the connections cannot be opened
   */
  static Result run(
      Clients clients,
      WsServer server,
      String scenario,
      String prefix,
      String twin,
      int subscribers,
      int rate,
      int seconds)
      throws Exception {
    URI room = server.ws(prefix + "r" + ROOMS.incrementAndGet() + "-" + twin);
    int messages = rate * seconds;
    Histogram latency = new Histogram();
    LongAdder delivered = new LongAdder();
    AtomicLong lastDelivery = new AtomicLong();
    Subscriber[] listeners = new Subscriber[subscribers];
    List<WebSocket> sockets =
        clients.openAll(
            room,
            subscribers,
            i -> listeners[i] = new Subscriber(messages, latency, delivered, lastDelivery));
    WebSocket publisher =
        clients
            .openAll(
                room,
                1,
                i ->
                    new Clients.TextListener() {
                      @Override
                      void onMessage(WebSocket webSocket, CharSequence text) {}
                    })
            .get(0);
    try {
      synchronize(publisher, listeners);
      long start = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(publisher);
      for (int i = 0; i < messages; i++) {
        long due = start + i * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        String text = "d," + i + "," + due + "," + PAD;
        // One send in flight: a server that stops reading makes these queue here, and the due
        // time in each message charges the wait to the server.
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
      }
      long expected = (long) subscribers * messages;
      long publishEnd = System.nanoTime();
      long lastProgress = publishEnd;
      long seen = -1;
      // A saturated server drains its backlog after the last publish: wait while deliveries
      // still arrive, up to two minutes.
      long deadline = publishEnd + TimeUnit.SECONDS.toNanos(120);
      while (delivered.sum() < expected && System.nanoTime() < deadline) {
        long now = delivered.sum();
        if (now != seen) {
          seen = now;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
          break; // nothing arrives any more
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
      long count = delivered.sum();
      long received = 0;
      for (Subscriber listener : listeners) {
        received += listener.distinct();
      }
      // From the first message's due time to the last delivery, but never less than the
      // publishing period itself: a server that keeps up delivers the offered rate.
      long end =
          Math.max(
              count == 0 ? System.nanoTime() : lastDelivery.get(), start + messages * interval);
      return new Result(
          scenario,
          twin,
          subscribers,
          rate,
          messages,
          count,
          count / ((end - start) / 1e9),
          latency.percentile(50),
          latency.percentile(99),
          latency.max(),
          expected - received);
    } finally {
      sockets.add(publisher);
      Clients.closeAll(sockets);
    }
  }

  /**
   * Publishes {@code s} frames until every subscriber has received one: the server has then run
   * every subscriber's join, and the measured messages reach all of them.
   */
  private static void synchronize(WebSocket publisher, Subscriber[] listeners) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      publisher.sendText("s", true).get(30, TimeUnit.SECONDS);
      TimeUnit.MILLISECONDS.sleep(200);
      boolean all = true;
      for (Subscriber listener : listeners) {
        all &= listener.synced();
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("subscribers did not all join the room in time");
      }
    }
  }

  /** One subscriber: which messages it got and how late. */
  private static final class Subscriber extends Clients.TextListener {

    private final int messages;
    private final Histogram latency;
    private final LongAdder delivered;
    private final AtomicLong lastDelivery;
    private final BitSet received;
    private volatile boolean synced;

    Subscriber(int messages, Histogram latency, LongAdder delivered, AtomicLong lastDelivery) {
      this.messages = messages;
      this.latency = latency;
      this.delivered = delivered;
      this.lastDelivery = lastDelivery;
      this.received = new BitSet(messages);
    }

    @Override
    void onMessage(WebSocket webSocket, CharSequence text) {
      long now = System.nanoTime();
      if (text.length() == 0 || text.charAt(0) != 'd') {
        synced = true;
        return;
      }
      int second = indexOf(text, ',', 2);
      int third = indexOf(text, ',', second + 1);
      int seq = (int) parse(text, 2, second);
      long due = parse(text, second + 1, third);
      latency.record(now - due);
      delivered.increment();
      lastDelivery.accumulateAndGet(now, Math::max);
      if (seq >= 0 && seq < messages) {
        synchronized (this) {
          received.set(seq);
        }
      }
    }

    boolean synced() {
      return synced;
    }

    synchronized long distinct() {
      return received.cardinality();
    }

    private static int indexOf(CharSequence text, char c, int from) {
      for (int i = from; i < text.length(); i++) {
        if (text.charAt(i) == c) {
          return i;
        }
      }
      return text.length();
    }

    private static long parse(CharSequence text, int from, int to) {
      long value = 0;
      boolean negative = from < to && text.charAt(from) == '-';
      for (int i = negative ? from + 1 : from; i < to; i++) {
        value = value * 10 + (text.charAt(i) - '0');
      }
      return negative ? -value : value;
    }
  }
}
