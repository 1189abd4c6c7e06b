package dev.candypack.ws.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionSlotsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private ConnectionSlots slots(int max, int perAddress) {
    return new ConnectionSlots(max, perAddress, now::get);
  }

  private static Slot slot(Reservation reservation) {
    return assertInstanceOf(Slot.class, reservation);
  }

  /** A handshake that went all the way: reserved, handed over, upgraded, opened. */
  private static Slot opened(ConnectionSlots slots, String address) {
    Slot slot = slot(slots.reserve(address));
    slot.handOver();
    slot.settle(true);
    assertTrue(slot.open());
    return slot;
  }

  @Test
  void withoutCapsNothingIsLimited() {
    ConnectionSlots none = slots(0, 0);

    assertFalse(none.limited());
    for (int i = 0; i < 1000; i++) {
      slot(none.reserve("10.0.0.1"));
    }
    assertEquals(1000, none.inUse());
    assertEquals(0, none.addresses(), "no per-address entries without a per-address cap");
  }

  @Test
  void theApplicationsCapRefusesWith503AndAFreedSlotAdmitsTheNextAtOnce() {
    ConnectionSlots slots = slots(3, 0);
    Slot first = opened(slots, "10.0.0.1");
    opened(slots, "10.0.0.2");
    opened(slots, "10.0.0.3");

    Reservation fourth = slots.reserve("10.0.0.4");
    assertSame(OverCap.APPLICATION, fourth);
    assertEquals(503, OverCap.APPLICATION.status());
    assertEquals(3, slots.inUse());

    first.release();
    assertEquals(2, slots.inUse());
    opened(slots, "10.0.0.4");
    assertSame(OverCap.APPLICATION, slots.reserve("10.0.0.5"));
  }

  @Test
  void thePerAddressCapRefusesWith429AndOthersStillGetIn() {
    ConnectionSlots slots = slots(0, 2);
    Slot first = opened(slots, "10.0.0.1");
    opened(slots, "10.0.0.1");

    assertSame(OverCap.ADDRESS, slots.reserve("10.0.0.1"));
    assertEquals(429, OverCap.ADDRESS.status());
    opened(slots, "10.0.0.2");
    assertEquals(2, slots.inUse("10.0.0.1"));
    assertEquals(1, slots.inUse("10.0.0.2"));

    first.release();
    opened(slots, "10.0.0.1");
  }

  @Test
  void anAddressOverItsCapTakesNoSlotOfTheApplications() {
    ConnectionSlots slots = slots(3, 1);
    opened(slots, "10.0.0.1");
    for (int i = 0; i < 100; i++) {
      assertSame(OverCap.ADDRESS, slots.reserve("10.0.0.1"));
    }
    assertEquals(1, slots.inUse());
    opened(slots, "10.0.0.2");
    opened(slots, "10.0.0.3");
    assertSame(OverCap.APPLICATION, slots.reserve("10.0.0.4"));
    assertEquals(0, slots.inUse("10.0.0.4"), "a refusal by the application gives the address back");
    assertEquals(3, slots.addresses());
  }

  @Test
  void anAddressLeavesTheMapWhenItHoldsNoSlot() {
    ConnectionSlots slots = slots(0, 5);
    List<Slot> held = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      held.add(opened(slots, "10.0." + (i / 256) + "." + (i % 256)));
    }
    assertEquals(1000, slots.addresses());

    held.forEach(Slot::release);

    assertEquals(0, slots.addresses());
    assertEquals(0, slots.inUse());
  }

  @Test
  void aSlotIsGivenBackOnceHoweverOftenItIsReleased() {
    ConnectionSlots slots = slots(2, 2);
    Slot slot = opened(slots, "10.0.0.1");
    opened(slots, "10.0.0.1");

    slot.release();
    slot.release();
    slot.settle(false);
    slot.settle(true);

    assertEquals(1, slots.inUse());
    assertEquals(1, slots.inUse("10.0.0.1"));
  }

  @Test
  void aRequestNoRouteTookIsGivenBackWhenTheChainReturns() {
    ConnectionSlots slots = slots(1, 0);

    slot(slots.reserve("10.0.0.1")).settle(true); // another endpoint, or a 404
    slot(slots.reserve("10.0.0.1")).settle(false);

    assertEquals(0, slots.inUse());
  }

  @Test
  void aHandshakeThatWasNotUpgradedIsGivenBack() {
    ConnectionSlots slots = slots(1, 1);
    Slot slot = slot(slots.reserve("10.0.0.1"));
    slot.handOver();

    slot.settle(false); // the container answered 4xx after the route's handshake

    assertEquals(0, slots.inUse());
    assertEquals(0, slots.addresses());
  }

  @Test
  void aConnectionRefusedWhileOpeningGivesItsSlotBackOnClose() {
    ConnectionSlots slots = slots(1, 0);
    for (int i = 0; i < 100; i++) {
      Slot slot = opened(slots, "10.0.0.1"); // then closed with 4001
      slot.release();
    }
    assertEquals(0, slots.inUse());
  }

  @Test
  void theEndpointMayOpenBeforeTheFilterSettles() {
    ConnectionSlots slots = slots(1, 0);
    Slot slot = slot(slots.reserve("10.0.0.1"));
    slot.handOver();
    assertTrue(slot.open());

    slot.settle(true);
    assertEquals(1, slots.inUse());
    slot.release();
    assertEquals(0, slots.inUse());
  }

  @Test
  void anUpgradeThatNeverOpensLapsesAfterTheDeadline() {
    ConnectionSlots slots = slots(1, 1);
    Slot vanished = slot(slots.reserve("10.0.0.1"));
    vanished.handOver();
    vanished.settle(true);

    now.addAndGet(ConnectionSlots.HANDSHAKE_DEADLINE.toNanos() - 1);
    assertSame(OverCap.ADDRESS, slots.reserve("10.0.0.1"), "still within the deadline");
    now.addAndGet(2);
    Slot next = slot(slots.reserve("10.0.0.1"));

    assertEquals(1, slots.inUse());
    next.release();
    assertEquals(0, slots.inUse());
    assertEquals(0, slots.addresses());
  }

  @Test
  void theSweepForgetsOpenedAndClosedSlots() {
    ConnectionSlots slots = slots(0, 1);
    List<Slot> open = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      open.add(opened(slots, "10.0." + (i / 256) + "." + (i % 256)));
      if (i % 2 == 0) {
        open.remove(open.size() - 1).release();
      }
    }
    assertEquals(1, slots.tracked(), "the sweep ran on every reservation but the last");
    slot(slots.reserve("10.1.0.0")).release();
    assertEquals(0, slots.tracked());

    Slot waiting = slot(slots.reserve("10.1.0.1"));
    waiting.handOver();
    for (int i = 0; i < 100; i++) {
      opened(slots, "10.2.0." + i).release();
    }
    assertEquals(101, slots.tracked(), "the oldest still waits, within the deadline");
    assertTrue(waiting.open());
    slot(slots.reserve("10.1.0.2")).release();
    assertEquals(0, slots.tracked());
  }

  @Test
  void aLateOpenTakesASlotAgainWhenOneIsFree() {
    ConnectionSlots slots = slots(1, 0);
    Slot late = slot(slots.reserve("10.0.0.1"));
    late.handOver();
    late.settle(false); // looked failed

    assertTrue(late.open());
    assertEquals(1, slots.inUse());
    late.release();
    assertEquals(0, slots.inUse());
  }

  @Test
  void aLateOpenIsRefusedWhenTheCapsAreFullByThen() {
    ConnectionSlots slots = slots(1, 0);
    Slot late = slot(slots.reserve("10.0.0.1"));
    late.handOver();
    late.settle(true);
    now.addAndGet(ConnectionSlots.HANDSHAKE_DEADLINE.toNanos() + 1);
    Slot other = opened(slots, "10.0.0.2"); // sweeps the lapsed one first

    assertFalse(late.open());
    late.release(); // its close
    assertEquals(1, slots.inUse());
    other.release();
    assertEquals(0, slots.inUse());
  }

  @Test
  void concurrentHandshakesNeverPassTheCapsAndLeaveNothingBehind() throws Exception {
    ConnectionSlots slots = slots(20, 4);
    int threads = 8;
    int rounds = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong overCap = new AtomicLong();
    AtomicLong maxSeen = new AtomicLong();
    AtomicLong maxSeenForAddress = new AtomicLong();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Slot> held = new ArrayList<>();
                  for (int i = 0; i < rounds; i++) {
                    String address = "10.0.0." + ((thread + i) % 7);
                    Reservation reservation = slots.reserve(address);
                    if (reservation instanceof Slot slot) {
                      maxSeen.accumulateAndGet(slots.inUse(), Math::max);
                      maxSeenForAddress.accumulateAndGet(slots.inUse(address), Math::max);
                      slot.handOver();
                      slot.settle(i % 5 != 0);
                      if (i % 5 != 0 && slot.open()) {
                        held.add(slot);
                      }
                    } else {
                      overCap.incrementAndGet();
                    }
                    if (held.size() > 3 || i % 3 == 0) {
                      held.forEach(Slot::release);
                      held.clear();
                    }
                  }
                  held.forEach(Slot::release);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(maxSeen.get() <= 20, "never more than the cap: " + maxSeen.get());
    assertTrue(maxSeenForAddress.get() <= 4, "never more than the cap: " + maxSeenForAddress);
    assertTrue(overCap.get() > 0, "the caps were reached");
    assertEquals(0, slots.inUse());
    assertEquals(0, slots.addresses());
  }
}
