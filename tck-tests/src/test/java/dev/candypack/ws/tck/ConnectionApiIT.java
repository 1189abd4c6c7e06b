package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every method of one connection, through a real client against a real server. */
@ExtendWith(ArquillianExtension.class)
class ConnectionApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("connection-api").addPackage(TestRoutes.class.getPackage());
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  @Test
  void textIsParsedAsJsonWhenItCanBeAndHandedOverRawOtherwise() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("echo"))) {
      client.send("{\"a\":[1,2],\"b\":\"x\"}");
      JsonObject json = client.nextJson();
      assertTrue(json.getBoolean("json"));
      assertEquals(2, json.getJsonObject("data").getJsonArray("a").size());
      assertEquals("x", json.getJsonObject("data").getString("b"));

      client.send("hello, not JSON");
      JsonObject raw = client.nextJson();
      assertFalse(raw.getBoolean("json"));
      assertEquals("hello, not JSON", raw.getString("data"));
      assertEquals("hello, not JSON", raw.getString("text"));
    }
  }

  @Test
  void binaryFramesComeBackByteForByte() throws Exception {
    byte[] payload = new byte[70_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    try (WsClient client = WsClient.connect(server.ws("echo"))) {
      client.sendBinary(payload);
      assertArrayEquals(payload, client.nextBinary());
    }
  }

  @Test
  void aTextMessageOverTenMebibytesIsNeverDeliveredAndClosesTheConnection() throws Exception {
    // WildFly's Undertow hands such a message over whole; candy-ws closes with 1009 itself.
    // Payara's Tyrus refuses it first, with 1011 (its own buffer is smaller than 10 MiB).
    try (WsClient client = WsClient.connect(server.ws("echo"))) {
      try {
        client.send("x".repeat(10 * 1024 * 1024 + 1));
      } catch (Exception closedWhileSending) {
        // The server may close before the client has sent the last byte; the close tells.
      }
      int code = client.awaitClose().getCloseCode().getCode();
      assertTrue(code == 1009 || code == 1011, "closed as too big: " + code);
      assertTrue(client.texts.isEmpty(), "never echoed");
    }
  }

  @Test
  void typedHandlersBindJsonAndReportWhatDoesNotBind() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("typed"))) {
      client.send("{\"text\":\"hi\",\"count\":41}");
      JsonObject chat = client.nextJson();
      assertEquals("HI", chat.getString("text"));
      assertEquals(42, chat.getInt("count"));

      client.send("not json at all");
      assertEquals("BindingException", client.nextJson().getString("error"));
      client.send("{\"text\":\"still open\",\"count\":0}");
      assertEquals("STILL OPEN", client.nextJson().getString("text"));
    }
  }

  @Test
  void anExceptionInAMessageHandlerReachesTheErrorHandlersAndTheConnectionStaysOpen()
      throws Exception {
    try (WsClient client = WsClient.connect(server.ws("throwing-message"))) {
      client.send("boom");
      assertEquals("error:boom", client.next());
      client.send("after");
      assertEquals("ok:after", client.next());
    }
    try (WsClient client = WsClient.connect(server.ws("throwing-unhandled"))) {
      client.send("boom");
      client.send("after");
      assertEquals("ok:after", client.next());
    }
  }

  @Test
  void anExceptionInTheRouteHandlerClosesWith1011() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("throwing-handler"))) {
      assertEquals("before the failure", client.next());
      CloseReason reason = client.awaitClose();
      assertEquals(1011, reason.getCloseCode().getCode());
      assertEquals("Route handler failed", reason.getReasonPhrase());
    }
    try (WsClient client = WsClient.connect(server.ws("async-failing"))) {
      assertEquals(1011, client.awaitClose().getCloseCode().getCode());
    }
  }

  @Test
  void messagesSentBeforeAnAsyncHandlerFinishesAreDeliveredInOrder() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("async"))) {
      client.send("one");
      client.send("two");
      client.send("three");
      // The client may see the handshake done before the server runs the handler (Payara).
      server.awaitStats("", s -> s.getInt("waitingArrivals") > 0);
      server.post("op=arrived");
      assertEquals("late:one", client.next());
      assertEquals("late:two", client.next());
      assertEquals("late:three", client.next());
    }
  }

  @Test
  void theRequestContextHasDecodedTemplateValuesQueryHeadersAndNoUser() throws Exception {
    // The JDK's client: Tyrus's client re-encodes an escaped path.
    try (JdkClient client =
        JdkClient.connect(
            server.ws("info/caf%C3%A9%20au%20lait/two?q=1&a=query-loses&x=%2Fslash"),
            Map.of("X-Candy-Test", "header value"))) {
      JsonObject info = client.nextJson();
      assertEquals("café au lait", info.getString("a"), "template values are URL-decoded");
      JsonObject params = info.getJsonObject("params");
      assertEquals("café au lait", params.getString("a"), "the template wins over the query");
      assertEquals("two", params.getString("b"));
      assertEquals("1", params.getString("q"));
      assertEquals("/slash", params.getString("x"));
      assertEquals("header value", info.getString("header"));
      assertEquals("CONNECTING", info.getString("state"));
      assertFalse(info.getBoolean("authenticated"));
      assertTrue(info.isNull("user"));
      assertTrue(info.getString("path").startsWith("/info/"), info.getString("path"));
      assertEquals(36, info.getString("id").length(), "a UUID");
    }
  }

  @Test
  void theHandlerSeesNoCredentialsWhileItsGuardDoes() throws Exception {
    // The route's guard lets through only "Authorization: Bearer guest": reaching the handler
    // proves that the guard read it.
    try (WsClient client =
        WsClient.connect(
            server.ws("headers"),
            Map.of(
                "Authorization", List.of("Bearer guest"),
                "Cookie", List.of("sid=s3cret"),
                "X-Candy-Test", List.of("kept")),
            List.of("chat.v1", "candy-token-s3cret"))) {
      JsonObject seen = client.nextJson();
      assertTrue(seen.isNull("authorization"), seen.toString());
      assertTrue(seen.isNull("cookie"), seen.toString());
      assertEquals("chat.v1", seen.getString("protocol"), "the token entry is gone, not the rest");
      assertEquals("kept", seen.getString("test"));
      List<String> names =
          seen.getJsonArray("names").getValuesAs(jakarta.json.JsonString.class).stream()
              .map(jakarta.json.JsonString::getString)
              .toList();
      assertTrue(names.contains("x-candy-test"), names.toString());
      assertFalse(names.contains("authorization") || names.contains("cookie"), names.toString());
    }
  }

  @Test
  void templateValuesAreDecodedExactlyOnce() throws Exception {
    try (JdkClient client = JdkClient.connect(server.ws("info/100%2541/%2B1"))) {
      JsonObject params = client.nextJson().getJsonObject("params");
      assertEquals("100%41", params.getString("a"), "%25 decodes to % and no further");
      assertEquals("+1", params.getString("b"));
    }
  }

  @Test
  void concurrentHandshakesEachKeepTheirOwnHeadersAndPath() throws Exception {
    // Containers hand the configurator and the endpoint one map of user properties per
    // connection, or one per route; concurrent handshakes show which.
    int clients = 24;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<JsonObject>> infos = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String name = "client-" + i;
        infos.add(
            pool.submit(
                () -> {
                  try (JdkClient client =
                      JdkClient.connect(
                          server.ws("info/" + name + "/x"), Map.of("X-Candy-Test", name))) {
                    return client.nextJson();
                  }
                }));
      }
      for (Future<JsonObject> future : infos) {
        JsonObject info = future.get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(info.getString("a"), info.getString("header"), "its own headers");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeCodesAndReasonsArriveAsSentAfterTheQueuedMessages() throws Exception {
    // Every code CloseStatus.isSendable allows below 3000, and application codes.
    for (int code :
        new int[] {
          1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 3000, 4000, 4001, 4002, 4003,
          4999
        }) {
      try (JdkClient client = JdkClient.connect(server.ws("close/" + code + "/reason%20" + code))) {
        client.send("close, please");
        assertEquals("bye", client.next());
        assertEquals(new JdkClient.Close(code, "reason " + code), client.awaitClose());
        assertTrue(client.texts.isEmpty(), "nothing is sent after close: " + client.texts);
      }
    }
  }

  @Test
  void closeIsIdempotentAndRejectsCodesThatMayNotBeSent() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("cmd"))) {
      client.send("{\"op\":\"close-invalid\"}");
      assertEquals("rejected", client.nextJson().getString("closeInvalid"));
      // Both closes in one handler run: a second message could find the socket closed already.
      client.send("{\"op\":\"close-twice\",\"code\":4003,\"reason\":\"Forbidden\"}");
      CloseReason reason = client.awaitClose();
      assertEquals(4003, reason.getCloseCode().getCode());
      assertEquals("Forbidden", reason.getReasonPhrase());
    }
  }

  @Test
  void closeHandlersRunOnceWithTheClientsCodeAfterTheRoomsAreLeft() throws Exception {
    String id;
    try (WsClient client = WsClient.connect(server.ws("cmd"))) {
      client.send("{\"op\":\"join\",\"room\":\"closing\"}");
      client.send("{\"op\":\"id\"}");
      id = client.nextJson().getString("id");
      client
          .session()
          .close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4100), "client leaves"));
    }
    JsonObject stats = server.awaitStats("closed=" + id, s -> !s.getJsonArray("closed").isEmpty());
    JsonObject run = stats.getJsonArray("closed").getJsonObject(0);
    assertEquals(1, stats.getJsonArray("closed").size());
    assertEquals(4100, run.getInt("code"));
    assertEquals("client leaves", run.getString("reason"));
    assertTrue(run.getJsonArray("roomsAtClose").isEmpty(), "rooms are left before close handlers");
    assertEquals(0, server.stats("room=closing").getInt("members"));
  }

  @Test
  void aClientThatVanishesIsAClose1006AndNotAnError() throws Exception {
    // Undertow reports the reset as an I/O error before it closes; Tyrus only closes.
    List<String> before = ids(server.stats(""));
    RawSocket socket = RawSocket.connect(server.ws("cmd"));
    String id =
        ids(server.awaitStats("", s -> !before.containsAll(ids(s)))).stream()
            .filter(candidate -> !before.contains(candidate))
            .findFirst()
            .orElseThrow();
    socket.vanish();
    JsonObject stats = server.awaitStats("closed=" + id, s -> !s.getJsonArray("closed").isEmpty());
    assertEquals(1006, stats.getJsonArray("closed").getJsonObject(0).getInt("code"));
    assertTrue(stats.getJsonArray("errors").isEmpty(), "no error: " + stats.get("errors"));
  }

  private static List<String> ids(JsonObject stats) {
    return stats.getJsonArray("clientIds").getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  @Test
  void pingIsAnsweredByAPongThatReachesThePongHandlers() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("cmd"))) {
      client.send("{\"op\":\"ping\"}");
      assertEquals("pong", client.nextJson().getString("event"));
    }
  }

  @Test
  void theDataMapKeepsValuesPerConnection() throws Exception {
    try (WsClient first = WsClient.connect(server.ws("cmd"));
        WsClient second = WsClient.connect(server.ws("cmd"))) {
      first.send("{\"op\":\"put\",\"key\":\"user\",\"msg\":\"ann\"}");
      second.send("{\"op\":\"put\",\"key\":\"user\",\"msg\":\"bob\"}");
      first.send("{\"op\":\"get\",\"key\":\"user\"}");
      second.send("{\"op\":\"get\",\"key\":\"user\"}");
      assertEquals("ann", first.nextJson().getString("value"));
      assertEquals("bob", second.nextJson().getString("value"));
    }
  }

  @Test
  void idsAreUniqueAndTheServerListsOpenClients() throws Exception {
    try (WsClient first = WsClient.connect(server.ws("cmd"));
        WsClient second = WsClient.connect(server.ws("cmd"))) {
      first.send("{\"op\":\"id\"}");
      second.send("{\"op\":\"id\"}");
      String firstId = first.nextJson().getString("id");
      String secondId = second.nextJson().getString("id");
      assertNotEquals(firstId, secondId);
      JsonObject stats =
          server.awaitStats(
              "",
              s ->
                  s.getJsonArray("clientIds").toString().contains(firstId)
                      && s.getJsonArray("clientIds").toString().contains(secondId));
      assertTrue(stats.getInt("clients") >= 2);
    }
  }

  @Test
  void aRemovedHandlerGetsNothingWhileTheOthersStillDo() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("cmd"))) {
      client.send("{\"op\":\"off\"}");
      client.send("{\"op\":\"count\"}");
      assertEquals(2, client.nextJson().getInt("received"), "the removed handler never answered");
    }
  }

  @Test
  void subprotocolsAreEchoedButTokensNever() throws Exception {
    try (WsClient client =
        WsClient.connect(server.ws("echo"), Map.of(), List.of("candy-token-secret", "chat.v1"))) {
      assertEquals("chat.v1", client.session().getNegotiatedSubprotocol());
    }
  }

  @Test
  void thirtyTwoThreadsSendingToOneSocketNeverThrowNorInterleaveFrames() throws Exception {
    int threads = 32;
    int each = 30; // 960 messages and the answer: within the default backlog of 1,024 messages
    try (WsClient client = WsClient.connect(server.ws("cmd"))) {
      client.send("{\"op\":\"flood\",\"threads\":" + threads + ",\"each\":" + each + "}");
      int[] nextPerThread = new int[threads];
      String suffix = "-" + "x".repeat(64);
      for (int received = 0; received < threads * each; received++) {
        String frame = client.next();
        assertTrue(frame.startsWith("t") && frame.endsWith(suffix), "an intact frame: " + frame);
        String[] parts = frame.substring(1, frame.length() - suffix.length()).split("-");
        int thread = Integer.parseInt(parts[0]);
        assertEquals(nextPerThread[thread]++, Integer.parseInt(parts[1]), "per-thread order");
      }
      JsonObject done = client.nextJson();
      assertEquals(threads * each, done.getInt("flooded"));
      assertEquals(0, done.getInt("failures"));
    }
  }
}
