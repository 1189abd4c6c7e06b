package dev.candypack.ws.hazelcast;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import dev.candypack.ws.spi.HistoryStore;
import dev.candypack.ws.spi.RelayContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history of each history room on the grid: one ringbuffer per room ({@code
 * candy-ws.<application>.history.<room>}), whose sequence is the room's offset on every node. Its
 * capacity and time to live come from the room's limits (a ringbuffer config added when the room is
 * first used). Each item is the message's UTF-8, sealed with the room's name, so that an item
 * cannot be moved to another room; an item that fails the check or is over the node's payload limit
 * is skipped and counted.
 *
 * <p>A node follows a room by reading it from its tail on: one pending read per followed room,
 * which Hazelcast completes when a message arrives. Every node, the sender's included, delivers the
 * room's messages from there, so all deliver them in the same order.
 */
final class RingHistory implements HistoryStore {

  private static final Logger LOG = Logger.getLogger(RingHistory.class.getName());
  private static final int BATCH = 100;

  private final Supplier<HazelcastInstance> grid;
  private final RelayContext node;
  private final Seal seal;
  private final String prefix;
  private final ScheduledExecutorService retries;
  private final Rejections rejections;
  private final Map<String, Following> followed = new ConcurrentHashMap<>();
  private final Set<String> configured = ConcurrentHashMap.newKeySet();

  RingHistory(
      Supplier<HazelcastInstance> grid,
      RelayContext node,
      Seal seal,
      String prefix,
      ScheduledExecutorService retries,
      Rejections rejections) {
    this.grid = grid;
    this.node = node;
    this.seal = seal;
    this.prefix = prefix + ".history.";
    this.retries = retries;
    this.rejections = rejections;
  }

  private final class Following {
    final String room;
    final Ringbuffer<byte[]> ring;
    final Follower follower;
    final int batch; // Hazelcast reads at most the capacity at once
    volatile boolean stopped;

    Following(String room, Ringbuffer<byte[]> ring, Follower follower, int capacity) {
      this.room = room;
      this.ring = ring;
      this.follower = follower;
      this.batch = Math.min(BATCH, capacity);
    }
  }

  private Ringbuffer<byte[]> ring(String room, Limits limits) {
    String name = prefix + room;
    HazelcastInstance hazelcast = grid.get();
    if (!configured.contains(name)) {
      try {
        hazelcast
            .getConfig()
            .addRingBufferConfig(
                new RingbufferConfig(name)
                    .setCapacity(limits.capacity())
                    .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, limits.ttlSeconds())));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "candy-ws: the grid refused the history limits of room "
                + room
                + " (another node configured it differently?); it keeps its current ones",
            e);
      }
      if (configured.size() > 100_000) {
        configured.clear(); // only saves adding the same config again
      }
      configured.add(name);
    }
    return hazelcast.getRingbuffer(name);
  }

  @Override
  public void append(String room, Limits limits, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    try {
      ring(room, limits)
          .addAsync(seal.seal(Seal.Kind.HISTORY, room, body), OverflowPolicy.OVERWRITE)
          .whenComplete(
              (sequence, failure) -> {
                if (failure != null) {
                  LOG.log(
                      Level.WARNING, "candy-ws: a message to room " + room + " was lost", failure);
                }
              });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "candy-ws: a message to room " + room + " was lost", e);
    }
  }

  @Override
  public void follow(String room, Limits limits, Follower follower) {
    Ringbuffer<byte[]> ring = ring(room, limits);
    Following following = new Following(room, ring, follower, limits.capacity());
    Following before = followed.put(room, following);
    if (before != null) {
      before.stopped = true;
    }
    long tail = ring.tailSequence(); // one round trip, when this node starts following the room
    follower.started(tail);
    next(following, tail + 1);
  }

  private void next(Following following, long sequence) {
    if (following.stopped) {
      return;
    }
    try {
      following
          .ring
          .readManyAsync(sequence, 1, following.batch, null)
          .whenComplete(
              (batch, failure) -> {
                try {
                  read(following, sequence, batch, failure);
                } catch (RuntimeException e) {
                  LOG.log(
                      Level.WARNING, "candy-ws: following room " + following.room + " failed", e);
                }
              });
    } catch (RuntimeException e) {
      read(following, sequence, null, e);
    }
  }

  private void read(
      Following following, long sequence, ReadResultSet<byte[]> batch, Throwable failure) {
    if (following.stopped) {
      return;
    }
    if (failure != null) {
      long head = staleHead(failure);
      if (head >= 0) {
        next(following, head); // this node read too slowly: skip what was dropped
        return;
      }
      LOG.log(
          Level.FINE,
          "candy-ws: reading room " + following.room + " failed; again in 1 s",
          failure);
      try {
        retries.schedule(() -> next(following, sequence), 1, TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        following.stopped = true; // the relay is stopping
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      String text = open(following.room, batch.get(i));
      if (text != null) {
        following.follower.message(batch.getSequence(i), text);
      }
    }
    next(following, batch.getNextSequenceToReadFrom());
  }

  /**
   * The oldest sequence still held, when a read started before it; {@code -1} for other failures.
   * Found by name: naming Hazelcast's exception type trips the build's lint on its annotations.
   */
  private static long staleHead(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals("com.hazelcast.ringbuffer.StaleSequenceException")) {
        try {
          return (Long) cause.getClass().getMethod("getHeadSeq").invoke(cause);
        } catch (ReflectiveOperationException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private String open(String room, byte[] sealed) {
    try {
      int length = seal.open(Seal.Kind.HISTORY, room, sealed);
      if (length > node.maxPayloadBytes()) {
        throw new IllegalArgumentException(
            "a payload of " + length + " bytes, over the limit of " + node.maxPayloadBytes());
      }
      return new String(sealed, 0, length, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      rejections.refused("a message in the history of room " + room, e.getMessage());
      return null;
    }
  }

  @Override
  public void unfollow(String room) {
    Following following = followed.remove(room);
    if (following != null) {
      following.stopped = true; // its pending read ends with the room's next message
    }
  }

  @Override
  public CompletionStage<List<Entry>> read(String room, Limits limits, long from, long to) {
    CompletableFuture<List<Entry>> result = new CompletableFuture<>();
    try {
      collect(
          ring(room, limits),
          room,
          limits.capacity(),
          Math.max(0, from),
          to,
          new ArrayList<>(),
          result);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private void collect(
      Ringbuffer<byte[]> ring,
      String room,
      int capacity,
      long from,
      long to,
      List<Entry> held,
      CompletableFuture<List<Entry>> result) {
    if (from > to) {
      result.complete(held);
      return;
    }
    int count = (int) Math.min(Math.min(1000, capacity), to - from + 1);
    CompletionStage<ReadResultSet<byte[]>> reading;
    try {
      reading = ring.readManyAsync(from, 0, count, null);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    reading.whenComplete(
        (batch, failure) -> {
          if (failure != null) {
            long head = staleHead(failure);
            if (head > from) {
              collect(ring, room, capacity, head, to, held, result);
            } else {
              result.completeExceptionally(failure);
            }
            return;
          }
          for (int i = 0; i < batch.size(); i++) {
            long sequence = batch.getSequence(i);
            String text = open(room, batch.get(i));
            if (text != null && sequence >= from && sequence <= to) {
              held.add(new Entry(sequence, text));
            }
          }
          if (batch.size() == 0) {
            result.complete(held); // nothing more is held
          } else {
            collect(ring, room, capacity, batch.getNextSequenceToReadFrom(), to, held, result);
          }
        });
  }

  void stop() {
    followed.values().forEach(following -> following.stopped = true);
    followed.clear();
  }
}
