package dev.candypack.ws.impl.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a connection's inbound events until its route handler has finished, then lets them through
 * in arrival order. Once open, events run on the caller's thread at once.
 *
 * <p>What it holds is bounded like the outbound backlog: in events, and in bytes, each event
 * costing its payload plus {@link ConnectionLimits#FRAME_COST}. Package-private and never handed
 * out, so it locks on itself.
 */
final class InboundGate {

  /** The gate of a closed connection: events are dropped. */
  private static final List<Runnable> DISCARDED = List.of();

  private final long maxBytes;
  private final int maxEvents;
  // The events held while shut; null once open, DISCARDED once the connection closed.
  private List<Runnable> held = new ArrayList<>(0);
  private long heldBytes;

  /**
   * Creates a shut gate.
   *
   * @param maxBytes how many bytes it may hold, the cost per event included
   * @param maxEvents how many events it may hold
   */
  InboundGate(long maxBytes, int maxEvents) {
    this.maxBytes = maxBytes;
    this.maxEvents = maxEvents;
  }

  /**
   * Runs an event now, holds it while the gate is shut, or drops it once discarded.
   *
   * @param event the event's delivery
   * @param bytes the size of the event's payload
   * @return {@code false} when the gate is shut and holding the event would go over its limits: the
   *     event is dropped, and the connection should close
   */
  boolean accept(Runnable event, long bytes) {
    synchronized (this) {
      if (held == DISCARDED) {
        return true;
      }
      if (held != null) {
        long cost = bytes + ConnectionLimits.FRAME_COST;
        if (held.size() >= maxEvents || heldBytes + cost > maxBytes) {
          return false;
        }
        held.add(event);
        heldBytes += cost;
        return true;
      }
    }
    event.run();
    return true;
  }

  /** Opens the gate: runs the held events in order, including any that arrive meanwhile. */
  void open() {
    while (true) {
      List<Runnable> batch;
      synchronized (this) {
        if (held == null || held == DISCARDED) {
          return;
        }
        if (held.isEmpty()) {
          held = null;
          return;
        }
        batch = held;
        held = new ArrayList<>(0);
        heldBytes = 0;
      }
      batch.forEach(Runnable::run);
    }
  }

  /** Drops held events and every later one; the connection closed. */
  synchronized void discard() {
    held = DISCARDED;
    heldBytes = 0;
  }
}
