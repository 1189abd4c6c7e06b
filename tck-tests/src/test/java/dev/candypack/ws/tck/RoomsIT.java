package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyTestClient;
import dev.candypack.ws.test.CandyWar;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Rooms, broadcasts and the server-wide view, with many real clients: the test kit's, and its probe
 * for the server's view of the rooms.
 */
@ExtendWith(ArquillianExtension.class)
class RoomsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return CandyWar.addProbe(Server.war("rooms").addPackage(TestRoutes.class.getPackage()));
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  /** Joins a room and waits until the server counts the member, so that sends find it. */
  private void join(CandyTestClient client, String room, int expectedMembers) throws Exception {
    client.sendJson(Map.of("op", "join", "room", room));
    app.awaitRoomSize(room, expectedMembers);
  }

  @Test
  void toRoomReachesEveryMemberSenderIncludedAndNoOneElse() throws Exception {
    try (CandyTestClient a = app.connect("cmd");
        CandyTestClient b = app.connect("cmd");
        CandyTestClient outsider = app.connect("cmd")) {
      join(a, "red", 1);
      join(b, "red", 2);
      join(outsider, "blue", 1);
      a.send("{\"op\":\"to\",\"room\":\"red\",\"msg\":{\"text\":\"hello red\"}}");
      assertEquals("hello red", a.nextJson().getString("text"));
      assertEquals("hello red", b.nextJson().getString("text"));
      outsider.send("{\"op\":\"to\",\"room\":\"blue\",\"msg\":\"only blue\"}");
      assertEquals("only blue", outsider.next(), "strings are sent as-is");
      assertTrue(!a.hasNext() && !b.hasNext(), "rooms are isolated");
    }
  }

  @Test
  void roomsCanBeListedAndLeftAndBinaryGoesToTheRoomToo() throws Exception {
    try (CandyTestClient a = app.connect("cmd")) {
      join(a, "one", 1);
      join(a, "two", 1);
      a.send("{\"op\":\"rooms\"}");
      assertEquals(
          List.of("one", "two"),
          a.nextJson().getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class).stream()
              .map(jakarta.json.JsonString::getString)
              .sorted()
              .toList());
      a.send("{\"op\":\"to-binary\",\"room\":\"one\",\"msg\":\"bytes\"}");
      assertEquals("bytes", new String(a.nextBinary(), StandardCharsets.UTF_8));
      a.send("{\"op\":\"leave\",\"room\":\"one\"}");
      app.awaitRoomSize("one", 0);
      a.send("{\"op\":\"to\",\"room\":\"one\",\"msg\":\"nobody hears\"}");
      a.send("{\"op\":\"rooms\"}");
      assertEquals(1, a.nextJson().getJsonArray("rooms").size(), "only the room message is lost");
    }
  }

  @Test
  void broadcastReachesEveryOtherSocketOfTheApplicationButNotTheSender() throws Exception {
    try (CandyTestClient sender = app.connect("cmd");
        CandyTestClient other = app.connect("cmd");
        CandyTestClient onAnotherRoute = app.connect("echo")) {
      // A round trip each: the handlers have run, so the broadcast reaches them.
      other.send("{\"op\":\"id\"}");
      assertTrue(other.nextJson().containsKey("id"));
      onAnotherRoute.send("ready?");
      assertEquals("ready?", onAnotherRoute.nextJson().getString("text"));
      sender.send("{\"op\":\"broadcast\",\"msg\":{\"news\":\"hi all\"}}");
      assertEquals("hi all", other.nextJson().getString("news"));
      assertEquals("hi all", onAnotherRoute.nextJson().getString("news"));
      sender.send("{\"op\":\"id\"}");
      assertTrue(sender.nextJson().containsKey("id"), "the sender got its own answer only");
    }
  }

  @Test
  void theInjectableServerSendsToRoomsAndToEveryoneFromOutsideARoute() throws Exception {
    try (CandyTestClient a = app.connect("cmd");
        CandyTestClient b = app.connect("cmd")) {
      b.send("{\"op\":\"id\"}"); // b's handler has run: a broadcast now reaches it
      assertTrue(b.nextJson().containsKey("id"));
      join(a, "ops", 1);
      app.toRoom("ops", "{\"server\":\"deploying\"}");
      assertEquals("deploying", a.nextJson().getString("server"));
      app.broadcast("{\"server\":\"everyone\"}");
      assertEquals("everyone", a.nextJson().getString("server"));
      assertEquals("everyone", b.nextJson().getString("server"));
      assertFalse(b.hasNext(), "b is not in the room");
    }
  }

  @Test
  void abruptDisconnectsLeaveNoMembershipBehind() throws Exception {
    int baseline = app.clientCount();
    List<RawSocket> sockets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      RawSocket socket = RawSocket.connect(app.ws("cmd"));
      socket.sendText("{\"op\":\"join\",\"room\":\"vanishing\"}");
      sockets.add(socket);
    }
    app.awaitRoomSize("vanishing", 20);
    for (RawSocket socket : sockets) {
      socket.vanish();
    }
    app.awaitClientCount(baseline);
    assertEquals(0, app.roomSize("vanishing"));
  }

  @Test
  void fiftyClientsTimesTwentyMessagesArriveCompleteAndInPerSenderOrder() throws Exception {
    int clients = 50;
    int messages = 20;
    List<CandyTestClient> members = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        members.add(app.connect("cmd"));
      }
      for (CandyTestClient member : members) {
        member.send("{\"op\":\"join\",\"room\":\"crowd\"}");
      }
      app.awaitRoomSize("crowd", clients);
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        CandyTestClient member = members.get(c);
        int sender = c;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int m = 0; m < messages; m++) {
                      member.send(
                          "{\"op\":\"to\",\"room\":\"crowd\",\"msg\":{\"from\":"
                              + sender
                              + ",\"seq\":"
                              + m
                              + "}}");
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        thread.start();
        senders.add(thread);
      }
      for (Thread thread : senders) {
        thread.join(app.timeout().toMillis());
      }
      for (CandyTestClient member : members) {
        Map<Integer, Integer> nextSeq = new HashMap<>();
        for (int i = 0; i < clients * messages; i++) {
          JsonObject message = member.nextJson();
          int from = message.getInt("from");
          int expected = nextSeq.getOrDefault(from, 0);
          assertEquals(expected, message.getInt("seq"), "in order from sender " + from);
          nextSeq.put(from, expected + 1);
        }
        assertEquals(clients, nextSeq.size());
        nextSeq.values().forEach(count -> assertEquals(messages, count));
        assertFalse(member.hasNext(), "nothing more than sent");
      }
    } finally {
      for (CandyTestClient member : members) {
        member.close();
      }
    }
  }
}
