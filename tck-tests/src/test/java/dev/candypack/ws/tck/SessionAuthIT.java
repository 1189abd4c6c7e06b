package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyClose;
import dev.candypack.ws.test.CandyTestClient;
import jakarta.json.JsonObject;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user a connection keeps beyond its handshake, on the example WAR's {@code /board}: {@code
 * inRole} answers at message time (only editors post; others are refused one post at a time), and a
 * socket opened under a logged-in session closes with 4001 "Session ended" at logout.
 */
@ExtendWith(ArquillianExtension.class)
class SessionAuthIT {

  private static final CandyClose SESSION_ENDED = new CandyClose(4001, "Session ended");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ExampleWar.named("session-auth.war");
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  /** A browser's cookie jar, logged in through the example's {@code POST api/login}. */
  private final class Browser {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    int post(String path, String form) throws Exception {
      return http.send(
              HttpRequest.newBuilder(app.http(path))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    Browser login(String user) throws Exception {
      assertEquals(200, post("api/login", "user=" + user + "&password=secret"));
      assertFalse(cookie().isEmpty(), "the login left a session cookie");
      return this;
    }

    /** The board, with the cookies the browser holds now (none after a logout on WildFly). */
    CandyTestClient board() throws Exception {
      String cookie = cookie();
      CandyTestClient.Builder board = app.client("board");
      return (cookie.isEmpty() ? board : board.header("Cookie", cookie)).connect();
    }

    private String cookie() throws Exception {
      URI uri = app.http("board");
      return String.join("; ", cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of()));
    }
  }

  private static void welcomed(CandyTestClient client, String user, boolean editor)
      throws InterruptedException {
    JsonObject welcome = client.nextJson();
    assertEquals("welcome", welcome.getString("type"));
    assertEquals(user, welcome.getString("user"));
    assertEquals(editor, welcome.getBoolean("editor"));
  }

  @Test
  void inRoleAnswersAtMessageTimeAndRefusesOnePostWithoutClosing() throws Exception {
    try (CandyTestClient bob = app.client("board").basicAuth("bob", "secret").connect();
        CandyTestClient alice = app.client("board").basicAuth("alice", "secret").connect()) {
      welcomed(bob, "bob", false);
      welcomed(alice, "alice", true);

      bob.send("{\"text\":\"let me post\"}");
      assertEquals("{\"type\":\"error\",\"error\":\"Forbidden\",\"role\":\"editor\"}", bob.next());
      bob.send("{\"text\":\"again\"}");
      assertEquals("Forbidden", bob.nextJson().getString("error"), "still open, refused again");

      alice.send("{\"text\":\"release at 5\"}");
      String post = "{\"type\":\"post\",\"user\":\"alice\",\"text\":\"release at 5\"}";
      assertEquals(post, alice.next());
      assertEquals(post, bob.next(), "bob reads what the editor posts");
      assertFalse(bob.isClosed());
    }
  }

  @Test
  void anAnonymousClientNeverReachesTheBoard() throws Exception {
    try (CandyTestClient anonymous = app.connect("board")) {
      assertEquals(new CandyClose(4001, "Unauthorized"), anonymous.awaitClose());
    }
  }

  @Test
  void logoutClosesEverySocketOfThatSessionWith4001SessionEnded() throws Exception {
    Browser alice = new Browser().login("alice");
    Browser bob = new Browser().login("bob");
    try (CandyTestClient tab1 = alice.board();
        CandyTestClient tab2 = alice.board();
        CandyTestClient other = bob.board()) {
      welcomed(tab1, "alice", true); // the session's user, roles included
      welcomed(tab2, "alice", true);
      welcomed(other, "bob", false);

      assertEquals(204, alice.post("api/logout", ""));

      assertEquals(SESSION_ENDED, tab1.awaitClose());
      assertEquals(SESSION_ENDED, tab2.awaitClose());
      other.send("{\"text\":\"still here\"}");
      assertEquals("Forbidden", other.nextJson().getString("error"), "bob's session goes on");
      assertFalse(other.isClosed());
    }
    try (CandyTestClient afterLogout = alice.board()) {
      assertEquals(new CandyClose(4001, "Unauthorized"), afterLogout.awaitClose());
    }
  }

  @Test
  void aLoginThatChangesTheSessionIdKeepsItsSocketsTied() throws Exception {
    Browser browser = new Browser().login("bob");
    try (CandyTestClient socket = browser.board()) {
      welcomed(socket, "bob", false);
      browser.login("alice"); // a new session id for the same session
      assertEquals(204, browser.post("api/logout", ""));
      assertEquals(SESSION_ENDED, socket.awaitClose());
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Browser browser = new Browser();
    assertEquals(401, browser.post("api/login", "user=alice&password=wrong"));
    assertEquals(401, browser.post("api/login", "user=mallory&password=secret"));
  }
}
