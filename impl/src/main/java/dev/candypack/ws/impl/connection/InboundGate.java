package dev.candypack.ws.impl.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a connection's inbound events until its route handler has finished, then lets them through
 * in arrival order. Once open, events run on the caller's thread at once.
 */
final class InboundGate {

  private final Object lock = new Object();
  private List<Runnable> held = new ArrayList<>(0);

  /**
   * Runs an event now, or holds it while the gate is shut.
   *
   * @param event the event's delivery
   */
  void accept(Runnable event) {
    synchronized (lock) {
      if (held != null) {
        held.add(event);
        return;
      }
    }
    event.run();
  }

  /** Opens the gate: runs the held events in order, including any that arrive meanwhile. */
  void open() {
    while (true) {
      List<Runnable> batch;
      synchronized (lock) {
        if (held == null) {
          return;
        }
        if (held.isEmpty()) {
          held = null;
          return;
        }
        batch = held;
        held = new ArrayList<>(0);
      }
      batch.forEach(Runnable::run);
    }
  }

  /** Drops held events; the connection closed before its handler finished. */
  void discard() {
    synchronized (lock) {
      if (held != null) {
        held.clear();
      }
    }
  }
}
