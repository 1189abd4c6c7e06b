package dev.candypack.ws.impl.gate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's place under the caps, from its handshake to its close. The handshake filter
 * reserves it; the route's handshake hands it over to the connection to be; the endpoint holds it
 * once the connection opens and releases it when the connection closes. It is given back exactly
 * once, however the handshake or the connection ends:
 *
 * <ul>
 *   <li>the request is no upgrade to a route (a 404, a version the container refuses, another
 *       endpoint): the filter gives it back as soon as its chain returns ({@link #settle});
 *   <li>the connection opened: its close gives it back ({@link #release}), a close that refuses it
 *       (4001, 4003) included;
 *   <li>the upgrade happened but the container never opens the connection: it lapses {@link
 *       ConnectionSlots#HANDSHAKE_DEADLINE} later. Neither server was seen doing this; it keeps a
 *       container that does from holding places forever.
 * </ul>
 */
public final class Slot implements Reservation {

  private static final int RESERVED = 0;
  private static final int HANDED_OVER = 1;
  private static final int OPEN = 2;
  private static final int RELEASED = 3;

  private final ConnectionSlots slots;
  private final String address;
  private final AtomicInteger state = new AtomicInteger(RESERVED);
  private volatile long handedOverAt;

  Slot(ConnectionSlots slots, String address) {
    this.slots = slots;
    this.address = address;
  }

  /**
   * A route's handshake goes on with this slot: the connection it makes will hold it. Called by the
   * route's handshake, on the filter's thread.
   */
  public void handOver() {
    handedOverAt = slots.now();
    if (state.compareAndSet(RESERVED, HANDED_OVER)) {
      slots.awaitingOpen(this);
    }
  }

  /**
   * The filter's chain has returned. Without an upgrade, or when no route took the slot over, it is
   * given back now; otherwise the connection holds it.
   *
   * @param upgraded whether the response switched protocols (101)
   */
  public void settle(boolean upgraded) {
    if (!giveBackFrom(RESERVED) && !upgraded) {
      giveBackFrom(HANDED_OVER);
    }
  }

  /**
   * The connection has opened and holds the slot now. A slot that lapsed or was given back because
   * the upgrade looked failed is taken again, if the caps still allow one.
   *
   * @return {@code false} when the slot was gone and the caps are now full: refuse the connection
   */
  public boolean open() {
    if (state.compareAndSet(HANDED_OVER, OPEN) || state.compareAndSet(RESERVED, OPEN)) {
      return true;
    }
    // Only this connection moves a slot on from RELEASED, so the state cannot change under it.
    if (state.get() == RELEASED && slots.take(address) == null) {
      state.set(OPEN);
      return true;
    }
    return false;
  }

  /** Gives the slot back; later calls do nothing. */
  public void release() {
    if (state.getAndSet(RELEASED) != RELEASED) {
      slots.giveBack(address);
    }
  }

  /**
   * Whether the slot no longer waits for its connection to open, giving it back first when it was
   * handed over before the deadline.
   */
  boolean doneWaiting(long lapsedBefore) {
    if (state.get() == HANDED_OVER && handedOverAt - lapsedBefore < 0) {
      giveBackFrom(HANDED_OVER);
    }
    return state.get() != HANDED_OVER;
  }

  private boolean giveBackFrom(int expected) {
    if (state.compareAndSet(expected, RELEASED)) {
      slots.giveBack(address);
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return "Slot[" + address + ", " + state.get() + "]";
  }
}
