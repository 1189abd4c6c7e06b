package dev.candypack.ws.impl.transport.undertow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.codec.OutboundMessage;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender on a real Undertow: a core WebSocket server on a free loopback port, and JDK clients
 * that record every frame they read.
 */
class UndertowSenderTest {

  private static final long WAIT_SECONDS = 10;

  private static Undertow server;
  private static URI uri;
  private static final BlockingQueue<WebSocketChannel> ACCEPTED = new LinkedBlockingQueue<>();

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WebSocket> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server =
        Undertow.builder()
            .setIoThreads(1)
            .setWorkerThreads(2)
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                Handlers.websocket(
                    (exchange, channel) -> {
                      channel.getReceiveSetter().set(new AbstractReceiveListener() {});
                      channel.resumeReceives();
                      ACCEPTED.add(channel);
                    }))
            .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WebSocket::abort);
  }

  @Test
  void textsOfEachLengthFormArriveWholeAndInOrder() throws Exception {
    Peer peer = connect();
    List<String> texts =
        List.of(
            "",
            "a".repeat(125),
            "b".repeat(126),
            "c".repeat(65_535),
            "d".repeat(65_536),
            "e".repeat(200_000),
            // 4 bytes a character: 40 characters are 160 bytes, past the one-byte length
            "😀".repeat(40),
            "Grüße, 世界: ✓");
    for (String text : texts) {
      assertNull(peer.send(new OutboundMessage.Text(text)));
    }
    for (String text : texts) {
      assertEquals("text " + text, peer.next());
    }
  }

  @Test
  void aWindowOfSendsInFlightArrivesInTheOrderOfTheCalls() throws Exception {
    Peer peer = connect();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add(i + " " + "x".repeat(i * 97 % 70_000)); // all three length forms
    }
    List<Throwable> reports = new CopyOnWriteArrayList<>();
    for (int start = 0; start < texts.size(); start += UndertowSender.WINDOW) {
      // As the outbound queue does: a window handed over at once, then wait for it.
      List<CompletableFuture<Throwable>> window = new ArrayList<>();
      for (String text : texts.subList(start, start + UndertowSender.WINDOW)) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        peer.sender.send(new OutboundMessage.Text(text), recording(reports, done));
        window.add(done);
      }
      for (CompletableFuture<Throwable> done : window) {
        assertNull(done.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
    }
    for (String text : texts) {
      assertEquals("text " + text, peer.next());
    }
    assertEquals(texts.size(), reports.size(), "one report a send");
  }

  @Test
  void oneDirectEncodingServesEveryMember() throws Exception {
    List<Peer> members = List.of(connect(), connect(), connect());
    OutboundMessage.Text message = new OutboundMessage.Text("room message ✓").share();
    List<CompletableFuture<Throwable>> sends = new ArrayList<>();
    for (Peer member : members) {
      sends.add(member.start(message));
    }
    for (CompletableFuture<Throwable> send : sends) {
      assertNull(send.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    for (Peer member : members) {
      assertEquals("text room message ✓", member.next());
    }
    ByteBuffer shared = message.encoded(UndertowSender.DIRECT_UTF8);
    assertSame(shared, message.encoded(UndertowSender.DIRECT_UTF8), "encoded once");
    assertTrue(shared.isDirect());
    assertTrue(shared.isReadOnly());
    assertEquals(0, shared.position(), "no send consumed the shared buffer");
    assertEquals("room message ✓".getBytes(UTF_8).length, shared.remaining());
  }

  @Test
  void aMessageToOneConnectionGoesOutFromTheHeapAndKeepsNoEncoding() throws Exception {
    Peer peer = connect();
    OutboundMessage.Text message = new OutboundMessage.Text("echo ✓");

    assertNull(peer.start(message).get(WAIT_SECONDS, TimeUnit.SECONDS));

    assertEquals("text echo ✓", peer.next());
    assertFalse(UndertowSender.payload(message).isDirect());
    assertNotSame(UndertowSender.payload(message), UndertowSender.payload(message));
    assertTrue(UndertowSender.payload(message.share()).isDirect());
  }

  @Test
  void binaryMessagesArriveAndStayUnconsumed() throws Exception {
    Peer peer = connect();
    ByteBuffer heap = ByteBuffer.wrap(bytes(70_000));
    ByteBuffer direct = ByteBuffer.allocateDirect(300).put(bytes(300)).flip();
    OutboundMessage.Binary fromHeap = new OutboundMessage.Binary(heap);
    OutboundMessage.Binary fromDirect = new OutboundMessage.Binary(direct);

    assertNull(peer.send(fromHeap));
    assertNull(peer.send(fromDirect));
    assertNull(peer.send(fromHeap));

    assertEquals("binary 70000 " + checksum(bytes(70_000)), peer.next());
    assertEquals("binary 300 " + checksum(bytes(300)), peer.next());
    assertEquals("binary 70000 " + checksum(bytes(70_000)), peer.next());
    assertEquals(70_000, heap.remaining());
    assertEquals(300, direct.remaining());
  }

  @Test
  void pingsAndClosesOnTheSameChannelKeepTheQueueOrder() throws Exception {
    Peer peer = connect();
    assertNull(peer.send(new OutboundMessage.Text("first")));
    WebSockets.sendPing(ByteBuffer.wrap(new byte[] {7}), peer.channel, null);
    assertNull(peer.send(new OutboundMessage.Text("second")));
    WebSockets.sendClose(1000, "bye", peer.channel, null);

    assertEquals("text first", peer.next());
    assertEquals("ping 1", peer.next());
    assertEquals("text second", peer.next());
    assertEquals("close 1000 bye", peer.next());
  }

  @Test
  void aSendOnAClosedChannelFailsOnceAndDoesNotThrow() throws Exception {
    Peer peer = connect();
    WebSockets.sendClose(1000, "bye", peer.channel, null);
    assertEquals("close 1000 bye", peer.next());

    List<Throwable> reports = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> text = new CompletableFuture<>();
    peer.sender.send(new OutboundMessage.Text("late"), recording(reports, text));
    CompletableFuture<Throwable> binary = new CompletableFuture<>();
    peer.sender.send(
        new OutboundMessage.Binary(ByteBuffer.wrap(bytes(3))), recording(reports, binary));

    assertNotNull(text.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertNotNull(binary.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(2, reports.size(), "one report a send: " + reports);
  }

  @Test
  void aChannelThatCannotBeHadFailsTheSend() {
    UndertowSender sender =
        new UndertowSender(
            () -> {
              throw new IllegalStateException("no channel");
            });
    List<Throwable> reports = new ArrayList<>();
    sender.send(new OutboundMessage.Text("x"), reports::add);
    sender.send(new OutboundMessage.Binary(ByteBuffer.wrap(bytes(1))), reports::add);

    assertEquals(2, reports.size());
    reports.forEach(report -> assertInstanceOf(IllegalStateException.class, report));
  }

  @Test
  void aTextGoesOnTheHeapWhenDirectMemoryIsUsedUp() {
    ByteBuffer bytes =
        UndertowSender.utf8(
            "Grüße ✓",
            size -> {
              throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct memory");
            });

    assertFalse(bytes.isDirect());
    assertTrue(bytes.isReadOnly());
    assertEquals("Grüße ✓", UTF_8.decode(bytes).toString());
  }

  @Test
  void aCompletionReportsOnlyItsFirstEnd() {
    List<Throwable> reports = new ArrayList<>();
    UndertowSender.Completion completion = new UndertowSender.Completion(reports::add);
    completion.complete(null, null);
    completion.complete(null, null);
    completion.onError(null, null, new IllegalStateException("late"));

    assertEquals(1, reports.size());
    assertNull(reports.get(0));
  }

  private static Consumer<Throwable> recording(
      List<Throwable> reports, CompletableFuture<Throwable> first) {
    return failure -> {
      reports.add(failure);
      first.complete(failure);
    };
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

  private static long checksum(byte[] bytes) {
    long sum = 0;
    for (byte b : bytes) {
      sum = sum * 31 + b;
    }
    return sum;
  }

  private Peer connect() throws Exception {
    Recorder recorder = new Recorder();
    WebSocket client =
        http.newWebSocketBuilder().buildAsync(uri, recorder).get(WAIT_SECONDS, TimeUnit.SECONDS);
    clients.add(client);
    WebSocketChannel channel = ACCEPTED.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(channel, "the server accepted the connection");
    return new Peer(channel, new UndertowSender(() -> channel), recorder);
  }

  /** One connection: its server channel, a sender on it, and what its client read. */
  private record Peer(WebSocketChannel channel, UndertowSender sender, Recorder recorder) {

    CompletableFuture<Throwable> start(OutboundMessage.Text message) {
      CompletableFuture<Throwable> done = new CompletableFuture<>();
      sender.send(message, done::complete);
      return done;
    }

    /** Sends as the outbound queue does: the next frame only once this one has been written. */
    Throwable send(OutboundMessage.Text message) throws Exception {
      return start(message).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Throwable send(OutboundMessage.Binary message) throws Exception {
      CompletableFuture<Throwable> done = new CompletableFuture<>();
      sender.send(message, done::complete);
      return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    String next() throws InterruptedException {
      String frame = recorder.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(frame, "the client read a frame");
      return frame;
    }
  }

  /** A client that records each whole message, ping and close as one line. */
  private static final class Recorder implements WebSocket.Listener {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        frames.add("text " + text);
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        byte[] whole = binary.toByteArray();
        frames.add("binary " + whole.length + " " + checksum(whole));
        binary.reset();
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
      frames.add("ping " + message.remaining());
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      frames.add("close " + statusCode + " " + reason);
      return null;
    }
  }
}
