package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.limits.LimitRoutes;
import jakarta.websocket.CloseReason;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CandyPack's limits and close codes, authentication, guards, CSRF, origins and slow or broken
 * clients, on a real server with real clients. The WAR's {@code microprofile-config.properties}
 * sets a 4 s idle timeout, a 2 s open timeout, one allowed foreign origin and {@code
 * candy.ws.keep-secret-headers}; the backlog keeps its defaults (4 MiB, 1,024 messages), and so do
 * the rooms (names of 256 characters, 100 rooms).
 */
@ExtendWith(ArquillianExtension.class)
class LimitsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("limits")
        .addPackage(LimitRoutes.class.getPackage())
        .addAsResource(
            "limits/microprofile-config.properties", "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  /** A send the server answers with a close: the close may race the send's own completion. */
  private interface Send {
    void run() throws Exception;
  }

  private static void sendOverTheLimit(Send send) {
    try {
      send.run();
    } catch (Exception | Error closedWhileSending) {
      // The server closed the connection while the client was still writing; that is the point.
    }
  }

  private static void assertClosed(int code, String reason, CloseReason actual) {
    assertEquals(code, actual.getCloseCode().getCode(), actual.toString());
    assertEquals(reason, actual.getReasonPhrase());
  }

  private String get(HttpClient http, String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.http("limits?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  /** {@code clients members guardRuns heapBytes} from the server. */
  private long[] state(String query) throws Exception {
    String[] parts = get(HttpClient.newHttpClient(), "what=state&" + query).split(" ");
    long[] numbers = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      numbers[i] = Long.parseLong(parts[i]);
    }
    return numbers;
  }

  private long[] awaitState(String query, Predicate<long[]> condition) throws Exception {
    return Eventually.await("the state of " + query, () -> state(query), condition);
  }

  // ---- message size ----------------------------------------------------------------------

  @Test
  void exactlyTheRoutesMessageSizePassesAndOneByteMoreCloses1009() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("small"))) {
      client.send("a".repeat(1024));
      assertEquals("ok:1024", client.next());
      client.sendBinary(new byte[1024]);
      assertEquals("ok:1024", client.next());
      sendOverTheLimit(() -> client.send("é".repeat(513))); // 1,026 bytes in UTF-8, 513 chars
      assertClosed(1009, "Payload too large", client.awaitClose());
    }
    try (WsClient client = WsClient.connect(server.ws("small"))) {
      sendOverTheLimit(() -> client.sendBinary(new byte[1025]));
      assertClosed(1009, "Payload too large", client.awaitClose());
    }
  }

  @Test
  void theFragmentsOfOneMessageCountTogether() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("small"))) {
      client.session().getBasicRemote().sendText("a".repeat(512), false);
      client.session().getBasicRemote().sendText("a".repeat(512), true);
      assertEquals("ok:1024", client.next());
      client.session().getBasicRemote().sendText("a".repeat(400), false);
      client.session().getBasicRemote().sendText("a".repeat(400), false);
      sendOverTheLimit(() -> client.session().getBasicRemote().sendText("a".repeat(400), true));
      assertClosed(1009, "Payload too large", client.awaitClose());
    }
  }

  @Test
  void theDefaultMessageSizeIsTenMebibytes() throws Exception {
    int tenMiB = 10 * 1024 * 1024;
    try (WsClient client = WsClient.connect(server.ws("defaults"))) {
      client.send("b".repeat(tenMiB));
      assertEquals("ok:" + tenMiB, client.next());
    }
    try (WsClient client = WsClient.connect(server.ws("defaults"))) {
      sendOverTheLimit(() -> client.send("b".repeat(tenMiB + 1)));
      assertClosed(1009, "Payload too large", client.awaitClose());
    }
  }

  // ---- rooms -----------------------------------------------------------------------------

  @Test
  void aRoomNameOverTheLimitOrOneRoomTooManyIsRefusedAndTheConnectionStaysOpen() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("join"))) {
      client.send("n".repeat(256));
      assertEquals("joined:256", client.next());
      client.send("n".repeat(257));
      String tooLong = client.next();
      assertTrue(tooLong.startsWith("refused:"), tooLong);
      assertTrue(tooLong.contains("candy.ws.max-room-name"), tooLong);

      for (int i = 2; i <= 100; i++) {
        client.send("room " + i);
      }
      for (int i = 2; i <= 100; i++) {
        assertEquals("joined:" + ("room " + i).length(), client.next());
      }
      client.send("room 101");
      String tooMany = client.next();
      assertTrue(tooMany.contains("candy.ws.max-rooms-per-connection"), tooMany);

      client.send("room 2"); // already in it
      assertEquals("joined:6", client.next());
      assertEquals(1, state("room=room+100")[1]);
      assertEquals(0, state("room=room+101")[1]);
    }
  }

  // ---- messages held while an asynchronous handler runs ----------------------------------

  @Test
  void moreMessagesThanTheBacklogAllowsBeforeTheHandlerFinishesClose1013() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("held"))) {
      sendOverTheLimit(
          () -> {
            for (int i = 0; i < 1025; i++) {
              client.send("x");
            }
          });
      assertClosed(1013, "Too much sent before open", client.awaitClose());
      assertTrue(client.texts.isEmpty(), "no held message was handled");
    }
  }

  @Test
  void heldBytesCountAgainstTheBacklogWithTheFixedCostOfEachMessage() throws Exception {
    int fits = 4 * 1024 * 1024 - 64; // the default backlog less one message's fixed cost
    try (WsClient client = WsClient.connect(server.ws("held"))) {
      sendOverTheLimit(() -> client.send("b".repeat(fits + 1)));
      assertClosed(1013, "Too much sent before open", client.awaitClose());
    }
    try (WsClient client = WsClient.connect(server.ws("held"))) {
      client.send("b".repeat(fits));
      get(HttpClient.newHttpClient(), "what=open");
      assertEquals("ok:" + fits, client.next());
    }
  }

  @Test
  void anAsyncHandlerThatDoesNotFinishInTimeCloses1011() throws Exception {
    long start = System.nanoTime();
    try (WsClient client = WsClient.connect(server.ws("held"))) {
      CloseReason reason = client.awaitClose();
      Duration open = Duration.ofNanos(System.nanoTime() - start);
      assertClosed(1011, "Route handler timed out", reason);
      assertTrue(open.toMillis() >= 1900, "closed after " + open.toMillis() + " ms, not 2,000");
    }
  }

  // ---- rate limit ------------------------------------------------------------------------

  @Test
  void exactlyTheRoutesBurstPassesAndOneMoreCloses1008() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("rated"))) {
      for (int i = 1; i <= 6; i++) { // within the second that earns the next token
        client.send("m" + i);
      }
      for (int i = 1; i <= 5; i++) {
        assertEquals("ok:m" + i, client.next());
      }
      assertClosed(1008, "Rate limit exceeded", client.awaitClose());
      assertTrue(client.texts.isEmpty(), "the sixth message was not handled");
    }
  }

  @Test
  void theDefaultBurstTakesAFullBrowserQueueOfAHundredAtOnce() throws Exception {
    // The browser client's maxQueue: what it flushes at once on reconnect must arrive whole.
    try (WsClient client = WsClient.connect(server.ws("defaults"))) {
      for (int i = 0; i < 100; i++) {
        client.send("q");
      }
      for (int i = 0; i < 100; i++) {
        assertEquals("ok:1", client.next(), "echo " + i);
      }
      assertFalse(client.closed.isDone(), "still open: " + client.closed.getNow(null));
    }
  }

  @Test
  void aFloodOfTwoHundredAtOnceIsClosed1008AfterTheDefaultBurstOfAHundred() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("defaults"))) {
      sendOverTheLimit(
          () -> {
            for (int i = 0; i < 200; i++) {
              client.send("x");
            }
          });
      assertClosed(1008, "Rate limit exceeded", client.awaitClose());
      int handled = client.texts.size();
      // The burst, and at most the few tokens earned (50 a second) while the server read them.
      assertTrue(handled >= 100 && handled < 150, handled + " handled");
    }
  }

  @Test
  void aSustainedRateOfTwiceTheDefaultLimitIsClosed1008WithinSeconds() throws Exception {
    // 100 a second against 50 a second: the bucket of 100 is empty after 2 s, 200 messages.
    try (WsClient client = WsClient.connect(server.ws("defaults"))) {
      long start = System.nanoTime();
      int sent = 0;
      while (!client.closed.isDone() && sent < 500) {
        long due = start + sent * Duration.ofMillis(10).toNanos();
        LockSupport.parkNanos(due - System.nanoTime()); // paces the client, waits for no result
        int next = sent;
        sendOverTheLimit(() -> client.send("s" + next));
        sent++;
      }
      assertClosed(1008, "Rate limit exceeded", client.awaitClose());
      assertTrue(sent < 400, "closed only after " + sent + " messages");
      assertTrue(client.texts.size() >= 150, client.texts.size() + " handled");
    }
  }

  @Test
  void aFloodOfUnsolicitedPongsIsClosed1008LikeAFloodOfMessages() throws Exception {
    try (RawSocket flood = RawSocket.connect(server.ws("defaults"))) {
      sendOverTheLimit(
          () -> {
            for (int i = 0; i < 300; i++) {
              flood.sendFrame(0xA, ("pong " + i).getBytes(StandardCharsets.UTF_8));
            }
          });
      assertEquals(1008, flood.awaitCloseCode(30_000));
    }
  }

  @Test
  void aRouteCanTurnTheRateLimitOff() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("small"))) {
      for (int i = 0; i < 300; i++) {
        client.send("y");
      }
      for (int i = 0; i < 300; i++) {
        assertEquals("ok:1", client.next());
      }
    }
  }

  // ---- authentication and guards ---------------------------------------------------------

  @Test
  void anAuthenticatedRouteClosesAnonymousClientsWith4001BeforeItsHandler() throws Exception {
    try (JdkClient anonymous = JdkClient.connect(server.ws("members"))) {
      assertEquals(new JdkClient.Close(4001, "Unauthorized"), anonymous.awaitClose());
      assertTrue(anonymous.texts.isEmpty(), "the handler never ran");
    }
    try (JdkClient bob = JdkClient.connect(server.ws("members"), "bob:secret")) {
      assertEquals("welcome bob", bob.next());
    }
  }

  @Test
  void rolesAllowedClosesUsersWithoutTheRoleWith4003() throws Exception {
    try (JdkClient anonymous = JdkClient.connect(server.ws("admin"))) {
      assertEquals(4001, anonymous.awaitClose().code());
    }
    try (JdkClient bob = JdkClient.connect(server.ws("admin"), "bob:secret")) {
      assertEquals(new JdkClient.Close(4003, "Forbidden"), bob.awaitClose());
      assertTrue(bob.texts.isEmpty(), "the handler never ran");
    }
    try (JdkClient alice = JdkClient.connect(server.ws("admin"), "alice:secret")) {
      assertEquals("admin alice", alice.next());
    }
  }

  @Test
  void guardsRunInOrderAndTheFirstRefusalCloses4003() throws Exception {
    long runsBefore = state("")[2];
    try (JdkClient refused = JdkClient.connect(server.ws("guarded"))) {
      assertEquals(new JdkClient.Close(4003, "Forbidden"), refused.awaitClose());
      assertTrue(refused.texts.isEmpty());
    }
    assertEquals(runsBefore, state("")[2], "the second guard never ran");
    try (JdkClient allowed = JdkClient.connect(server.ws("guarded"), Map.of("X-Guard", "yes"))) {
      assertEquals("through the guards", allowed.next());
    }
    assertEquals(runsBefore + 1, state("")[2]);
  }

  @Test
  void aFailingGuardCloses4000() throws Exception {
    try (JdkClient client = JdkClient.connect(server.ws("failing-guard"))) {
      assertEquals(new JdkClient.Close(4000, "Guard failed"), client.awaitClose());
      assertTrue(client.texts.isEmpty());
    }
  }

  // ---- CSRF and origins ------------------------------------------------------------------

  @Test
  void aCsrfRouteNeedsTheSessionsTokenAsASubprotocolEntry() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String token = get(browser, "what=token");
    assertEquals(token, get(browser, "what=token"), "one token per session");
    String sessionCookie =
        cookies.getCookieStore().getCookies().stream()
            .map(cookie -> cookie.getName() + "=" + cookie.getValue())
            .reduce((a, b) -> a + "; " + b)
            .orElseThrow();
    Map<String, String> withSession = Map.of("Cookie", sessionCookie);

    try (JdkClient valid =
        JdkClient.connect(
            server.ws("csrf"), withSession, List.of("candy-ws", "candy-token-" + token))) {
      assertEquals("token accepted", valid.next());
      assertEquals("candy-ws", valid.subprotocol(), "the token is never echoed");
    }
    try (JdkClient missing = JdkClient.connect(server.ws("csrf"), withSession, List.of())) {
      assertEquals(new JdkClient.Close(4002, "Invalid CSRF token"), missing.awaitClose());
    }
    try (JdkClient wrong =
        JdkClient.connect(
            server.ws("csrf"), withSession, List.of("candy-ws", "candy-token-forged"))) {
      assertEquals(4002, wrong.awaitClose().code());
    }
    try (JdkClient noSession =
        JdkClient.connect(
            server.ws("csrf"), Map.of(), List.of("candy-ws", "candy-token-" + token))) {
      assertEquals(4002, noSession.awaitClose().code());
    }
  }

  @Test
  void aBrowserFromAnotherOriginIsRefusedWith403() throws Exception {
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () -> JdkClient.connect(server.ws("small"), Map.of("Origin", "http://evil.example")));
    assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
    assertEquals(
        403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

    URI ws = server.ws("small");
    String sameOrigin = "http://" + ws.getHost() + ":" + ws.getPort();
    for (Map<String, String> headers :
        List.of(
            Map.of("Origin", sameOrigin),
            Map.of("Origin", "http://allowed.example"),
            Map.<String, String>of())) {
      try (JdkClient client = JdkClient.connect(ws, headers)) {
        client.send("hi");
        assertEquals("ok:2", client.next(), headers.toString());
      }
    }
  }

  // ---- slow, idle, vanishing and broken clients ------------------------------------------

  @Test
  void aClientThatNeverReadsIsClosedOverItsBacklogWithoutDelayingTheOthers() throws Exception {
    int messages = 1000;
    RawSocket stalled = RawSocket.connect(server.ws("flood-member"), 1024); // never reads
    try (WsClient reader = WsClient.connect(server.ws("flood-member"));
        WsClient trigger = WsClient.connect(server.ws("flood-trigger"))) {
      assertEquals("joined", reader.next());
      awaitState("room=flood", s -> s[1] == 2);
      trigger.send(messages + " 16384");
      for (int i = 0; i < messages; i++) {
        String message = reader.next();
        assertEquals(String.format("%07d", i), message.substring(0, 7));
        assertEquals(16384, message.length());
      }
      assertEquals("done", trigger.next());
      awaitState("room=flood", s -> s[1] == 1);
      // It leaves its rooms at once; its close handlers run once the close is through.
      Eventually.await(
          "the stalled client's close with 1013",
          () -> get(HttpClient.newHttpClient(), "what=closes"),
          closes -> closes.contains("1013"));
    } finally {
      stalled.close();
    }
  }

  @Test
  void aClientThatNeverReadsFedEmptyMessagesIsClosed1013LikeOneFedLargeOnes() throws Exception {
    RawSocket stalled = RawSocket.connect(server.ws("empty-member"), 1024); // never reads
    try (WsClient trigger = WsClient.connect(server.ws("empty-trigger"))) {
      awaitState("room=empty", s -> s[1] == 1);
      int most = 1_000_000;
      trigger.send(String.valueOf(most));
      String sent = trigger.next();
      System.out.println("empty messages sent until the member was closed: " + sent);
      assertTrue(Integer.parseInt(sent.substring("sent:".length())) < most, sent);
      awaitState("room=empty", s -> s[1] == 0);
      assertEquals("[1013]", get(HttpClient.newHttpClient(), "what=empty-closes"));
    } finally {
      stalled.close();
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheConfiguredTimeout() throws Exception {
    try (WsClient idle = WsClient.connect(server.ws("defaults"))) {
      CloseReason reason = idle.awaitClose();
      assertTrue(reason.getCloseCode().getCode() >= 1000, reason.toString());
    }
  }

  @Test
  void tenThousandAbruptDisconnectsLeaveTheRegistryEmptyAndTheHeapFlat() throws Exception {
    // Connections of earlier tests close within the 4 s idle timeout at the latest.
    long clientsBefore = awaitState("", s -> s[0] == 0)[0];
    cycles(1_000); // warm up before measuring
    awaitState("", s -> s[0] == clientsBefore);
    long heapBefore = state("heap=1")[3];
    cycles(10_000);
    long[] after = awaitState("", s -> s[0] == clientsBefore);
    long heapAfter = state("heap=1")[3];
    System.out.printf(
        "10,000 connect/reset cycles: clients %d -> %d, heap %.1f MiB -> %.1f MiB%n",
        clientsBefore, after[0], heapBefore / 1048576.0, heapAfter / 1048576.0);
    assertTrue(
        heapAfter - heapBefore < 16L * 1024 * 1024,
        "the heap grew by " + (heapAfter - heapBefore) + " bytes");
  }

  private void cycles(int count) throws Exception {
    int threads = 4;
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < count / threads; i++) {
                    RawSocket.connect(server.ws("join")).vanish();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }

  @Test
  void brokenFramesAndHugeRoomNamesDoNotHurtTheServerOrOtherConnections() throws Exception {
    try (WsClient bystander = WsClient.connect(server.ws("join"))) {
      String hugeRoom = "r".repeat(64 * 1024);
      bystander.send(hugeRoom);
      assertTrue(bystander.next().startsWith("refused:"), "a 64 KiB room name is refused");

      try (RawSocket invalidUtf8 = RawSocket.connect(server.ws("join"))) {
        invalidUtf8.sendFrame(0x1, new byte[] {(byte) 0xC3, (byte) 0x28});
      }
      try (RawSocket afterClose = RawSocket.connect(server.ws("join"))) {
        // One write: the server may close the TCP connection as soon as it reads the close.
        afterClose.sendInOneWrite(
            RawSocket.frame(0x8, RawSocket.closePayload(1000)),
            RawSocket.frame(0x1, "a frame after close".getBytes(StandardCharsets.UTF_8)),
            RawSocket.frame(0x1, "and another".getBytes(StandardCharsets.UTF_8)));
      }
      try (RawSocket unknownOpcode = RawSocket.connect(server.ws("join"))) {
        unknownOpcode.sendFrame(0x3, "reserved".getBytes(StandardCharsets.UTF_8));
      }
      bystander.send("still-here");
      assertEquals("joined:10", bystander.next());
    }
    try (WsClient newcomer = WsClient.connect(server.ws("small"))) {
      newcomer.send("{not json");
      assertEquals("ok:9", newcomer.next());
    }
  }

  @Test
  void anApplicationThatKeepsSecretHeadersShowsThemToItsHandlers() throws Exception {
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:secret".getBytes());
    try (WsClient client =
        WsClient.connect(
            server.ws("headers"),
            Map.of("Authorization", List.of(basic), "Cookie", List.of("sid=s3cret")),
            List.of("chat.v1", "candy-token-s3cret"))) {
      jakarta.json.JsonObject seen = client.nextJson();
      assertEquals(basic, seen.getString("authorization"));
      assertEquals("sid=s3cret", seen.getString("cookie"));
      assertTrue(seen.getString("protocol").contains("candy-token-s3cret"), seen.toString());
    }
  }
}
