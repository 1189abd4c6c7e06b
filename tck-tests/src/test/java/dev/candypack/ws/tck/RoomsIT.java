package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rooms, broadcasts and the server-wide view, with many real clients. */
@ExtendWith(ArquillianExtension.class)
class RoomsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("rooms").addPackage(TestRoutes.class.getPackage());
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  /** Joins a room and waits until the server counts the member, so that sends find it. */
  private void join(WsClient client, String room, int expectedMembers) throws Exception {
    client.send("{\"op\":\"join\",\"room\":\"" + room + "\"}");
    server.awaitStats("room=" + room, s -> s.getInt("members") >= expectedMembers);
  }

  @Test
  void toRoomReachesEveryMemberSenderIncludedAndNoOneElse() throws Exception {
    try (WsClient a = WsClient.connect(server.ws("cmd"));
        WsClient b = WsClient.connect(server.ws("cmd"));
        WsClient outsider = WsClient.connect(server.ws("cmd"))) {
      join(a, "red", 1);
      join(b, "red", 2);
      join(outsider, "blue", 1);
      a.send("{\"op\":\"to\",\"room\":\"red\",\"msg\":{\"text\":\"hello red\"}}");
      assertEquals("hello red", a.nextJson().getString("text"));
      assertEquals("hello red", b.nextJson().getString("text"));
      outsider.send("{\"op\":\"to\",\"room\":\"blue\",\"msg\":\"only blue\"}");
      assertEquals("only blue", outsider.next(), "strings are sent as-is");
      assertTrue(a.texts.isEmpty() && b.texts.isEmpty(), "rooms are isolated");
    }
  }

  @Test
  void roomsCanBeListedAndLeftAndBinaryGoesToTheRoomToo() throws Exception {
    try (WsClient a = WsClient.connect(server.ws("cmd"))) {
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
      server.awaitStats("room=one", s -> s.getInt("members") == 0);
      a.send("{\"op\":\"to\",\"room\":\"one\",\"msg\":\"nobody hears\"}");
      a.send("{\"op\":\"rooms\"}");
      assertEquals(1, a.nextJson().getJsonArray("rooms").size(), "only the room message is lost");
    }
  }

  @Test
  void broadcastReachesEveryOtherSocketOfTheApplicationButNotTheSender() throws Exception {
    try (WsClient sender = WsClient.connect(server.ws("cmd"));
        WsClient other = WsClient.connect(server.ws("cmd"));
        WsClient onAnotherRoute = WsClient.connect(server.ws("echo"))) {
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
    try (WsClient a = WsClient.connect(server.ws("cmd"));
        WsClient b = WsClient.connect(server.ws("cmd"))) {
      b.send("{\"op\":\"id\"}"); // b's handler has run: a broadcast now reaches it
      assertTrue(b.nextJson().containsKey("id"));
      join(a, "ops", 1);
      server.post("room=ops&msg=deploying");
      assertEquals("deploying", a.nextJson().getString("server"));
      server.post("msg=everyone");
      assertEquals("everyone", a.nextJson().getString("server"));
      assertEquals("everyone", b.nextJson().getString("server"));
      assertTrue(b.texts.isEmpty(), "b is not in the room");
    }
  }

  @Test
  void abruptDisconnectsLeaveNoMembershipBehind() throws Exception {
    int baseline = server.stats("").getInt("clients");
    List<RawSocket> sockets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      RawSocket socket = RawSocket.connect(server.ws("cmd"));
      socket.sendText("{\"op\":\"join\",\"room\":\"vanishing\"}");
      sockets.add(socket);
    }
    server.awaitStats("room=vanishing", s -> s.getInt("members") == 20);
    for (RawSocket socket : sockets) {
      socket.vanish();
    }
    JsonObject after =
        server.awaitStats(
            "room=vanishing", s -> s.getInt("members") == 0 && s.getInt("clients") == baseline);
    assertEquals(0, after.getInt("members"));
  }

  @Test
  void fiftyClientsTimesTwentyMessagesArriveCompleteAndInPerSenderOrder() throws Exception {
    int clients = 50;
    int messages = 20;
    List<WsClient> members = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        members.add(WsClient.connect(server.ws("cmd")));
      }
      for (WsClient member : members) {
        member.send("{\"op\":\"join\",\"room\":\"crowd\"}");
      }
      server.awaitStats("room=crowd", s -> s.getInt("members") == clients);
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        WsClient member = members.get(c);
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
        thread.join(TimeUnit.SECONDS.toMillis(WsClient.TIMEOUT_SECONDS));
      }
      for (WsClient member : members) {
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
        assertNull(member.texts.poll(), "nothing more than sent");
      }
    } finally {
      for (WsClient member : members) {
        member.close();
      }
    }
  }
}
