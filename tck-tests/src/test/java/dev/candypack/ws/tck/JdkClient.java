package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own {@link WebSocket} client, to show that candy-ws serves any standard client and not
 * only the Jakarta one.
 */
final class JdkClient implements AutoCloseable {

  /** A close frame as received: code and reason. */
  record Close(int code, String reason) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private JdkClient(URI uri, Map<String, String> headers, List<String> subprotocols)
      throws Exception {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    headers.forEach(builder::header);
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    socket =
        builder.buildAsync(uri, new Listener()).get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  static JdkClient connect(URI uri) throws Exception {
    return new JdkClient(uri, Map.of(), List.of());
  }

  /** Connects with HTTP Basic credentials, {@code user:password}. */
  static JdkClient connect(URI uri, String userAndPassword) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    return new JdkClient(uri, Map.of("Authorization", "Basic " + basic), List.of());
  }

  /** Connects with extra handshake headers. */
  static JdkClient connect(URI uri, Map<String, String> headers) throws Exception {
    return new JdkClient(uri, headers, List.of());
  }

  /** Connects with extra handshake headers and requested subprotocols. */
  static JdkClient connect(URI uri, Map<String, String> headers, List<String> subprotocols)
      throws Exception {
    return new JdkClient(uri, headers, subprotocols);
  }

  /** The subprotocol the server chose, empty when none. */
  String subprotocol() {
    return socket.getSubprotocol();
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  String next() throws InterruptedException {
    String text = texts.poll(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(text, "no text message within " + WsClient.TIMEOUT_SECONDS + " s");
    return text;
  }

  JsonObject nextJson() throws InterruptedException {
    return WsClient.json(next());
  }

  byte[] nextBinary() throws InterruptedException {
    byte[] bytes = binaries.poll(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(bytes, "no binary message within " + WsClient.TIMEOUT_SECONDS + " s");
    return bytes;
  }

  Close awaitClose() throws Exception {
    return closed.get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

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
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
