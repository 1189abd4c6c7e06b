package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.limits.LimitRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyClose;
import dev.candypack.ws.test.CandyHandshakeException;
import dev.candypack.ws.test.CandySession;
import dev.candypack.ws.test.CandyTestClient;
import dev.candypack.ws.test.CandyWar;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test kit ({@code candy-ws-test}) against a real server, for what {@link ExampleContractIT}
 * and {@link RoomsIT} do not reach: sessions with CSRF tokens, credentials, refused handshakes, and
 * how its clients leave.
 */
@ExtendWith(ArquillianExtension.class)
class CandyTestKitIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return CandyWar.addProbe(
        Server.war("kit")
            .addPackage(LimitRoutes.class.getPackage())
            .addAsResource(
                "limits/microprofile-config.properties",
                "META-INF/microprofile-config.properties"));
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  @Test
  void aSessionsTokenOpensItsCsrfRouteAndNoOtherSessionsDoes() throws Exception {
    CandySession browser = app.session();
    String token = browser.get("limits?what=token");
    try (CandyTestClient valid = browser.client("/csrf").csrfToken(token).connect()) {
      assertEquals("token accepted", valid.next());
      assertEquals("candy-ws", valid.subprotocol(), "the token is never echoed");
    }
    try (CandyTestClient stranger = app.session().client("/csrf").csrfToken(token).connect()) {
      assertEquals(new CandyClose(4002, "Invalid CSRF token"), stranger.awaitClose());
    }
  }

  @Test
  void basicCredentialsReachTheRouteWithTheirRoles() throws Exception {
    try (CandyTestClient bob = app.client("members").basicAuth("bob", "secret").connect()) {
      assertEquals("welcome bob", bob.next());
    }
    try (CandyTestClient bob = app.client("admin").basicAuth("bob", "secret").connect()) {
      assertEquals(new CandyClose(4003, "Forbidden"), bob.awaitClose());
    }
  }

  @Test
  void aRefusedHandshakeCarriesItsHttpStatus() {
    CandyHandshakeException refused =
        assertThrows(
            CandyHandshakeException.class,
            () -> app.client("small").header("Origin", "http://evil.example").connect());
    assertEquals(403, refused.status());
  }

  @Test
  void anAbortedClientLeavesItsRoomsAndAClosedOneEndsTheHandshake() throws Exception {
    CandyTestClient vanishing = app.connect("join");
    CandyTestClient polite = app.connect("join");
    vanishing.send("kit");
    polite.send("kit");
    app.awaitRoomSize("kit", 2);
    assertTrue(app.clientCount() >= 2);

    vanishing.abort();
    app.awaitRoomSize("kit", 1);
    polite.close();
    assertTrue(polite.isClosed(), "the server answered the close frame");
    app.awaitClientCount(0);
  }
}
