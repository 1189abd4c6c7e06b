package dev.candypack.ws.impl.room;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.observe.RouteMeter;

/**
 * Counts one fan-out's deliveries: members of the same route in a row add to their meter once, so
 * that counting a room of a thousand costs a few additions, not a thousand.
 */
final class SentTally {

  private final long size;
  private RouteMeter meter;
  private long count;

  SentTally(OutboundMessage message) {
    this.size = message.size();
  }

  /**
   * Counts one delivery.
   *
   * @param queuedUnder the meter the member returned, or {@code null} when it counts nothing
   */
  void add(RouteMeter queuedUnder) {
    if (queuedUnder == null) {
      return;
    }
    if (queuedUnder != meter) {
      flush();
      meter = queuedUnder;
    }
    count++;
  }

  /** Adds what is counted so far to its meter. */
  void flush() {
    if (count > 0) {
      meter.sent(count, count * size);
      count = 0;
    }
  }
}
