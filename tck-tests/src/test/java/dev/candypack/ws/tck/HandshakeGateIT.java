package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.candypack.ws.tck.gate.GateRoutes;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What is decided about a handshake before the upgrade: the connection caps (HTTP 503 for the
 * application, 429 for one address), the client's address through a trusted proxy, the scheme as
 * part of the origin, and the allowed hosts. The WAR's {@code microprofile-config.properties} sets
 * at most 4 connections, 2 per address, trusts 127.0.0.1 as a proxy and allows the host 127.0.0.1;
 * the test connects from 127.0.0.2 to be an untrusted client.
 */
@ExtendWith(ArquillianExtension.class)
class HandshakeGateIT {

  private static final String UNTRUSTED_PEER = "127.0.0.2";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("gate")
        .addPackage(GateRoutes.class.getPackage())
        .addAsResource(
            "gate/microprofile-config.properties", "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;
  Server server;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  /** Closes what a test left open and waits until the server has given every slot back. */
  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable client : open) {
      client.close();
    }
    awaitIdle();
  }

  private JsonObject awaitIdle() throws Exception {
    return server.awaitStats(
        "", s -> s.getInt("slots") == 0 && s.getInt("clients") == 0 && s.getInt("addresses") == 0);
  }

  /** A JDK client's connection, greeted by the route; closed after the test. */
  private JdkClient connect(Map<String, String> headers) throws Exception {
    JdkClient client = JdkClient.connect(server.ws("echo"), headers);
    open.add(client);
    assertEquals("hello", client.next());
    return client;
  }

  private JdkClient connectFrom(String client) throws Exception {
    return connect(Map.of("X-Forwarded-For", client));
  }

  /** The HTTP status that refused a JDK client's handshake. */
  private int refusal(URI uri, Map<String, String> headers) {
    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> open.add(JdkClient.connect(uri, headers)));
    return assertInstanceOf(
            WebSocketHandshakeException.class, refused.getCause(), refused::toString)
        .getResponse()
        .statusCode();
  }

  private RawSocket raw(String local, Map<String, String> headers) throws Exception {
    RawSocket raw = RawSocket.handshake(server.ws("echo"), local, headers);
    open.add(raw);
    return raw;
  }

  // ---- caps ------------------------------------------------------------------------------

  @Test
  void overThePerAddressCapAHandshakeIsRefusedWith429AndAFreedSlotAdmitsTheNextAtOnce()
      throws Exception {
    JdkClient first = connect(Map.of());
    connect(Map.of());
    assertEquals(429, refusal(server.ws("echo"), Map.of()));
    assertEquals(2, server.stats("").getInt("slots"));

    first.close();
    server.awaitStats("", s -> s.getInt("slots") == 1);

    JdkClient next = connect(Map.of());
    next.send("in");
    assertEquals("in", next.next());
    assertEquals(429, refusal(server.ws("echo"), Map.of()));
  }

  @Test
  void overTheApplicationsCapAHandshakeIsRefusedWith503AndAFreedSlotAdmitsTheNextAtOnce()
      throws Exception {
    JdkClient first = connectFrom("198.51.100.1");
    connectFrom("198.51.100.2");
    connectFrom("198.51.100.3");
    connect(Map.of()); // 127.0.0.1 itself
    assertEquals(503, refusal(server.ws("echo"), Map.of("X-Forwarded-For", "198.51.100.5")));
    assertEquals(503, refusal(server.ws("echo"), Map.of()));
    assertEquals(4, server.stats("").getInt("addresses"));

    first.close();
    server.awaitStats("", s -> s.getInt("slots") == 3);

    connectFrom("198.51.100.5");
    assertEquals(503, refusal(server.ws("echo"), Map.of("X-Forwarded-For", "198.51.100.6")));
  }

  @Test
  void refusedFailedAndAbandonedHandshakesLeaveNoSlotBehind() throws Exception {
    for (int i = 1; i <= 10; i++) {
      // Each from its own address (through the trusted proxy), so that no cap refuses them.
      Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100." + i);
      // Refused by the route after the upgrade: a 4001 close.
      try (JdkClient refused = JdkClient.connect(server.ws("members"), from)) {
        assertEquals(4001, refused.awaitClose().code());
      }
      // Upgrades the container refuses after the filter: no route, a version it does not speak.
      try (RawSocket noRoute = RawSocket.handshake(server.ws("nowhere"), null, from)) {
        assertEquals(404, noRoute.status());
      }
      try (RawSocket badVersion =
          RawSocket.handshake(
              server.ws("echo"), null, merge(from, Map.of("Sec-WebSocket-Version", "99")))) {
        assertEquals(4, badVersion.status() / 100, "a 4xx: " + badVersion.status());
      }
      awaitIdle(); // the server learns of the 4001 close after the client does
    }

    // Clients that vanish right after the 101, or before it reaches them. Payara Micro may keep
    // such a connection as if it were alive until the idle timeout closes it, so the slots may
    // come back only then; past the cap of 4, the rest are refused with 503.
    for (int i = 11; i <= 20; i++) {
      RawSocket.abandonHandshake(server.ws("echo"), Map.of("X-Forwarded-For", "198.51.100." + i));
      RawSocket vanishing =
          RawSocket.handshake(server.ws("echo"), null, Map.of("X-Forwarded-For", "203.0.113." + i));
      if (vanishing.status() == 101) {
        vanishing.vanish();
      }
    }
    awaitIdle();

    for (int i = 1; i <= 4; i++) {
      connectFrom("198.51.100." + i);
    }
    assertEquals(503, refusal(server.ws("echo"), Map.of("X-Forwarded-For", "198.51.100.5")));
  }

  // ---- client address --------------------------------------------------------------------

  @Test
  void xForwardedForCountsOnlyFromATrustedProxy() throws Exception {
    // 127.0.0.2 is no trusted proxy: whatever it claims, both connections count against it.
    assertEquals(101, raw(UNTRUSTED_PEER, Map.of("X-Forwarded-For", "198.51.100.1")).status());
    assertEquals(101, raw(UNTRUSTED_PEER, Map.of("X-Forwarded-For", "198.51.100.2")).status());
    assertEquals(429, raw(UNTRUSTED_PEER, Map.of("X-Forwarded-For", "198.51.100.3")).status());

    // 127.0.0.1 is trusted: its X-Forwarded-For names the client, here 198.51.100.1 again.
    connectFrom("198.51.100.1");
    connectFrom("198.51.100.1");
    assertEquals(429, refusal(server.ws("echo"), Map.of("X-Forwarded-For", "198.51.100.1")));
    assertEquals(2, server.stats("").getInt("addresses"));
  }

  // ---- origin and host -------------------------------------------------------------------

  @Test
  void aPageOfTheOtherSchemeIsRefusedWith403() throws Exception {
    URI ws = server.ws("echo");
    String authority = ws.getHost() + ":" + ws.getPort();

    assertEquals(403, refusal(ws, Map.of("Origin", "https://" + authority)));
    connect(Map.of("Origin", "http://" + authority)).close();
    awaitIdle();

    // Behind a trusted proxy that terminated TLS, the page is an https one.
    Map<String, String> tls = Map.of("X-Forwarded-Proto", "https");
    connect(merge(tls, Map.of("Origin", "https://" + authority)));
    assertEquals(403, refusal(ws, merge(tls, Map.of("Origin", "http://" + authority))));
    // An untrusted peer cannot claim TLS.
    assertEquals(
        403, raw(UNTRUSTED_PEER, merge(tls, Map.of("Origin", "https://" + authority))).status());
  }

  @Test
  void aHostNotAllowedIsRefusedWith403EvenFromItsOwnOrigin() throws Exception {
    int port = server.ws("echo").getPort();
    // DNS rebinding: a page on rebound.example, whose name now resolves to this server.
    Map<String, String> rebound =
        Map.of("Host", "rebound.example:" + port, "Origin", "http://rebound.example:" + port);

    assertEquals(403, raw(null, rebound).status());
    assertEquals(403, raw(null, Map.of("Host", "localhost:" + port)).status());
    assertEquals(101, raw(null, Map.of("Host", "127.0.0.1:" + port)).status());
    server.awaitStats("", s -> s.getInt("slots") == 1);
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> merged = new java.util.HashMap<>(a);
    merged.putAll(b);
    return merged;
  }
}
