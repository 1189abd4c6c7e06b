package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A transport that records what is sent: text as-is, {@code "binary <utf-8>"}, {@code "ping"} (or
 * {@code "ping <utf-8 payload>"}) and {@code "close <code> <reason>"} and {@code "end"}. Sends
 * complete at once on the caller's thread ({@link Mode#INLINE}), when the test says so ({@link
 * Mode#HELD}) or on an executor ({@link Mode#ASYNC}). A text starting with {@code "throw"} is
 * refused by throwing; one starting with {@code "fail"} completes with an error.
 */
final class StubTransport implements Transport {

  enum Mode {
    INLINE,
    HELD,
    ASYNC
  }

  private final List<String> frames = new ArrayList<>();
  private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Executor executor;
  private volatile Mode mode;
  private volatile int window = 1;
  private volatile boolean refusesSecondSend;
  private volatile boolean open = true;
  private volatile CountDownLatch expected = new CountDownLatch(0);

  StubTransport(Mode mode) {
    this(mode, Runnable::run);
  }

  StubTransport(Mode mode, Executor executor) {
    this.mode = mode;
    this.executor = executor;
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** Takes this many messages before the first has completed. */
  StubTransport window(int window) {
    this.window = window;
    return this;
  }

  /**
   * Refuses, as Jakarta WebSocket allows, a message while another is in flight, with an {@link
   * IllegalStateException}, and records nothing of it.
   */
  StubTransport refusingSecondSend() {
    this.refusesSecondSend = true;
    return this;
  }

  @Override
  public int window() {
    return window;
  }

  /** Frames recorded from now on count down the returned latch. */
  CountDownLatch expect(int count) {
    expected = new CountDownLatch(count);
    return expected;
  }

  List<String> frames() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  int held() {
    return held.size();
  }

  /** Completes the oldest held send, on this thread. */
  void completeNext() {
    Runnable next = held.poll();
    if (next == null) {
      throw new AssertionError("no send is waiting to complete");
    }
    next.run();
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    send(text, done);
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    send("binary " + new String(bytes, UTF_8), done);
  }

  @Override
  public void ping(ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    begin(bytes.length == 0 ? "ping" : "ping " + new String(bytes, UTF_8));
    inFlight.decrementAndGet();
  }

  @Override
  public void close(int code, String reason) {
    begin("close " + code + " " + reason);
    inFlight.decrementAndGet();
  }

  @Override
  public void closeNow(int code, String reason) {
    begin("close now " + code + " " + reason);
    inFlight.decrementAndGet();
  }

  @Override
  public void end() {
    begin("end");
    inFlight.decrementAndGet();
    open = false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** The container has closed the connection. */
  void closedByContainer() {
    open = false;
  }

  private void send(String frame, Consumer<Throwable> done) {
    if (refusesSecondSend && inFlight.get() > 0) {
      throw new IllegalStateException("a send is in progress");
    }
    begin(frame);
    if (frame.startsWith("throw")) {
      inFlight.decrementAndGet();
      throw new IllegalStateException("refused " + frame);
    }
    Throwable failure = frame.startsWith("fail") ? new IOException("failed " + frame) : null;
    Runnable complete =
        () -> {
          inFlight.decrementAndGet();
          done.accept(failure);
        };
    switch (mode) {
      case INLINE -> complete.run();
      case HELD -> held.add(complete);
      case ASYNC -> executor.execute(complete);
    }
  }

  private void begin(String frame) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    synchronized (frames) {
      frames.add(frame);
    }
    expected.countDown();
  }

  static boolean await(CountDownLatch latch) throws InterruptedException {
    return latch.await(30, TimeUnit.SECONDS);
  }
}
