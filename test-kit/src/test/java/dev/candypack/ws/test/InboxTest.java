package dev.candypack.ws.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InboxTest {

  private final Requests socket = new Requests();
  private final Inbox inbox = new Inbox(Duration.ofMillis(200));

  @Test
  void fragmentsAreJoinedIntoWholeMessagesInOrder() throws Exception {
    inbox.onText(socket, "{\"a\":", false);
    assertFalse(inbox.hasText(), "half a message is no message");
    inbox.onText(socket, "1}", true);
    inbox.onText(socket, "second", true);
    inbox.onBinary(socket, ByteBuffer.wrap(new byte[] {1, 2}), false);
    inbox.onBinary(socket, ByteBuffer.wrap(new byte[] {3}), true);

    assertTrue(inbox.hasText());
    assertEquals("{\"a\":1}", inbox.nextText());
    assertEquals("second", inbox.nextText());
    assertFalse(inbox.hasText());
    assertArrayEquals(new byte[] {1, 2, 3}, inbox.nextBinary());
    assertEquals(5, socket.requested.get(), "one more frame asked for after each one");
  }

  @Test
  void aReadFailsAfterTheTimeoutWhenNothingComes() {
    long start = System.nanoTime();
    AssertionError none = assertThrows(AssertionError.class, inbox::nextText);
    assertEquals("no text message within 200 ms", none.getMessage());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
    assertEquals(
        "no binary message within 200 ms",
        assertThrows(AssertionError.class, inbox::nextBinary).getMessage());
  }

  @Test
  void afterTheCloseMessagesStillComeThenReadsFailAtOnce() throws Exception {
    Inbox patient = new Inbox(Duration.ofMinutes(5));
    patient.onText(socket, "last words", true);
    patient.onClose(socket, 4001, "Unauthorized");

    assertEquals("last words", patient.nextText());
    assertFalse(patient.hasText(), "the end is not a message");
    for (int i = 0; i < 2; i++) {
      AssertionError ended = assertThrows(AssertionError.class, patient::nextText);
      assertEquals(
          "the connection ended before a text message came: 4001 Unauthorized", ended.getMessage());
    }
    assertThrows(AssertionError.class, patient::nextBinary);
    assertEquals(new CandyClose(4001, "Unauthorized"), patient.awaitClose(Duration.ofMillis(1)));
    assertTrue(patient.isClosed());
  }

  @Test
  void aLostConnectionEndsWith1006AndTheError() throws Exception {
    inbox.onError(socket, new java.io.IOException("connection reset"));
    inbox.onClose(socket, 1000, "too late: the first ending counts");
    CandyClose close = inbox.awaitClose(Duration.ofMillis(1));
    assertEquals(CandyClose.ABNORMAL, close.code());
    assertEquals("java.io.IOException: connection reset", close.reason());
  }

  @Test
  void awaitCloseFailsWhenTheConnectionStaysOpen() {
    AssertionError open =
        assertThrows(AssertionError.class, () -> inbox.awaitClose(Duration.ofMillis(50)));
    assertEquals("the connection did not close within 50 ms", open.getMessage());
  }

  @Test
  void durationsReadAsSecondsOrMilliseconds() {
    assertEquals("30 s", Inbox.describe(Duration.ofSeconds(30)));
    assertEquals("1500 ms", Inbox.describe(Duration.ofMillis(1500)));
  }

  @Test
  void multiByteCharactersSurviveFragmentation() throws Exception {
    String text = "böb ☕";
    inbox.onText(socket, text.substring(0, 2), false);
    inbox.onText(socket, text.substring(2), true);
    assertEquals(text, inbox.nextText());
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    inbox.onBinary(socket, ByteBuffer.wrap(utf8), true);
    assertEquals(text, new String(inbox.nextBinary(), StandardCharsets.UTF_8));
  }

  /** Counts the frames the inbox asks for; nothing else is used. */
  private static final class Requests implements WebSocket {
    final AtomicLong requested = new AtomicLong();

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getSubprotocol() {
      return "";
    }

    @Override
    public boolean isOutputClosed() {
      return false;
    }

    @Override
    public boolean isInputClosed() {
      return false;
    }

    @Override
    public void abort() {}
  }
}
