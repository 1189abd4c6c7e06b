package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InboundGateTest {

  private final InboundGate gate = new InboundGate(Long.MAX_VALUE, Integer.MAX_VALUE);
  private final List<Integer> ran = Collections.synchronizedList(new ArrayList<>());

  @Test
  void holdsEventsUntilOpenThenRunsThemInOrder() {
    gate.accept(() -> ran.add(1), 0);
    gate.accept(() -> ran.add(2), 0);
    assertEquals(List.of(), ran);

    gate.open();
    assertEquals(List.of(1, 2), ran);

    AtomicReference<Thread> runner = new AtomicReference<>();
    gate.accept(() -> runner.set(Thread.currentThread()), 0);
    assertSame(Thread.currentThread(), runner.get());
    gate.open();
    assertEquals(List.of(1, 2), ran);
  }

  @Test
  void discardDropsHeldEvents() {
    gate.accept(() -> ran.add(1), 0);

    gate.discard();
    gate.open();

    assertEquals(List.of(), ran);
  }

  @Test
  void holdsAtMostTheMaximumNumberOfEventsAndRefusesTheNext() {
    InboundGate small = new InboundGate(Long.MAX_VALUE, 3);
    for (int i = 1; i <= 3; i++) {
      int event = i;
      assertTrue(small.accept(() -> ran.add(event), 0));
    }

    assertFalse(small.accept(() -> ran.add(4), 0));

    small.open();
    assertEquals(List.of(1, 2, 3), ran);
  }

  @Test
  void holdsAtMostTheMaximumBytesWithTheCostOfEachEvent() {
    int cost = ConnectionLimits.FRAME_COST;
    InboundGate small = new InboundGate(2 * (10 + cost), Integer.MAX_VALUE);
    assertTrue(small.accept(() -> ran.add(1), 10));
    assertTrue(small.accept(() -> ran.add(2), 10));

    assertFalse(small.accept(() -> ran.add(3), 0), "an empty event costs its fixed cost");

    small.open();
    assertEquals(List.of(1, 2), ran);
  }

  @Test
  void anEventLargerThanTheWholeLimitIsRefusedWhileShutAndRunOnceOpen() {
    InboundGate small = new InboundGate(100, 1);
    assertFalse(small.accept(() -> ran.add(1), 100 - ConnectionLimits.FRAME_COST + 1));
    assertTrue(small.accept(() -> ran.add(2), 100 - ConnectionLimits.FRAME_COST));

    small.open();
    assertTrue(small.accept(() -> ran.add(3), 1_000_000));
    assertTrue(small.accept(() -> ran.add(4), 1_000_000));
    assertEquals(List.of(2, 3, 4), ran);
  }

  @Test
  void aDiscardedGateDropsLaterEventsAndStaysShut() {
    gate.discard();

    assertTrue(gate.accept(() -> ran.add(1), 0));
    gate.open();
    assertTrue(gate.accept(() -> ran.add(2), 0));

    assertEquals(List.of(), ran);
  }

  @Test
  void eventsArrivingWhileOpenFlushesKeepTheirOrder() throws InterruptedException {
    int heldBefore = 100;
    int whileFlushing = 1_000;
    int total = 2_000;
    CountDownLatch flushing = new CountDownLatch(1);
    CountDownLatch queuedWhileFlushing = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();

    gate.accept(
        () -> {
          flushing.countDown();
          await(queuedWhileFlushing, failure);
          ran.add(0);
        },
        0);
    for (int i = 1; i < heldBefore; i++) {
      gate.accept(event(i, running, maxRunning), 0);
    }
    Thread producer =
        new Thread(
            () -> {
              await(flushing, failure);
              for (int i = heldBefore; i < heldBefore + whileFlushing; i++) {
                gate.accept(event(i, running, maxRunning), 0);
              }
              queuedWhileFlushing.countDown();
              for (int i = heldBefore + whileFlushing; i < total; i++) {
                gate.accept(event(i, running, maxRunning), 0);
              }
            });
    Thread opener = new Thread(gate::open);
    producer.start();
    opener.start();
    producer.join();
    opener.join();

    assertNull(failure.get());
    assertEquals(IntStream.range(0, total).boxed().collect(Collectors.toList()), ran);
    assertEquals(1, maxRunning.get());
  }

  private Runnable event(int i, AtomicInteger running, AtomicInteger maxRunning) {
    return () -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      ran.add(i);
      running.decrementAndGet();
    };
  }

  private static void await(CountDownLatch latch, AtomicReference<Throwable> failure) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out");
    } catch (InterruptedException | AssertionError e) {
      failure.compareAndSet(null, e);
    }
  }
}
