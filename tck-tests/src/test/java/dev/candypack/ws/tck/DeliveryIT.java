package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyTestClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example's presence and feed routes on one node: who is in a room, and a client that comes
 * back receiving what it missed, without gap or duplicate. {@code ClusterIT} checks the same across
 * two nodes.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ExampleWar.named("ROOT.war");
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private String users(String room) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(app.http("api/rooms/" + room + "/users")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  @Test
  void presenceListsTheUsersAndTellsWhenTheFirstSocketCameAndTheLastWent() throws Exception {
    String room = unique();
    try (CandyTestClient ann = app.connect("presence/" + room + "/user/ann")) {
      assertEquals(
          "{\"type\":\"members\",\"roomId\":\"" + room + "\",\"users\":[\"ann\"]}", ann.next());
      CandyTestClient bob = app.connect("presence/" + room + "/user/bob");
      assertEquals(
          "{\"type\":\"members\",\"roomId\":\"" + room + "\",\"users\":[\"ann\",\"bob\"]}",
          bob.next());
      assertEquals("{\"type\":\"joined\",\"userId\":\"bob\"}", ann.next());
      CandyTestClient bobAgain = app.connect("presence/" + room + "/user/bob");
      assertEquals(
          "{\"type\":\"members\",\"roomId\":\"" + room + "\",\"users\":[\"ann\",\"bob\"]}",
          bobAgain.next());
      assertEquals("{\"users\":[\"ann\",\"bob\"]}", users(room));
      bob.close();
      bob.awaitClose();
      try (CandyTestClient cid = app.connect("presence/" + room + "/user/cid")) {
        cid.next();
        // Bob's second socket is still in: the next change ann hears of is cid, not bob leaving.
        assertEquals("{\"type\":\"joined\",\"userId\":\"cid\"}", ann.next());
        assertEquals("{\"type\":\"joined\",\"userId\":\"cid\"}", bobAgain.next());
      }
      assertEquals("{\"type\":\"left\",\"userId\":\"cid\"}", ann.next());
      bobAgain.close();
      assertEquals("{\"type\":\"left\",\"userId\":\"bob\"}", ann.next());
      assertEquals("{\"users\":[\"ann\"]}", users(room));
    }
    // The server forgets ann once her close is through, which the client does not wait for.
    Eventually.await("an empty room", () -> users(room), "{\"users\":[]}"::equals);
  }

  static String message(String text, long offset) {
    return "{\"type\":\"message\",\"text\":\"" + text + "\",\"offset\":" + offset + "}";
  }

  @Test
  void aFeedClientThatComesBackGetsWhatItMissedThenLiveMessagesOnce() throws Exception {
    String feed = "feed/" + unique();
    try (CandyTestClient a = app.connect(feed)) {
      // A socket's own message coming back shows it is in: those sent before may not reach it.
      a.send("{\"text\":\"t0\"}");
      assertEquals(message("t0", 0), a.next(), "the sender is a member");
      CandyTestClient b = app.connect(feed);
      b.send("{\"text\":\"b\"}");
      assertEquals(message("b", 1), b.next());
      assertEquals(message("b", 1), a.next());
      a.send("{\"text\":\"t1\"}");
      assertEquals(message("t1", 2), a.next());
      assertEquals(message("t1", 2), b.next());
      b.close();
      b.awaitClose();
      for (int i = 3; i <= 5; i++) {
        a.send("{\"text\":\"t" + i + "\"}");
        assertEquals(message("t" + i, i), a.next());
      }
      try (CandyTestClient back = app.connect(feed + "?since=2")) {
        for (int i = 3; i <= 5; i++) {
          assertEquals(message("t" + i, i), back.next(), "missed, in order");
        }
        a.send("{\"text\":\"t6\"}");
        assertEquals(message("t6", 6), back.next(), "then live, nothing twice");
        assertEquals(message("t6", 6), a.next());
        back.send("{\"text\":\"t7\"}");
        assertEquals(message("t7", 7), back.next());
        assertEquals(message("t7", 7), a.next());
      }
      try (CandyTestClient upToDate = app.connect(feed + "?since=7")) {
        a.send("{\"text\":\"t8\"}");
        assertEquals(message("t8", 8), upToDate.next(), "nothing to replay, then live");
        assertEquals(message("t8", 8), a.next());
      }
    }
  }

  @Test
  void aFeedKeepsItsLast100AndToldAClientThatAskedForMore() throws Exception {
    String feed = "feed/" + unique();
    // Two senders, so that neither goes past the rate limit's burst (100 at once by default);
    // each one's first message coming back shows it is in.
    try (CandyTestClient a = app.connect(feed)) {
      a.send("{\"text\":\"t0\"}");
      assertEquals(message("t0", 0), a.next());
      try (CandyTestClient b = app.connect(feed)) {
        for (int i = 1; i < 105; i++) {
          (i % 2 == 1 ? b : a).send("{\"text\":\"t" + i + "\"}");
          assertEquals(message("t" + i, i), b.next());
          assertEquals(message("t" + i, i), a.next());
        }
      }
      try (CandyTestClient old = app.connect(feed + "?since=0")) {
        JsonObject reset = old.nextJson();
        assertEquals("reset", reset.getString("type"));
        assertEquals(feed, reset.getString("roomId"));
        assertEquals(0, reset.getInt("since"));
        assertEquals(5, reset.getInt("oldest"));
        for (int i = 5; i < 105; i++) {
          assertEquals(message("t" + i, i), old.next());
        }
      }
      try (CandyTestClient fromAnotherLife = app.connect(feed + "?since=900")) {
        assertEquals(
            "{\"type\":\"reset\",\"roomId\":\"" + feed + "\",\"since\":900,\"oldest\":105}",
            fromAnotherLife.next(),
            "an offset the feed never reached");
      }
    }
  }

  @Test
  void aSinceThatIsNoNumberIsRefused() throws Exception {
    try (CandyTestClient bad = app.connect("feed/" + unique() + "?since=yesterday")) {
      var close = bad.awaitClose();
      assertEquals(1008, close.code());
      assertEquals("since is not a whole number", close.reason());
      assertFalse(bad.hasNext());
    }
  }

  @Test
  void plainRoomsCarryNoOffset() throws Exception {
    String room = unique();
    try (CandyTestClient a = app.connect("room/" + room + "/user/ann")) {
      a.next();
      a.send("{\"text\":\"hi\"}");
      JsonObject message = a.nextJson();
      assertEquals("hi", message.getString("text"));
      assertEquals(List.of("type", "userId", "text", "room"), List.copyOf(message.keySet()));
    }
  }
}
