package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyClose;
import dev.candypack.ws.test.CandyHandshakeException;
import dev.candypack.ws.test.CandyTestClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example WAR's route contract ({@code design.md}), checked with the test kit's client (the
 * JDK's own WebSocket client) against the WAR exactly as the build produces it, at context root
 * {@code /}.
 */
@ExtendWith(ArquillianExtension.class)
class ExampleContractIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    // ROOT.war: served at context root "/", as the contract says.
    return ExampleWar.named("ROOT.war");
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  @Test
  void chatWelcomesAndEchoesParsedMessages() throws Exception {
    try (CandyTestClient chat = app.connect("chat")) {
      assertEquals("{\"type\":\"welcome\",\"message\":\"Connected!\"}", chat.next());
      chat.send("{\"n\":1}");
      assertEquals("{\"type\":\"echo\",\"data\":{\"n\":1}}", chat.next());
      chat.send("plain words");
      assertEquals("{\"type\":\"echo\",\"data\":\"plain words\"}", chat.next());
    }
  }

  @Test
  void gameRelaysToItsRoomSenderIncluded() throws Exception {
    try (CandyTestClient a = app.connect("game?room=r1");
        CandyTestClient b = app.connect("game?room=r1");
        CandyTestClient lobby = app.connect("game")) {
      lobby.send("{\"message\":\"in the lobby\"}");
      assertEquals("in the lobby", lobby.nextJson().getString("message"));
      // A member's own message comes back once its handler has joined it to r1.
      a.send("{\"message\":\"ready a\"}");
      assertEquals("ready a", chat(a));
      // b may have joined while a's message went round the room, and then gets it at any point
      // before a's next message (two senders reach a member in no fixed order), but only once.
      List<String> seenByB = new ArrayList<>();
      b.send("{\"message\":\"ready b\"}");
      assertEquals("ready b", chatAfter(b, "ready a", seenByB));
      assertEquals("ready b", chat(a));
      a.send("{\"message\":\"gg\"}");
      assertEquals("gg", chatAfter(b, "ready a", seenByB));
      assertTrue(seenByB.size() <= 1, "a's ready at most once: " + seenByB);
      assertEquals("gg", chat(a));
      assertTrue(!a.hasNext() && !b.hasNext(), "room r1 never saw the lobby");
    }
  }

  /**
   * A game member's next chat message other than {@code skipped}, which it adds to {@code seen}.
   */
  private static String chatAfter(CandyTestClient member, String skipped, List<String> seen)
      throws Exception {
    String text;
    while ((text = chat(member)).equals(skipped)) {
      seen.add(text);
    }
    return text;
  }

  /** The text of a game member's next chat message. */
  private static String chat(CandyTestClient member) throws Exception {
    JsonObject received = member.nextJson();
    assertEquals("chat", received.getString("type"));
    return received.getString("message");
  }

  @Test
  void roomWithUrlParametersJoinsAndRelays() throws Exception {
    try (CandyTestClient ann = app.connect("room/tea%20room/user/ann");
        CandyTestClient bob = app.connect("room/tea%20room/user/b%C3%B6b")) {
      JsonObject joined = ann.nextJson();
      assertEquals("joined", joined.getString("type"));
      assertEquals("tea room", joined.getString("roomId"));
      assertEquals("ann", joined.getString("userId"));
      assertEquals("böb", bob.nextJson().getString("userId"));
      bob.send("{\"text\":\"hello\"}");
      for (CandyTestClient member : new CandyTestClient[] {ann, bob}) {
        JsonObject message = member.nextJson();
        assertEquals("message", message.getString("type"));
        assertEquals("böb", message.getString("userId"));
        assertEquals("hello", message.getString("text"));
        assertEquals("tea room", message.getString("room"));
      }
    }
  }

  @Test
  void broadcastAnnouncesToEveryOtherSocket() throws Exception {
    try (CandyTestClient sender = app.connect("broadcast");
        CandyTestClient listener = app.connect("chat")) {
      listener.next(); // welcome
      long before = System.currentTimeMillis();
      sender.send("{\"type\":\"broadcast\",\"message\":\"hear ye\"}");
      JsonObject announcement = listener.nextJson();
      assertEquals("announcement", announcement.getString("type"));
      assertEquals("hear ye", announcement.getString("message"));
      assertTrue(announcement.getJsonNumber("timestamp").longValue() >= before - 60_000);
      sender.send("{\"type\":\"broadcast\",\"message\":\"again\"}");
      assertEquals("again", listener.nextJson().getString("message"));
      assertFalse(sender.hasNext(), "the sender gets nothing");
    }
  }

  @Test
  void secureNeedsAUser() throws Exception {
    try (CandyTestClient anonymous = app.connect("secure")) {
      assertEquals("{\"error\":\"Unauthorized\"}", anonymous.next());
      assertEquals(new CandyClose(4001, "Unauthorized"), anonymous.awaitClose());
    }
    try (CandyTestClient alice = app.client("secure").basicAuth("alice", "secret").connect()) {
      assertEquals("{\"type\":\"welcome\",\"user\":\"alice\"}", alice.next());
    }
    try (CandyTestClient wrong = app.client("secure").basicAuth("alice", "wrong").connect()) {
      assertEquals(4001, wrong.awaitClose().code());
    } catch (CandyHandshakeException refused) {
      assertEquals(401, refused.status());
    }
  }

  @Test
  void notificationsReachTheUsersSocketsFromHttp() throws Exception {
    try (CandyTestClient anonymous = app.connect("notifications")) {
      assertEquals(4001, anonymous.awaitClose().code());
    }
    try (CandyTestClient bob = app.client("notifications").basicAuth("bob", "secret").connect();
        CandyTestClient alice =
            app.client("notifications").basicAuth("alice", "secret").connect()) {
      assertEquals("connected", bob.nextJson().getString("type"));
      assertEquals("connected", alice.nextJson().getString("type"));
      app.session().postJson("api/notify/bob", "{\"message\":\"your build is green\"}");
      JsonObject notification = bob.nextJson();
      assertEquals("notification", notification.getString("type"));
      assertEquals("your build is green", notification.getString("message"));
      assertFalse(alice.hasNext(), "only bob's sockets are notified");
    }
  }

  @Test
  void aDirectMessageReachesEverySocketOfTheUserOnEveryRouteAndNoOneElse() throws Exception {
    try (CandyTestClient secure = app.client("secure").basicAuth("alice", "secret").connect();
        CandyTestClient notifications =
            app.client("notifications").basicAuth("alice", "secret").connect();
        CandyTestClient bob = app.client("notifications").basicAuth("bob", "secret").connect();
        CandyTestClient anonymous = app.connect("chat")) {
      assertEquals("welcome", secure.nextJson().getString("type"));
      assertEquals("connected", notifications.nextJson().getString("type"));
      assertEquals("connected", bob.nextJson().getString("type"));
      assertEquals("welcome", anonymous.nextJson().getString("type"));

      JsonObject answer =
          CandyTestClient.json(
              app.session().postJson("api/users/alice/messages", "{\"message\":\"hi alice\"}"));
      assertEquals(2, answer.getInt("sockets"), "alice's sockets on this node");
      assertEquals("{\"type\":\"direct\",\"message\":\"hi alice\"}", secure.next());
      assertEquals("{\"type\":\"direct\",\"message\":\"hi alice\"}", notifications.next());

      app.session().postJson("api/users/bob/messages", "{\"message\":\"hi bob\"}");
      assertEquals("hi bob", bob.nextJson().getString("message"), "bob got alice's message before");
      assertFalse(secure.hasNext(), "alice gets only her own");
      assertFalse(notifications.hasNext());
      assertFalse(anonymous.hasNext(), "an anonymous socket belongs to no user");
    }
    try (CandyTestClient later =
        app.client("notifications").basicAuth("alice", "secret").connect()) {
      assertEquals("connected", later.nextJson().getString("type"));
      assertEquals(
          1,
          CandyTestClient.json(
                  app.session().postJson("api/users/alice/messages", "{\"message\":\"again\"}"))
              .getInt("sockets"),
          "closed sockets are forgotten");
      assertEquals("again", later.nextJson().getString("message"));
    }
  }

  @Test
  void aNotificationSentInATransactionThatRollsBackReachesNoOne() throws Exception {
    try (CandyTestClient alice =
        app.client("notifications").basicAuth("alice", "secret").connect()) {
      assertEquals("connected", alice.nextJson().getString("type"));
      HttpResponse<String> first = notify("alice", "first", false);
      assertEquals(200, first.statusCode(), first.body());
      int logged = CandyTestClient.json(first.body()).getInt("logged");
      assertEquals("first", alice.nextJson().getString("message"), "delivered after the commit");

      HttpResponse<String> rolledBack = notify("alice", "rolled back", true);
      assertEquals(409, rolledBack.statusCode(), rolledBack.body());

      HttpResponse<String> last = notify("alice", "last", false);
      assertEquals(200, last.statusCode(), last.body());
      assertEquals(
          logged + 1,
          CandyTestClient.json(last.body()).getInt("logged"),
          "the rolled-back row was never written: the transaction was real");
      assertEquals(
          "{\"type\":\"notification\",\"message\":\"last\"}",
          alice.next(),
          "the rolled-back notification never came");
    }
  }

  private HttpResponse<String> notify(String user, String message, boolean rollback)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    app.http("api/notify/" + user + (rollback ? "?rollback=true" : "")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void binaryComesBackByteIdentical() throws Exception {
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    try (CandyTestClient client = app.connect("binary")) {
      client.sendBinary(payload);
      assertArrayEquals(payload, client.nextBinary());
    }
  }

  @Test
  void rpcAnswersRequestsAndAsksTheClientInTurn() throws Exception {
    try (CandyTestClient client = app.connect("rpc")) {
      client.send("{\"candy:request\":1,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}");
      assertEquals("{\"candy:reply\":1,\"data\":3}", client.next());
      client.send("{\"candy:request\":\"q\",\"data\":{\"op\":\"ask\",\"question\":\"name?\"}}");
      assertEquals("{\"candy:request\":1,\"data\":\"name?\"}", client.next());
      client.send("{\"candy:reply\":1,\"data\":\"ann\"}");
      assertEquals("{\"candy:reply\":\"q\",\"data\":\"ann\"}", client.next());
      client.send("{\"candy:request\":2,\"data\":{\"op\":\"divide\"}}");
      assertEquals("{\"candy:reply\":2,\"error\":\"Request handler failed\"}", client.next());
    }
  }

  @Test
  void anyOtherPathIsRefusedWith404() throws Exception {
    CandyHandshakeException refused =
        assertThrows(CandyHandshakeException.class, () -> app.connect("no/such/route"));
    assertEquals(404, refused.status());
  }

  @Test
  void theChatPageIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(app.http("")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"messages\""));
    assertFalse(page.body().isEmpty());
  }

  @Test
  void theDashboardIsOffByDefault() throws Exception {
    try (RawSocket dashboard =
        RawSocket.handshake(new Server(url).ws("candy-ws/dashboard"), null, java.util.Map.of())) {
      assertEquals(404, dashboard.status(), "no dashboard route unless candy.ws.dashboard.enabled");
    }
  }
}
