package dev.candypack.ws.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandyTestClientTest {

  @Test
  void aCsrfTokenTravelsAsTheBrowserClientSendsIt() {
    CandyTestClient.Builder builder =
        CandyTestClient.to(URI.create("ws://127.0.0.1/app/admin")).csrfToken("t0k3n");
    assertEquals(List.of("candy-ws", "candy-token-t0k3n"), builder.requestedSubprotocols());

    CandyTestClient.Builder withOthers =
        CandyTestClient.to(URI.create("ws://127.0.0.1/app/admin"))
            .subprotocols("chat.v1", "candy-ws")
            .csrfToken("t");
    assertEquals(
        List.of("chat.v1", "candy-ws", "candy-token-t"), withOthers.requestedSubprotocols());
  }

  @Test
  void basicCredentialsAreEncodedAsUtf8() {
    CandyTestClient.Builder builder =
        CandyTestClient.to(URI.create("ws://127.0.0.1/")).basicAuth("böb", "secret");
    assertEquals(Map.of("Authorization", "Basic YsO2YjpzZWNyZXQ="), builder.headers());
  }

  @Test
  void aTimeoutMustBePositive() {
    CandyTestClient.Builder builder = CandyTestClient.to(URI.create("ws://127.0.0.1/"));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofSeconds(-1)));
  }

  @Test
  void aHandshakeAnsweredWithAStatusIsRefusedWithThatStatus() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    http.start();
    try {
      URI uri = URI.create("ws://127.0.0.1:" + http.getAddress().getPort() + "/no/such/route");
      CandyHandshakeException refused =
          assertThrows(CandyHandshakeException.class, () -> CandyTestClient.connect(uri));
      assertEquals(404, refused.status());
      assertEquals(
          "the server refused the WebSocket handshake with HTTP 404", refused.getMessage());
    } finally {
      http.stop(0);
    }
  }

  @Test
  void jsonHelpersParseObjectsAndNameWhatIsNot() {
    assertEquals(1, CandyTestClient.json("{\"n\":1}").getInt("n"));
    AssertionError notAnObject =
        assertThrows(AssertionError.class, () -> CandyTestClient.json("plain words"));
    assertEquals("not a JSON object: plain words", notAnObject.getMessage());
    assertThrows(AssertionError.class, () -> CandyTestClient.json("[1]"));
  }
}
