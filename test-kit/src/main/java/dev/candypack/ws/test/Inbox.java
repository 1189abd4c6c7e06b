package dev.candypack.ws.test;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a {@link CandyTestClient} received: whole text and binary messages in order, and how the
 * connection ended. Reads wait up to a timeout and fail with an {@link AssertionError}, so that a
 * test never sleeps and never hangs.
 */
final class Inbox implements WebSocket.Listener {

  // Queued after the last message once the connection has ended (compared by identity), so that a
  // read fails at once instead of waiting out its timeout.
  private static final String END_OF_TEXTS = new String("end");

  private static final byte[] END_OF_BINARIES = new byte[0];

  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  private final CompletableFuture<CandyClose> closed = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
  private final Duration timeout;

  Inbox(Duration timeout) {
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  String nextText() throws InterruptedException {
    String next = texts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (next == null) {
      throw new AssertionError("no text message within " + describe(timeout));
    }
    if (next == END_OF_TEXTS) {
      texts.add(END_OF_TEXTS);
      throw new AssertionError("the connection ended before a text message came: " + ending());
    }
    return next;
  }

  byte[] nextBinary() throws InterruptedException {
    byte[] next = binaries.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (next == null) {
      throw new AssertionError("no binary message within " + describe(timeout));
    }
    if (next == END_OF_BINARIES) {
      binaries.add(END_OF_BINARIES);
      throw new AssertionError("the connection ended before a binary message came: " + ending());
    }
    return next;
  }

  boolean hasText() {
    String head = texts.peek();
    return head != null && head != END_OF_TEXTS;
  }

  boolean hasBinary() {
    byte[] head = binaries.peek();
    return head != null && head != END_OF_BINARIES;
  }

  boolean isClosed() {
    return closed.isDone();
  }

  CandyClose awaitClose(Duration wait) throws InterruptedException {
    try {
      return closed.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the connection did not close within " + describe(wait));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // never completed exceptionally
    }
  }

  private String ending() {
    CandyClose close = closed.getNow(null);
    return close == null ? "open" : close.code() + " " + close.reason();
  }

  private void end(CandyClose close) {
    if (closed.complete(close)) {
      texts.add(END_OF_TEXTS);
      binaries.add(END_OF_BINARIES);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      texts.add(text.toString());
      text.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    binary.writeBytes(bytes);
    if (last) {
      binaries.add(binary.toByteArray());
      binary.reset();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    end(new CandyClose(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    end(new CandyClose(CandyClose.ABNORMAL, String.valueOf(error)));
  }

  /** A duration as a person reads it: {@code 30 s}, {@code 250 ms}. */
  static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
