package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A real WebSocket client (Tyrus, over a real socket) that queues what it receives, so that tests
 * read messages in order with a timeout instead of sleeping.
 */
final class WsClient implements AutoCloseable {

  // A ceiling, not a delay: passing tests never wait it out. Generous, for a loaded 2-core machine.
  static final long TIMEOUT_SECONDS = 60;

  // Tyrus's client shuts its executors down whenever its last session closes, which races a
  // session opening at that moment (a RejectedExecutionException on its first send, seen on a
  // loaded machine). The tests' one client lives as long as their JVM, so it never shuts down.
  private static final ClientManager CLIENT =
      new ClientManager() {
        @Override
        protected void shutdown(ShutDownCondition condition) {}
      };

  final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final Session session;

  private WsClient(URI uri, Map<String, List<String>> headers, List<String> subprotocols)
      throws Exception {
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .preferredSubprotocols(subprotocols)
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> request) {
                    request.putAll(headers);
                  }
                })
            .build();
    session = CLIENT.connectToServer(new Listener(), config, uri);
  }

  static WsClient connect(URI uri) throws Exception {
    return new WsClient(uri, Map.of(), List.of());
  }

  static WsClient connect(URI uri, Map<String, List<String>> headers, List<String> subprotocols)
      throws Exception {
    return new WsClient(uri, headers, subprotocols);
  }

  Session session() {
    return session;
  }

  synchronized void send(String text) throws IOException {
    session.getBasicRemote().sendText(text);
  }

  synchronized void sendBinary(byte[] bytes) throws IOException {
    session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
  }

  /** The next text message; fails the test when none comes in time. */
  String next() throws InterruptedException {
    String text = texts.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(text, "no text message within " + TIMEOUT_SECONDS + " s");
    return text;
  }

  JsonObject nextJson() throws InterruptedException {
    return json(next());
  }

  byte[] nextBinary() throws InterruptedException {
    byte[] bytes = binaries.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(bytes, "no binary message within " + TIMEOUT_SECONDS + " s");
    return bytes;
  }

  /** The close the server sent; fails the test when the connection does not close in time. */
  CloseReason awaitClose() throws Exception {
    try {
      return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return fail("the connection did not close within " + TIMEOUT_SECONDS + " s");
    }
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Override
  public void close() throws IOException {
    if (session.isOpen()) {
      session.close();
    }
  }

  private final class Listener extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      // Here, not after connectToServer returns: a route may have closed the session by then.
      session.setMaxTextMessageBufferSize(16 * 1024 * 1024);
      session.setMaxBinaryMessageBufferSize(16 * 1024 * 1024);
      session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
      session.addMessageHandler(
          ByteBuffer.class,
          (MessageHandler.Whole<ByteBuffer>)
              buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                binaries.add(bytes);
              });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closed.complete(reason);
    }
  }
}
