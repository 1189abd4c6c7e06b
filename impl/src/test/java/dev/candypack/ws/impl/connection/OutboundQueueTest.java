package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundQueueTest {

  private static final int COST = ConnectionLimits.FRAME_COST;

  @Test
  void framesLeaveInOrderOneAtATime() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);

    queue.send(text("a"));
    queue.send(text("b"));
    queue.ping();
    queue.send(text("c"));

    assertEquals(List.of("a"), transport.frames());
    assertEquals(3, queue.pending());
    transport.completeNext();
    assertEquals(List.of("a", "b"), transport.frames());
    transport.completeNext();
    assertEquals(List.of("a", "b", "ping", "c"), transport.frames());
    transport.completeNext();
    assertEquals(0, queue.pending());
    assertEquals(0, transport.held());
    assertEquals(1, transport.maxInFlight());
  }

  @Test
  void upToTheTransportsWindowOfMessagesAreWithItAtOnceInOrder() {
    StubTransport transport = new StubTransport(Mode.HELD).window(3);
    OutboundQueue queue = queue(transport);

    for (String text : List.of("a", "b", "c", "d", "e")) {
      queue.send(text(text));
    }

    assertEquals(List.of("a", "b", "c"), transport.frames());
    assertEquals(5, queue.backlogMessages());
    transport.completeNext();
    assertEquals(List.of("a", "b", "c", "d"), transport.frames());
    transport.completeNext();
    transport.completeNext();
    transport.completeNext();
    transport.completeNext();
    assertEquals(List.of("a", "b", "c", "d", "e"), transport.frames());
    assertEquals(0, queue.backlogMessages());
    assertEquals(0, queue.backlogBytes());
    assertEquals(3, transport.maxInFlight());
  }

  @Test
  void pingsAndTheCloseWaitUntilEveryMessageBeforeThemHasCompleted() {
    StubTransport transport = new StubTransport(Mode.HELD).window(4);
    OutboundQueue queue = queue(transport);

    queue.send(text("a"));
    queue.send(text("b"));
    queue.ping();
    queue.send(text("c"));
    queue.close(4000, "bye");
    queue.send(text("dropped"));

    assertEquals(List.of("a", "b"), transport.frames());
    transport.completeNext();
    assertEquals(List.of("a", "b"), transport.frames(), "the ping waits for b");
    transport.completeNext();
    assertEquals(List.of("a", "b", "ping", "c"), transport.frames());
    transport.completeNext();
    assertEquals(List.of("a", "b", "ping", "c", "close 4000 bye"), transport.frames());
    assertEquals(0, transport.held());
  }

  @Test
  void aContainerThatRefusesASecondSendGetsOneAtATimeAndLosesNothing() {
    StubTransport transport = new StubTransport(Mode.HELD).window(4).refusingSecondSend();
    OutboundQueue queue = queue(transport);

    queue.send(text("a"));
    queue.send(text("b"));
    queue.send(text("c"));

    assertEquals(List.of("a"), transport.frames());
    transport.completeNext();
    assertEquals(List.of("a", "b"), transport.frames());
    transport.completeNext();
    transport.completeNext();
    assertEquals(List.of("a", "b", "c"), transport.frames());
    assertEquals(0, queue.backlogMessages());
    assertEquals(0, queue.backlogBytes());
    assertEquals(1, transport.maxInFlight());
  }

  @Test
  void binaryMessageIsSentWholeEveryTime() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    OutboundQueue queue = queue(transport);
    var binary = new OutboundMessage.Binary(ByteBuffer.wrap("bytes".getBytes(UTF_8)));

    queue.send(binary);
    queue.send(binary);

    assertEquals(List.of("binary bytes", "binary bytes"), transport.frames());
  }

  @Test
  void inlineCompletionOfManyQueuedFramesDoesNotRecurse() throws InterruptedException {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    queue.send(text("first"));
    for (int i = 0; i < 10_000; i++) {
      queue.send(text(Integer.toString(i)));
    }
    transport.mode(Mode.INLINE);
    AtomicReference<Throwable> failure = new AtomicReference<>();

    // A small stack makes recursion fail fast; the whole queue drains from this one completion.
    Thread completer =
        new Thread(
            null,
            () -> {
              try {
                transport.completeNext();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "completer",
            256 * 1024);
    completer.start();
    completer.join();

    assertEquals(null, failure.get());
    List<String> expected = new ArrayList<>(List.of("first"));
    IntStream.range(0, 10_000).forEach(i -> expected.add(Integer.toString(i)));
    assertEquals(expected, transport.frames());
    assertEquals(0, queue.pending());
    assertEquals(1, transport.maxInFlight());
  }

  @Test
  void closeGoesAfterQueuedFramesAndLaterFramesAreDropped() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);

    queue.send(text("a"));
    queue.send(text("b"));
    queue.close(1000, "bye");
    queue.send(text("dropped before close is sent"));
    transport.completeNext();
    transport.completeNext();
    queue.send(text("dropped after close is sent"));
    queue.ping();

    assertEquals(List.of("a", "b", "close 1000 bye"), transport.frames());
    assertEquals(0, transport.held());
    assertEquals(0, queue.pending());
  }

  @Test
  void failingSendsDoNotStopTheFollowingFrames() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    OutboundQueue queue = queue(transport);

    queue.send(text("throw 1"));
    queue.send(text("fail 2"));
    queue.send(text("ok 3"));

    assertEquals(List.of("throw 1", "fail 2", "ok 3"), transport.frames());

    transport.mode(Mode.HELD);
    queue.send(text("fail 4"));
    queue.send(text("ok 5"));
    transport.completeNext();
    transport.completeNext();

    assertEquals(List.of("throw 1", "fail 2", "ok 3", "fail 4", "ok 5"), transport.frames());
    assertEquals(0, transport.inFlight());
  }

  @Test
  void discardDropsQueuedAndLaterFrames() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    queue.send(text("a"));
    queue.send(text("b"));

    queue.discard();
    transport.completeNext();
    queue.send(text("c"));

    assertEquals(List.of("a"), transport.frames());
    assertEquals(0, queue.pending());
  }

  @Test
  void backlogCountsWaitingAndInFlightFramesWithTheirPayloadAndFixedCostUntilSent() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    assertEquals(0, queue.backlogBytes());
    assertEquals(0, queue.backlogMessages());

    queue.send(text("abc"));
    queue.send(new OutboundMessage.Binary(ByteBuffer.wrap(new byte[4])));
    queue.ping();
    queue.send(text("de"));
    assertEquals(3 + 4 + 0 + 2 + 4 * COST, queue.backlogBytes());
    assertEquals(4, queue.backlogMessages());

    transport.completeNext(); // abc
    assertEquals(4 + 0 + 2 + 3 * COST, queue.backlogBytes());
    assertEquals(3, queue.backlogMessages());
    transport.completeNext(); // the binary message, then the ping goes at once
    assertEquals(2 + COST, queue.backlogBytes());
    assertEquals(1, queue.backlogMessages());
    transport.completeNext();
    assertEquals(0, queue.backlogBytes());
    assertEquals(0, queue.backlogMessages());
    assertEquals(0, queue.pending());
  }

  @Test
  void emptyMessagesOverTheMessageLimitOverflowLikeLargeOnes() {
    StubTransport transport = new StubTransport(Mode.HELD);
    AtomicInteger overflows = new AtomicInteger();
    OutboundQueue queue =
        new OutboundQueue(transport, Long.MAX_VALUE, 3, overflows::incrementAndGet);

    queue.send(text(""));
    queue.send(text(""));
    queue.ping();
    assertEquals(0, overflows.get());
    assertEquals(3, queue.backlogMessages());

    queue.send(text(""));
    assertEquals(1, overflows.get());
    assertEquals(3, queue.backlogMessages());
    queue.ping();
    assertEquals(2, overflows.get());

    transport.completeNext();
    queue.send(text("again"));
    assertEquals(2, overflows.get());
    assertEquals(3, queue.backlogMessages());
  }

  @Test
  void emptyMessagesCostTheFixedCostAgainstTheByteLimit() {
    StubTransport transport = new StubTransport(Mode.HELD);
    AtomicInteger overflows = new AtomicInteger();
    OutboundQueue queue =
        new OutboundQueue(transport, 3 * COST, Integer.MAX_VALUE, overflows::incrementAndGet);

    for (int i = 0; i < 3; i++) {
      queue.send(text(""));
    }
    assertEquals(0, overflows.get());
    assertEquals(3 * COST, queue.backlogBytes());

    queue.send(text(""));
    assertEquals(1, overflows.get());
    assertEquals(3 * COST, queue.backlogBytes());
  }

  @Test
  void aPingAfterEachQuarterOfTheMessageLimitCarriesTheCountWrittenBeforeIt() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    OutboundQueue queue = new OutboundQueue(transport, Long.MAX_VALUE, 8, () -> {});

    for (int i = 1; i <= 5; i++) {
      queue.send(text("m" + i));
    }

    assertEquals(
        List.of("m1", "m2", "ping candy-ws:2", "m3", "m4", "ping candy-ws:4", "m5"),
        transport.frames());
    assertEquals(5, queue.unread());
    assertEquals(0, queue.backlogMessages(), "the container took them all");
  }

  @Test
  void whatThePeerHasNotConfirmedIsBoundedEvenWhenTheContainerTakesEverything() {
    StubTransport transport = new StubTransport(Mode.INLINE); // like Payara's: at once
    AtomicInteger overflows = new AtomicInteger();
    int limit = 4;
    long unreadLimit = (long) limit * OutboundQueue.UNREAD_FACTOR;
    OutboundQueue queue =
        new OutboundQueue(transport, Long.MAX_VALUE, limit, overflows::incrementAndGet);

    for (int i = 0; i < unreadLimit; i++) {
      queue.send(text(""));
    }
    assertEquals(0, overflows.get());
    queue.send(text(""));
    assertEquals(1, overflows.get());
    assertEquals(unreadLimit, queue.unread());

    queue.confirm(10);
    for (int i = 0; i < 10; i++) {
      queue.send(text(""));
    }
    assertEquals(1, overflows.get());
    queue.ping();
    assertEquals(2, overflows.get(), "a ping counts like a message");
  }

  @Test
  void aConfirmationConfirmsNoMoreThanWasQueuedNorGoesBack() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    OutboundQueue queue = new OutboundQueue(transport, Long.MAX_VALUE, 4, () -> {});
    queue.send(text("a"));
    queue.send(text("b"));

    queue.confirm(1_000_000);
    assertEquals(0, queue.unread());
    queue.confirm(1);
    assertEquals(0, queue.unread());

    queue.send(text("c"));
    assertEquals(1, queue.unread());
  }

  @Test
  void theFixedCostIsAtLeastSixtyFourBytes() {
    assertTrue(COST >= 64, "the cost per frame is " + COST);
  }

  @Test
  void endDropsTheBacklogAndEndsTheTransportAtOnce() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    queue.send(text("a"));
    queue.send(text("b"));

    queue.end();

    assertEquals(List.of("a", "end"), transport.frames());
    assertEquals(0, queue.pending());
    assertEquals(0, queue.backlogBytes());
    assertEquals(0, queue.backlogMessages());
    transport.completeNext();
    queue.send(text("c"));
    queue.ping();
    queue.close(1000, "bye");
    assertEquals(List.of("a", "end"), transport.frames());
    assertEquals(0, queue.backlogMessages());
  }

  @Test
  void failedSendsLeaveTheBacklogToo() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    OutboundQueue queue = queue(transport);

    queue.send(text("throw 1"));
    queue.send(text("fail 2"));

    assertEquals(0, queue.backlogBytes());
  }

  @Test
  void sendOverTheBacklogCallsOverflowInsteadOfQueuing() {
    StubTransport transport = new StubTransport(Mode.HELD);
    AtomicInteger overflows = new AtomicInteger();
    OutboundQueue queue =
        new OutboundQueue(transport, 2 * (5 + COST), Integer.MAX_VALUE, overflows::incrementAndGet);

    queue.send(text("01234"));
    queue.send(text("56789"));
    assertEquals(0, overflows.get());
    assertEquals(2 * (5 + COST), queue.backlogBytes());

    queue.send(text("x"));
    assertEquals(1, overflows.get());
    assertEquals(2 * (5 + COST), queue.backlogBytes());
    assertEquals(1, queue.pending());

    transport.completeNext();
    assertEquals(List.of("01234", "56789"), transport.frames());
    queue.send(text("x"));
    assertEquals(1, overflows.get());
    assertEquals(5 + 1 + 2 * COST, queue.backlogBytes());
    transport.completeNext();
    transport.completeNext();
    assertEquals(List.of("01234", "56789", "x"), transport.frames());
    assertEquals(0, queue.backlogBytes());
  }

  @Test
  void aMessageLargerThanTheWholeBacklogOverflowsAnEmptyQueue() {
    StubTransport transport = new StubTransport(Mode.INLINE);
    AtomicInteger overflows = new AtomicInteger();
    OutboundQueue queue =
        new OutboundQueue(transport, 4 + COST, Integer.MAX_VALUE, overflows::incrementAndGet);

    queue.send(new OutboundMessage.Binary(ByteBuffer.wrap(new byte[5])));
    queue.send(text("1234"));

    assertEquals(1, overflows.get());
    assertEquals(List.of("1234"), transport.frames());
    assertEquals(0, queue.backlogBytes());
  }

  @Test
  void abortDropsTheBacklogAndClosesOnTheExecutor() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    List<Runnable> tasks = new ArrayList<>();
    queue.send(text("a"));
    queue.send(text("b"));

    queue.abort(1013, "Client too slow", tasks::add);

    assertEquals(List.of("a"), transport.frames());
    assertEquals(0, queue.pending());
    assertEquals(0, queue.backlogBytes());
    assertEquals(1, tasks.size());
    queue.send(text("c"));
    queue.ping();
    queue.close(1000, "bye");
    assertEquals(List.of("a"), transport.frames());

    tasks.forEach(Runnable::run);
    assertEquals(List.of("a", "close now 1013 Client too slow"), transport.frames());
  }

  @Test
  void backlogStaysZeroWhenASendInFlightCompletesAfterAbort() {
    StubTransport transport = new StubTransport(Mode.HELD);
    OutboundQueue queue = queue(transport);
    queue.send(text("abc"));

    queue.abort(1013, "Client too slow", Runnable::run);
    transport.completeNext();

    assertEquals(0, queue.backlogBytes());
  }

  @Test
  void abortAndEndSwallowAFailingTransport() {
    List<String> closes = new ArrayList<>();
    Transport failing =
        new Transport() {
          @Override
          public void sendText(String text, Consumer<Throwable> done) {}

          @Override
          public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {}

          @Override
          public void ping(ByteBuffer payload) {}

          @Override
          public void close(int code, String reason) {}

          @Override
          public void closeNow(int code, String reason) throws IOException {
            closes.add(code + " " + reason);
            throw new IOException("already gone");
          }

          @Override
          public void end() throws IOException {
            closes.add("end");
            throw new IOException("already gone");
          }

          @Override
          public boolean isOpen() {
            return true;
          }
        };
    OutboundQueue queue = queue(failing);

    queue.abort(1013, "Client too slow", Runnable::run);
    queue.end();

    assertEquals(List.of("1013 Client too slow", "end"), closes);
  }

  @ParameterizedTest
  @CsvSource({"INLINE, 1", "ASYNC, 1", "ASYNC, 4"})
  void concurrentSendersEachKeepTheirOrder(Mode mode, int window) throws InterruptedException {
    int threads = 32;
    int perThread = 1_000;
    ExecutorService completions = Executors.newFixedThreadPool(4);
    try {
      StubTransport transport = new StubTransport(mode, completions).window(window);
      OutboundQueue queue = queue(transport);
      CountDownLatch delivered = transport.expect(threads * perThread);
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int sender = t;
        Thread thread =
            new Thread(
                () -> {
                  awaitQuietly(start);
                  for (int i = 0; i < perThread; i++) {
                    queue.send(text(sender + ":" + i));
                  }
                });
        senders.add(thread);
        thread.start();
      }
      start.countDown();
      for (Thread thread : senders) {
        thread.join();
      }

      assertTrue(StubTransport.await(delivered), "not every frame was sent");
      List<String> frames = transport.frames();
      assertEquals(threads * perThread, frames.size());
      assertEquals(frames.size(), new HashSet<>(frames).size());
      int[] next = new int[threads];
      for (String frame : frames) {
        int colon = frame.indexOf(':');
        int sender = Integer.parseInt(frame.substring(0, colon));
        assertEquals(next[sender]++, Integer.parseInt(frame.substring(colon + 1)), frame);
      }
      Set<Integer> counts = new HashSet<>();
      for (int count : next) {
        counts.add(count);
      }
      assertEquals(Set.of(perThread), counts);
      assertTrue(transport.maxInFlight() <= window, "at most the window in flight");
    } finally {
      completions.shutdownNow();
    }
  }

  /** A queue without a backlog limit; an overflow fails the test. */
  private static OutboundQueue queue(Transport transport) {
    return new OutboundQueue(
        transport,
        Long.MAX_VALUE,
        Integer.MAX_VALUE,
        () -> {
          throw new AssertionError("overflow");
        });
  }

  private static OutboundMessage text(String text) {
    return new OutboundMessage.Text(text);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
