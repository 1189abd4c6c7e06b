package dev.candypack.ws.impl.gate;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Counts the application's connections, in all and per client address, against {@code
 * candy.ws.max-connections} and {@code candy.ws.max-connections-per-ip}. A handshake reserves a
 * {@link Slot} before the upgrade; the slot is released once, when the upgrade fails or the
 * connection closes. An address's entry exists only while it holds a slot.
 */
public final class ConnectionSlots {

  /**
   * How long an upgraded handshake may take to reach its endpoint before its slot is given back.
   * The container may never open a connection whose client vanished right after the 101.
   */
  static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

  private final int maxConnections;
  private final int maxPerAddress;
  private final LongSupplier clock;
  private final AtomicInteger inUse = new AtomicInteger();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
  // Handed-over slots, oldest first; opened and released ones leave when they reach the head.
  private final Queue<Slot> handedOver = new ConcurrentLinkedQueue<>();
  private final ReentrantLock sweeping = new ReentrantLock();

  /**
   * Creates the counters.
   *
   * @param maxConnections connections of the application, 0 for no limit
   * @param maxPerAddress connections from one address, 0 for no limit
   */
  public ConnectionSlots(int maxConnections, int maxPerAddress) {
    this(maxConnections, maxPerAddress, System::nanoTime);
  }

  ConnectionSlots(int maxConnections, int maxPerAddress, LongSupplier clock) {
    if (maxConnections < 0 || maxPerAddress < 0) {
      throw new IllegalArgumentException("caps are 0 (none) or more");
    }
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
    this.clock = clock;
  }

  /**
   * Whether any cap is set. Without one, handshakes need no slot.
   *
   * @return whether {@link #reserve} can refuse
   */
  public boolean limited() {
    return maxConnections > 0 || maxPerAddress > 0;
  }

  /**
   * Reserves a slot for a handshake, or says which cap refuses it. The per-address cap is checked
   * first, so that an address over its own cap never takes a slot of the application's.
   *
   * @param address the client's address
   * @return the slot, or the cap it is over
   */
  public Reservation reserve(String address) {
    sweepLapsed();
    OverCap over = take(address);
    return over == null ? new Slot(this, address) : over;
  }

  /**
   * The slots held now: handshakes under way and open connections.
   *
   * @return the count
   */
  public int inUse() {
    return inUse.get();
  }

  /**
   * The slots one address holds now; counted only under a per-address cap.
   *
   * @param address the client's address
   * @return the count
   */
  public int inUse(String address) {
    return perAddress.getOrDefault(address, 0);
  }

  /**
   * How many addresses hold a slot; each has an entry only while it does.
   *
   * @return the count of entries
   */
  public int addresses() {
    return perAddress.size();
  }

  /** Takes a slot in the counters; {@code null} when taken, else the cap that refused. */
  OverCap take(String address) {
    if (maxPerAddress > 0 && !takeForAddress(address)) {
      return OverCap.ADDRESS;
    }
    while (true) {
      int current = inUse.get();
      if (maxConnections > 0 && current >= maxConnections) {
        if (maxPerAddress > 0) {
          giveBackForAddress(address);
        }
        return OverCap.APPLICATION;
      }
      if (inUse.compareAndSet(current, current + 1)) {
        return null;
      }
    }
  }

  void giveBack(String address) {
    inUse.decrementAndGet();
    if (maxPerAddress > 0) {
      giveBackForAddress(address);
    }
  }

  private boolean takeForAddress(String address) {
    boolean[] taken = {false};
    perAddress.compute(
        address,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerAddress) {
            return count;
          }
          taken[0] = true;
          return current + 1;
        });
    return taken[0];
  }

  private void giveBackForAddress(String address) {
    perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
  }

  long now() {
    return clock.getAsLong();
  }

  /** How many handed-over slots the sweep still keeps track of. */
  int tracked() {
    return handedOver.size();
  }

  void awaitingOpen(Slot slot) {
    handedOver.add(slot);
  }

  /**
   * Gives back the slots of upgrades that never reached their endpoint within the deadline. Each
   * slot is looked at about once on its way through the queue, so this costs little per handshake.
   */
  private void sweepLapsed() {
    if (handedOver.isEmpty() || !sweeping.tryLock()) {
      return;
    }
    try {
      long lapsedBefore = clock.getAsLong() - HANDSHAKE_DEADLINE.toNanos();
      Slot oldest;
      while ((oldest = handedOver.peek()) != null && oldest.doneWaiting(lapsedBefore)) {
        handedOver.poll();
      }
    } finally {
      sweeping.unlock();
    }
  }
}
