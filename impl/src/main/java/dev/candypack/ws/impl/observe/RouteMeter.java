package dev.candypack.ws.impl.observe;

import dev.candypack.ws.event.CandyRefused.Reason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one route template. Each count is a {@link LongAdder}: many connections of a
 * route count at once without contending, and reading costs only the scrape.
 *
 * <p>Close codes are chosen by clients (any of 3000–4999), so at most {@value #MAX_CLOSE_CODES}
 * distinct codes are counted apart; later ones count under {@link #OTHER_CODE}.
 */
public final class RouteMeter {

  /** How many distinct close codes one route counts apart. */
  public static final int MAX_CLOSE_CODES = 32;

  /** The code that counts close codes past the first {@value #MAX_CLOSE_CODES}. */
  public static final int OTHER_CODE = 0;

  private final String route;
  private final LongAdder open = new LongAdder();
  private final LongAdder opened = new LongAdder();
  private final Map<Integer, LongAdder> closed = new ConcurrentHashMap<>();
  private final Map<Reason, LongAdder> refused = new EnumMap<>(Reason.class);
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();

  /**
   * Creates the counters of a route, all zero.
   *
   * @param route the route's template
   */
  public RouteMeter(String route) {
    this.route = route;
    for (Reason reason : Reason.values()) {
      refused.put(reason, new LongAdder());
    }
  }

  /**
   * The route's template, the label of every count.
   *
   * @return the template, such as {@code /room/{roomId}}
   */
  public String route() {
    return route;
  }

  void countOpened() {
    opened.increment();
    open.increment();
  }

  void countClosed(int code) {
    open.decrement();
    LongAdder count = closed.get(code);
    if (count == null) {
      count =
          closed.size() < MAX_CLOSE_CODES
              ? closed.computeIfAbsent(code, c -> new LongAdder())
              : closed.computeIfAbsent(OTHER_CODE, c -> new LongAdder());
    }
    count.increment();
  }

  void countRefused(Reason reason) {
    refused.get(reason).increment();
  }

  /**
   * Counts a whole message received.
   *
   * @param bytes its size
   */
  public void received(long bytes) {
    messagesReceived.increment();
    bytesReceived.add(bytes);
  }

  /**
   * Counts a message queued to a peer.
   *
   * @param bytes its size (characters for text)
   */
  public void sent(long bytes) {
    messagesSent.increment();
    bytesSent.add(bytes);
  }

  /**
   * Counts one message queued to several peers of this route at once: a fan-out adds here once per
   * route, not once per member.
   *
   * @param messages how many peers it was queued to
   * @param bytes their bytes together (characters for text)
   */
  public void sent(long messages, long bytes) {
    messagesSent.add(messages);
    bytesSent.add(bytes);
  }

  /**
   * The connections of this route open now.
   *
   * @return the count
   */
  public long open() {
    return open.sum();
  }

  /**
   * The connections of this route that have opened.
   *
   * @return the count since the application started
   */
  public long openedCount() {
    return opened.sum();
  }

  /**
   * The closes of opened connections, by close code ({@link #OTHER_CODE} for the rest).
   *
   * @return the counts, by ascending code
   */
  public Map<Integer, Long> closedByCode() {
    Map<Integer, Long> counts = new TreeMap<>();
    closed.forEach((code, count) -> counts.put(code, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * The closes counted under one code.
   *
   * @param code a close code, or {@link #OTHER_CODE}
   * @return the count, 0 for a code not seen
   */
  public long closedCount(int code) {
    LongAdder count = closed.get(code);
    return count == null ? 0 : count.sum();
  }

  /**
   * The refused handshakes for one reason.
   *
   * @param reason the reason
   * @return the count
   */
  public long refusedCount(Reason reason) {
    return refused.get(reason).sum();
  }

  /**
   * The refused handshakes, by reason; every reason is present.
   *
   * @return the counts
   */
  public Map<Reason, Long> refusedByReason() {
    Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    refused.forEach((reason, count) -> counts.put(reason, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Messages received whole.
   *
   * @return the count
   */
  public long messagesReceived() {
    return messagesReceived.sum();
  }

  /**
   * Bytes of the messages received whole.
   *
   * @return the count
   */
  public long bytesReceived() {
    return bytesReceived.sum();
  }

  /**
   * Messages queued to peers.
   *
   * @return the count
   */
  public long messagesSent() {
    return messagesSent.sum();
  }

  /**
   * Bytes of the messages queued to peers (characters for text).
   *
   * @return the count
   */
  public long bytesSent() {
    return bytesSent.sum();
  }
}
