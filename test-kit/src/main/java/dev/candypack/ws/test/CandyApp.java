package dev.candypack.ws.test;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A deployed application seen from a test: the addresses of its routes, clients for them, HTTP
 * sessions, and (with {@link CandyWar#addProbe}) its rooms and connections as the injectable {@code
 * CandyServer} sees them.
 *
 * <pre>{@code
 * @ArquillianResource URL url;
 *
 * @Test
 * void membersOfARoomHearEachOther() throws Exception {
 *   CandyApp app = CandyApp.at(url);
 *   try (CandyTestClient ann = app.connect("/room/tea/user/ann");
 *       CandyTestClient bob = app.connect("/room/tea/user/bob")) {
 *     app.awaitRoomSize("tea", 2);
 *     bob.sendJson(Map.of("text", "hello"));
 *     assertEquals("hello", ann.nextJson().getString("text"));
 *   }
 * }
 * }</pre>
 *
 * <p>Paths are relative to the application's context root, like a route's template: {@code "/chat"}
 * and {@code "chat"} are the same route.
 */
public final class CandyApp {

  static final String PROBE = "candy-ws-test/probe";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final URI root;
  private final Duration timeout;

  private CandyApp(URI root, Duration timeout) {
    this.root = root;
    this.timeout = timeout;
  }

  /**
   * The application at a deployment's URL, as Arquillian injects it with {@code @ArquillianResource
   * URL url}.
   *
   * @param deployment the application's root URL, {@code http://host:port/context/}
   * @return the application
   */
  public static CandyApp at(URL deployment) {
    try {
      return at(deployment.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URI: " + deployment, e);
    }
  }

  /**
   * The application at its root URI.
   *
   * @param root the application's root, {@code http://host:port/context/} (or {@code https})
   * @return the application
   */
  public static CandyApp at(URI root) {
    String scheme = Objects.requireNonNull(root.getScheme(), "the root needs a scheme: " + root);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("an http or https root is expected: " + root);
    }
    String path =
        root.getRawPath() == null || root.getRawPath().isEmpty() ? "/" : root.getRawPath();
    URI normalized =
        URI.create(
            scheme + "://" + root.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    return new CandyApp(normalized, Duration.ofSeconds(CandyTestClient.DEFAULT_TIMEOUT_SECONDS));
  }

  /**
   * The same application with another timeout for its clients, HTTP requests and awaits.
   *
   * @param timeout a positive duration
   * @return a new view of the application
   */
  public CandyApp withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive: " + timeout);
    }
    return new CandyApp(root, timeout);
  }

  /**
   * The timeout of this view.
   *
   * @return the timeout of its clients, requests and awaits
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * A route's WebSocket address.
   *
   * @param path relative to the context root, with a query if wanted: {@code "game?room=r1"}
   * @return the {@code ws://} (or {@code wss://}) address
   */
  public URI ws(String path) {
    String scheme = root.getScheme().equals("https") ? "wss" : "ws";
    return URI.create(scheme + root.toString().substring(root.getScheme().length()))
        .resolve(relative(path));
  }

  /**
   * An HTTP address of the application.
   *
   * @param path relative to the context root: {@code "api/notify/bob"}
   * @return the address
   */
  public URI http(String path) {
    return root.resolve(relative(path));
  }

  /**
   * Starts a connection to a route, to add headers, credentials or a token before {@link
   * CandyTestClient.Builder#connect()}.
   *
   * @param path the route's path relative to the context root
   * @return a builder with this application's timeout
   */
  public CandyTestClient.Builder client(String path) {
    return CandyTestClient.to(ws(path)).timeout(timeout);
  }

  /**
   * Connects to a route.
   *
   * @param path the route's path relative to the context root
   * @return the open client
   * @throws CandyHandshakeException when the server answers the handshake with an HTTP status
   * @throws IOException when the connection fails
   * @throws InterruptedException when the thread is interrupted while connecting
   */
  public CandyTestClient connect(String path) throws IOException, InterruptedException {
    return client(path).connect();
  }

  /**
   * A new HTTP session, as a browser keeps one: its cookies go with its requests and with the
   * handshakes of its clients, for example to fetch a CSRF token and connect with it.
   *
   * @return a session without cookies yet
   */
  public CandySession session() {
    return new CandySession(this);
  }

  // ---- The probe: the server's own view (CandyWar.addProbe) ---------------------------------

  /**
   * How many connections the application has open now ({@code CandyServer.clientCount()}). Needs
   * {@link CandyWar#addProbe} in the deployment.
   *
   * @return the count
   * @throws IOException when the probe cannot be read
   * @throws InterruptedException when the thread is interrupted while reading
   */
  public int clientCount() throws IOException, InterruptedException {
    return probe(null).getInt("clients");
  }

  /**
   * How many members a room has now on this node ({@code CandyServer.room(room).members()}). Needs
   * {@link CandyWar#addProbe} in the deployment.
   *
   * @param room the room's name
   * @return the count, 0 for a room nobody joined
   * @throws IOException when the probe cannot be read
   * @throws InterruptedException when the thread is interrupted while reading
   */
  public int roomSize(String room) throws IOException, InterruptedException {
    return probe(room).getInt("members");
  }

  /**
   * Waits until a room has exactly this many members, for example until a route's handler has
   * joined a new connection to it, so that a message to the room reaches it.
   *
   * @param room the room's name
   * @param members the count to wait for
   * @throws AssertionError when the room does not reach it within the timeout
   * @throws IOException when the probe cannot be read
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public void awaitRoomSize(String room, int members) throws IOException, InterruptedException {
    awaitProbe(
        room, state -> state.getInt("members") == members, "room " + room + " of " + members);
  }

  /**
   * Waits until the application has exactly this many open connections, for example until the
   * server has noticed clients that went away.
   *
   * @param clients the count to wait for
   * @throws AssertionError when the count is not reached within the timeout
   * @throws IOException when the probe cannot be read
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public void awaitClientCount(int clients) throws IOException, InterruptedException {
    awaitProbe(null, state -> state.getInt("clients") == clients, clients + " clients");
  }

  /**
   * Sends a text to every member of a room through {@code CandyServer.toRoom}, as application code
   * outside a route does. Needs {@link CandyWar#addProbe}.
   *
   * @param room the room's name
   * @param text the message, sent as it is (a JSON text arrives as that JSON)
   * @throws IOException when the probe cannot be reached
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public void toRoom(String room, String text) throws IOException, InterruptedException {
    post(PROBE + "?room=" + query(room), text);
  }

  /**
   * Sends a text to every open connection through {@code CandyServer.broadcast}. Needs {@link
   * CandyWar#addProbe}.
   *
   * @param text the message, sent as it is
   * @throws IOException when the probe cannot be reached
   * @throws InterruptedException when the thread is interrupted while sending
   */
  public void broadcast(String text) throws IOException, InterruptedException {
    post(PROBE, text);
  }

  private void awaitProbe(String room, Predicate<JsonObject> condition, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last;
    do {
      last = probe(room);
      if (condition.test(last)) {
        return;
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "expected " + what + " within " + Inbox.describe(timeout) + "; last seen: " + last);
  }

  private JsonObject probe(String room) throws IOException, InterruptedException {
    String query = room == null ? "" : "?room=" + query(room);
    return CandyTestClient.json(expectOk(HttpRequest.newBuilder(http(PROBE + query)).GET()));
  }

  private void post(String path, String body) throws IOException, InterruptedException {
    expectOk(
        HttpRequest.newBuilder(http(path))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private String expectOk(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      throw new IOException(
          "no probe at " + response.uri() + ": add it with CandyWar.addProbe(war)");
    }
    if (response.statusCode() != 200) {
      throw new IOException("the probe answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** A query parameter's value, encoded so that any server decodes it alike. */
  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path relative to the context root, whether or not it starts with a slash. */
  static String relative(String path) {
    String relative = path;
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    return relative;
  }
}
