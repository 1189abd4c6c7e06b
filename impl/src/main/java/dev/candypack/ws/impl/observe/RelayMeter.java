package dev.candypack.ws.impl.observe;

import java.util.concurrent.atomic.LongAdder;

/** The cluster relay's counters: messages published to other nodes, received, and dropped. */
public final class RelayMeter {

  private final LongAdder published = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  /** A message went to the other nodes. */
  public void published() {
    published.increment();
  }

  /** A message from another node arrived and was delivered here. */
  public void received() {
    received.increment();
  }

  /** A message was lost: the relay refused to publish it, or one that arrived was rejected. */
  public void dropped() {
    dropped.increment();
  }

  /**
   * Messages published.
   *
   * @return the count
   */
  public long publishedCount() {
    return published.sum();
  }

  /**
   * Messages received from other nodes.
   *
   * @return the count
   */
  public long receivedCount() {
    return received.sum();
  }

  /**
   * Messages dropped.
   *
   * @return the count
   */
  public long droppedCount() {
    return dropped.sum();
  }
}
