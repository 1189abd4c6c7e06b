package dev.candypack.ws.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The log of a room that keeps a history: every message with its offset, the same on every node,
 * one more than the room's previous message. candy-ws keeps one in memory when there is no cluster;
 * a {@link CandyRelay} that also implements this interface (the Hazelcast relay does, with one
 * ringbuffer per room) makes offsets and history cluster-wide. The messages of a history room then
 * travel through the store, not through {@link CandyRelay#publish(RelayMessage)}: each node follows
 * the rooms it has members in and delivers what it reads, in offset order.
 *
 * <pre>{@code
 * long last = store.follow("feed/1", limits, follower); // follower.started(last) first, then
 * store.append("feed/1", limits, "{\"text\":\"hi\"}"); // follower.message(last + 1, …) on each node
 * store.read("feed/1", limits, 0, last).thenAccept(held -> …);
 * }</pre>
 */
public interface HistoryStore {

  /**
   * How much of a room's history is kept.
   *
   * @param capacity the most messages kept, at least 1
   * @param ttlSeconds how long a message is kept; 0 for as long as the capacity allows
   */
  record Limits(int capacity, long ttlSeconds) {

    /**
     * Checks the limits.
     *
     * @param capacity the most messages kept
     * @param ttlSeconds how long a message is kept, 0 for no time limit
     * @throws IllegalArgumentException when the capacity is below 1 or the time is negative
     */
    public Limits {
      if (capacity < 1 || ttlSeconds < 0) {
        throw new IllegalArgumentException(
            "a history keeps at least 1 message for 0 (no limit) or more seconds");
      }
    }
  }

  /**
   * A message of a room's log.
   *
   * @param offset its offset in the room
   * @param text the message, a JSON object without its offset
   */
  record Entry(long offset, String text) {}

  /** Receives a followed room's messages, in offset order, on one thread at a time. */
  interface Follower {

    /**
     * Following starts after this offset; called once, before any message.
     *
     * @param last the offset of the room's last message so far, {@code -1} for none
     */
    void started(long last);

    /**
     * The room's next message. An offset may skip ahead when messages were lost to this node (it
     * read too slowly and the history dropped them); it never goes back.
     *
     * @param offset the message's offset
     * @param text the message
     */
    void message(long offset, String text);
  }

  /**
   * Appends a message to a room's log; every node that follows the room receives it. Returns
   * without waiting for the network; a message that cannot be stored is dropped (and logged).
   *
   * @param room the room
   * @param limits how much of the room's history to keep
   * @param text the message, a JSON object
   */
  void append(String room, Limits limits, String text);

  /**
   * Starts following a room: {@link Follower#started(long)}, then each later message.
   *
   * @param room the room
   * @param limits how much of the room's history to keep
   * @param follower where its messages go
   */
  void follow(String room, Limits limits, Follower follower);

  /**
   * Stops following a room.
   *
   * @param room the room
   */
  void unfollow(String room);

  /**
   * The messages of a room the log still holds with offsets from {@code from} to {@code to}, in
   * order; those it no longer holds are missing from the start of the list.
   *
   * @param room the room
   * @param limits how much of the room's history to keep
   * @param from the first offset wanted
   * @param to the last offset wanted
   * @return the messages held
   */
  CompletionStage<List<Entry>> read(String room, Limits limits, long from, long to);
}
