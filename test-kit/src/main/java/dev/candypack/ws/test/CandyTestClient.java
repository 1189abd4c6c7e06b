package dev.candypack.ws.test;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client for tests, on the JDK's own {@link WebSocket}: it queues what it receives, so
 * that a test reads messages in order with a timeout instead of sleeping. Every wait ends after the
 * client's timeout ({@value #DEFAULT_TIMEOUT_SECONDS} s unless set) with an {@link AssertionError},
 * which every test framework reports as a failure.
 *
 * <pre>{@code
 * try (CandyTestClient chat = CandyTestClient.connect(URI.create("ws://localhost:8080/app/chat"))) {
 *   assertEquals("welcome", chat.nextJson().getString("type"));
 *   chat.sendJson(Map.of("text", "hi"));
 *   assertEquals("hi", chat.nextJson().getJsonObject("data").getString("text"));
 * }
 *
 * try (CandyTestClient admin =
 *     CandyTestClient.to(uri).basicAuth("alice", "secret").header("Origin", origin).connect()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link CandyApp} makes the addresses from an Arquillian deployment's URL. Sends and reads may
 * be called from any thread; one reader at a time sees the messages in order.
 */
public final class CandyTestClient implements AutoCloseable {

  /** How long a read, a send or the handshake waits unless the builder says otherwise. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 30;

  // The subprotocol entry the browser client sends with a CSRF token; the server answers with it.
  static final String CANDY_SUBPROTOCOL = "candy-ws";
  static final String TOKEN_PREFIX = "candy-token-";

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // How long close() waits for the server's close frame before it drops the connection.
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final WebSocket socket;
  private final Inbox inbox;

  private CandyTestClient(WebSocket socket, Inbox inbox) {
    this.socket = socket;
    this.inbox = inbox;
  }

  /**
   * Connects without extra headers.
   *
   * @param uri the route's {@code ws://} or {@code wss://} address
   * @return the open client
   * @throws CandyHandshakeException when the server answers the handshake with an HTTP status
   * @throws IOException when the connection fails or the handshake does not finish in time
   * @throws InterruptedException when the thread is interrupted while connecting
   */
  public static CandyTestClient connect(URI uri) throws IOException, InterruptedException {
    return to(uri).connect();
  }

  /**
   * Starts a connection with headers, credentials, a CSRF token or another timeout.
   *
   * @param uri the route's {@code ws://} or {@code wss://} address
   * @return a builder; {@link Builder#connect()} opens the connection
   */
  public static Builder to(URI uri) {
    return new Builder(uri);
  }

  /**
   * Parses a text as a JSON object.
   *
   * @param text the JSON text
   * @return the object
   * @throws AssertionError when the text is not a JSON object
   */
  public static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new AssertionError("not a JSON object: " + text, e);
    }
  }

  /**
   * The next text message, waiting for it up to the timeout.
   *
   * @return the whole message, its fragments joined
   * @throws AssertionError when none comes in time, or the connection has ended
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public String next() throws InterruptedException {
    return inbox.nextText();
  }

  /**
   * The next text message as a JSON object.
   *
   * @return the parsed message
   * @throws AssertionError when none comes in time, or it is not a JSON object
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public JsonObject nextJson() throws InterruptedException {
    return json(next());
  }

  /**
   * The next binary message, waiting for it up to the timeout.
   *
   * @return the whole message's bytes
   * @throws AssertionError when none comes in time, or the connection has ended
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public byte[] nextBinary() throws InterruptedException {
    return inbox.nextBinary();
  }

  /**
   * Whether a text message has arrived that {@link #next()} has not returned yet. It does not wait:
   * to show that nothing was sent, first await a later message that would come after it.
   *
   * @return true when a text message is waiting
   */
  public boolean hasNext() {
    return inbox.hasText();
  }

  /**
   * Whether a binary message has arrived that {@link #nextBinary()} has not returned yet.
   *
   * @return true when a binary message is waiting
   */
  public boolean hasNextBinary() {
    return inbox.hasBinary();
  }

  /**
   * Sends a text message.
   *
   * @param text the message
   * @throws IOException when the send fails or does not finish in time
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public synchronized void send(String text) throws IOException, InterruptedException {
    await(socket.sendText(text, true), "send");
  }

  /**
   * Sends a JSON value as a text message.
   *
   * @param json the value, for example a {@code JsonObject} built with {@code Json}
   * @throws IOException when the send fails or does not finish in time
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public void send(JsonValue json) throws IOException, InterruptedException {
    send(json.toString());
  }

  /**
   * Sends a map as a JSON object: strings, numbers, booleans, {@code null}, JSON values, nested
   * maps and collections.
   *
   * <pre>{@code
   * client.sendJson(Map.of("op", "join", "room", "red"));
   * }</pre>
   *
   * @param object the object's members
   * @throws IOException when the send fails or does not finish in time
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public void sendJson(Map<String, ?> object) throws IOException, InterruptedException {
    send(Json.createObjectBuilder(new LinkedHashMap<String, Object>(object)).build());
  }

  /**
   * Sends a binary message.
   *
   * @param bytes the message
   * @throws IOException when the send fails or does not finish in time
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public synchronized void sendBinary(byte[] bytes) throws IOException, InterruptedException {
    await(socket.sendBinary(ByteBuffer.wrap(bytes), true), "binary send");
  }

  /**
   * Waits until the connection has ended, for example after the server closed it.
   *
   * @return the close code and reason; {@code 1006} when it ended without a close frame
   * @throws AssertionError when it is still open after the timeout
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public CandyClose awaitClose() throws InterruptedException {
    return inbox.awaitClose(inbox.timeout());
  }

  /**
   * Whether the connection has ended.
   *
   * @return true once the server's close frame came or the connection was lost
   */
  public boolean isClosed() {
    return inbox.isClosed();
  }

  /**
   * The subprotocol the server chose during the handshake.
   *
   * @return the subprotocol, empty when none
   */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  /**
   * Drops the TCP connection without a close frame, as a client that vanishes does; the server sees
   * {@code 1006}.
   */
  public void abort() {
    socket.abort();
  }

  /**
   * Closes with {@code 1000}, waits briefly for the server's answer, then drops the connection.
   * Does nothing once the connection has ended.
   */
  @Override
  public void close() {
    if (!inbox.isClosed()) {
      try {
        socket
            .sendClose(WebSocket.NORMAL_CLOSURE, "")
            .get(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        inbox.awaitClose(CLOSE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | AssertionError e) {
        // Closing anyway: the abort below ends the connection.
      }
    }
    socket.abort();
  }

  private void await(CompletableFuture<?> operation, String what)
      throws IOException, InterruptedException {
    try {
      operation.get(inbox.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IOException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(what + " did not finish within " + Inbox.describe(inbox.timeout()));
    }
  }

  /**
   * A connection about to be opened: its handshake headers, subprotocols and timeout.
   *
   * <pre>{@code
   * CandyTestClient client =
   *     CandyTestClient.to(uri)
   *         .basicAuth("alice", "secret")
   *         .csrfToken(token)
   *         .header("Cookie", "JSESSIONID=" + session)
   *         .timeout(Duration.ofSeconds(5))
   *         .connect();
   * }</pre>
   */
  public static final class Builder {
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> subprotocols = new ArrayList<>();
    private String token;
    private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /**
     * Adds a header to the handshake request, such as {@code Origin} or {@code Cookie}.
     *
     * @param name the header's name; not one the WebSocket handshake sets itself ({@code
     *     Sec-WebSocket-*}, {@code Upgrade}, {@code Connection}, {@code Host})
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Sends HTTP Basic credentials with the handshake.
     *
     * @param user the user's name
     * @param password the password
     * @return this builder
     */
    public Builder basicAuth(String user, String password) {
      return header("Authorization", basic(user, password));
    }

    /**
     * Sends a CSRF token as the browser client does: the subprotocol entries {@code candy-ws} and
     * {@code candy-token-<token>}. The token belongs to an HTTP session, so send that session's
     * cookie too ({@link CandySession#client(String)} does both).
     *
     * @param token the token, as {@code CandyCsrf.token()} gave it to the session
     * @return this builder
     */
    public Builder csrfToken(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Requests subprotocols, in order of preference.
     *
     * @param names the subprotocols
     * @return this builder
     */
    public Builder subprotocols(String... names) {
      subprotocols.addAll(List.of(names));
      return this;
    }

    /**
     * How long the handshake, each send and each read may take.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Opens the connection.
     *
     * @return the open client; close it (try-with-resources) when the test is done
     * @throws CandyHandshakeException when the server answers the handshake with an HTTP status
     * @throws IOException when the connection fails or the handshake does not finish in time
     * @throws InterruptedException when the thread is interrupted while connecting
     */
    public CandyTestClient connect() throws IOException, InterruptedException {
      Inbox inbox = new Inbox(timeout);
      WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(timeout);
      headers.forEach(builder::header);
      List<String> requested = requestedSubprotocols();
      if (!requested.isEmpty()) {
        builder.subprotocols(
            requested.get(0), requested.subList(1, requested.size()).toArray(String[]::new));
      }
      CompletableFuture<WebSocket> opening = builder.buildAsync(uri, inbox);
      try {
        return new CandyTestClient(opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS), inbox);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof WebSocketHandshakeException refused) {
          throw new CandyHandshakeException(refused.getResponse().statusCode(), refused);
        }
        throw new IOException("could not connect to " + uri + ": " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        opening.cancel(true);
        throw new InterruptedIOException(
            "the handshake with " + uri + " did not finish within " + Inbox.describe(timeout));
      }
    }

    /** The subprotocols asked for: the given ones, then the CSRF token's entries. */
    List<String> requestedSubprotocols() {
      List<String> requested = new ArrayList<>(subprotocols);
      if (token != null) {
        if (!requested.contains(CANDY_SUBPROTOCOL)) {
          requested.add(CANDY_SUBPROTOCOL);
        }
        requested.add(TOKEN_PREFIX + token);
      }
      return requested;
    }

    Map<String, String> headers() {
      return headers;
    }

    static String basic(String user, String password) {
      String pair = user + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
  }
}
