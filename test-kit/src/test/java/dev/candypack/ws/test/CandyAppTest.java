package dev.candypack.ws.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CandyAppTest {

  private HttpServer http;
  private CandyApp app;
  private final AtomicInteger members = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    // Stands in for the probe servlet of a WAR deployed at /app.
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/app/" + CandyApp.PROBE,
        exchange -> {
          String query = String.valueOf(exchange.getRequestURI().getQuery());
          byte[] body;
          if (exchange.getRequestMethod().equals("POST")) {
            received.add(
                query
                    + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            body = "{\"sent\":true}".getBytes(StandardCharsets.UTF_8);
          } else {
            String state =
                query.startsWith("room=")
                    ? ",\"room\":\"x\",\"members\":" + members.incrementAndGet()
                    : "";
            body = ("{\"clients\":7" + state + "}").getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.createContext(
        "/app/login",
        exchange -> {
          exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=abc; Path=/app; HttpOnly");
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    http.start();
    app =
        CandyApp.at(new URL("http://127.0.0.1:" + http.getAddress().getPort() + "/app/"))
            .withTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void pathsAreRelativeToTheContextRootWithOrWithoutASlash() {
    CandyApp at = CandyApp.at(URI.create("http://127.0.0.1:8080/shop"));
    assertEquals(URI.create("ws://127.0.0.1:8080/shop/chat"), at.ws("/chat"));
    assertEquals(URI.create("ws://127.0.0.1:8080/shop/chat"), at.ws("chat"));
    assertEquals(URI.create("ws://127.0.0.1:8080/shop/game?room=r1"), at.ws("game?room=r1"));
    assertEquals(
        URI.create("ws://127.0.0.1:8080/shop/room/tea%20room/user/ann"),
        at.ws("room/tea%20room/user/ann"));
    assertEquals(URI.create("http://127.0.0.1:8080/shop/api/clients"), at.http("/api/clients"));
    assertEquals(
        URI.create("wss://example.test/chat"),
        CandyApp.at(URI.create("https://example.test")).ws("chat"));
    assertThrows(IllegalArgumentException.class, () -> CandyApp.at(URI.create("ws://x/")));
  }

  @Test
  void theProbeShowsClientsAndRoomsAndAwaitsACount() throws Exception {
    assertEquals(7, app.clientCount());
    assertEquals(1, app.roomSize("x"));
    app.awaitRoomSize("x", 4); // the stand-in's count grows by one per request
    assertEquals(5, app.roomSize("x"));
    app.awaitClientCount(7);
  }

  @Test
  void anAwaitThatNeverHappensFailsWithWhatWasLastSeen() {
    CandyApp impatient = app.withTimeout(Duration.ofMillis(300));
    AssertionError never = assertThrows(AssertionError.class, () -> impatient.awaitClientCount(8));
    assertTrue(
        never
            .getMessage()
            .startsWith("expected 8 clients within 300 ms; last seen: {\"clients\":7"),
        never.getMessage());
  }

  @Test
  void sendsThroughTheServerGoToTheProbe() throws Exception {
    app.toRoom("tea room & co", "{\"text\":\"hi\"}");
    app.broadcast("to all");
    assertEquals(List.of("room=tea room & co {\"text\":\"hi\"}", "null to all"), received);
  }

  @Test
  void aMissingProbeSaysHowToAddIt() {
    CandyApp elsewhere =
        CandyApp.at(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/other/"));
    IOException missing = assertThrows(IOException.class, elsewhere::clientCount);
    assertTrue(missing.getMessage().endsWith("add it with CandyWar.addProbe(war)"));
  }

  @Test
  void aSessionKeepsItsCookiesForHandshakesTooEvenHttpOnlyOnes() throws Exception {
    CandySession browser = app.session();
    assertEquals("", browser.cookieHeader(app.ws("chat")));
    assertEquals("ok", browser.get("login"));
    assertEquals("JSESSIONID=abc", browser.cookieHeader(app.ws("chat")));
    assertEquals(
        Map.of("Cookie", "JSESSIONID=abc"), browser.client("chat").csrfToken("t").headers());
    assertEquals("", app.session().cookieHeader(app.ws("chat")), "each session its own");
    AssertionError notFound = assertThrows(AssertionError.class, () -> browser.get("nothing"));
    assertTrue(notFound.getMessage().contains(" answered 404"), notFound.getMessage());
  }
}
