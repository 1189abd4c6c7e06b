package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.spi.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The history of each room in this node's memory, for an application without a cluster relay that
 * keeps one. Each room is a ring of at most its capacity; a message older than the room's time is
 * dropped when the room is next used. At most {@code maxRooms} rooms are kept: a new room over the
 * bound first drops the room that was appended to least recently and has no follower.
 */
public final class LocalHistoryStore implements HistoryStore {

  private static final Logger LOG = Logger.getLogger(LocalHistoryStore.class.getName());

  private final Map<String, Log> rooms = new ConcurrentHashMap<>();
  private final int maxRooms;
  private final LongSupplier nanoTime;

  /**
   * Creates an empty store.
   *
   * @param maxRooms the most rooms kept
   * @param nanoTime the clock of the messages' times
   */
  public LocalHistoryStore(int maxRooms, LongSupplier nanoTime) {
    this.maxRooms = maxRooms;
    this.nanoTime = nanoTime;
  }

  /** One room's ring; every method holds its monitor, so offsets and followers stay in order. */
  private static final class Log {
    private final String[] texts;
    private final long[] times;
    private final long ttlNanos;
    private long head; // offset of the oldest message held
    private long next; // offset of the next message
    private Follower follower;
    private volatile long lastUsed;

    Log(Limits limits, long now) {
      texts = new String[limits.capacity()];
      times = limits.ttlSeconds() > 0 ? new long[limits.capacity()] : null;
      ttlNanos = limits.ttlSeconds() * 1_000_000_000L;
      lastUsed = now;
    }

    synchronized void append(String text, long now) {
      int slot = (int) (next % texts.length);
      texts[slot] = text;
      if (times != null) {
        times[slot] = now;
      }
      next++;
      head = Math.max(head, next - texts.length);
      lastUsed = now;
      if (follower != null) {
        follower.message(next - 1, text);
      }
    }

    synchronized List<Entry> read(long from, long to, long now) {
      expire(now);
      List<Entry> held = new ArrayList<>();
      for (long offset = Math.max(from, head); offset <= to && offset < next; offset++) {
        held.add(new Entry(offset, texts[(int) (offset % texts.length)]));
      }
      return held;
    }

    private void expire(long now) {
      while (times != null && head < next && now - times[(int) (head % texts.length)] > ttlNanos) {
        texts[(int) (head % texts.length)] = null;
        head++;
      }
    }

    synchronized void follow(Follower follower) {
      this.follower = follower;
      follower.started(next - 1);
    }

    synchronized void unfollow() {
      follower = null;
    }

    synchronized boolean followed() {
      return follower != null;
    }
  }

  private Log log(String room, Limits limits) {
    Log log = rooms.get(room);
    if (log != null) {
      return log;
    }
    if (rooms.size() >= maxRooms) {
      evictOne();
    }
    return rooms.computeIfAbsent(room, name -> new Log(limits, nanoTime.getAsLong()));
  }

  private void evictOne() {
    String oldest = null;
    long oldestUse = Long.MAX_VALUE;
    for (Map.Entry<String, Log> entry : rooms.entrySet()) {
      Log log = entry.getValue();
      if (!log.followed() && log.lastUsed - oldestUse < 0) {
        oldest = entry.getKey();
        oldestUse = log.lastUsed;
      }
    }
    if (oldest != null) {
      String dropped = oldest;
      rooms.remove(dropped);
      LOG.fine(() -> "candy-ws: dropped the history of room " + dropped + " (history.max-rooms)");
    }
  }

  @Override
  public void append(String room, Limits limits, String text) {
    log(room, limits).append(text, nanoTime.getAsLong());
  }

  @Override
  public void follow(String room, Limits limits, Follower follower) {
    log(room, limits).follow(follower);
  }

  @Override
  public void unfollow(String room) {
    Log log = rooms.get(room);
    if (log != null) {
      log.unfollow();
    }
  }

  @Override
  public CompletionStage<List<Entry>> read(String room, Limits limits, long from, long to) {
    Log log = rooms.get(room);
    return CompletableFuture.completedFuture(
        log == null ? List.of() : log.read(from, to, nanoTime.getAsLong()));
  }

  /**
   * How many rooms the store holds.
   *
   * @return the count
   */
  public int roomCount() {
    return rooms.size();
  }
}
