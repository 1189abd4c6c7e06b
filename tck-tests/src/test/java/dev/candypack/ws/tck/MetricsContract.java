package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.candypack.ws.tck.metered.MeteredRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyClose;
import dev.candypack.ws.test.CandyHandshakeException;
import dev.candypack.ws.test.CandyTestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * What a little traffic on one route shows in the server's Prometheus metrics and in its readiness
 * check: every series of the route, labelled with the route's template, at its exact value. Each
 * server has a variant that says where its metrics and health are served.
 */
abstract class MetricsContract {

  static final String ROUTE = "/metered/{room}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("metered").addPackage(MeteredRoutes.class.getPackage());
  }

  @ArquillianResource URL url;

  /** The server's Prometheus text. */
  abstract URI metrics(URL deployment);

  /** The server's readiness checks. */
  abstract URI readiness(URL deployment);

  @Test
  void aLittleTrafficShowsInTheRoutesSeriesAndTheReadinessCheckIsUp() throws Exception {
    CandyApp app = new Server(url).app();
    CandyTestClient a = app.connect("metered/lobby");
    CandyTestClient b = app.connect("metered/kitchen");
    try {
      a.send("hello");
      assertEquals("hello", a.next());
      CandyHandshakeException refused =
          assertThrows(
              CandyHandshakeException.class,
              () -> app.client("metered/lobby").header("Origin", "http://evil.example").connect());
      assertEquals(403, refused.status());
      a.send("bye");
      assertEquals(new CandyClose(MeteredRoutes.BYE, "bye"), a.awaitClose());

      Map<String, Double> expected = new LinkedHashMap<>();
      expected.put("candy_ws_connections", 1.0);
      expected.put("candy_ws_connections_opened_total", 2.0);
      expected.put("candy_ws_messages_received_total", 2.0);
      expected.put("candy_ws_received_bytes_total", 8.0); // "hello" and "bye"
      expected.put("candy_ws_messages_sent_total", 1.0);
      expected.put("candy_ws_sent_bytes_total", 5.0);
      expected.put("candy_ws_backlog_bytes", 0.0);
      awaitMetrics(expected, Map.of("route", ROUTE));
      // The series of a close code is registered just after the connection leaves the gauge.
      PrometheusText page =
          awaitMetrics(Map.of("candy_ws_connections_closed_total", 1.0), labels("code", "4001"));
      expected.forEach(
          (name, value) -> assertEquals(value, page.value(name, Map.of("route", ROUTE)), name));
      assertEquals(1.0, page.value("candy_ws_refused_total", labels("reason", "origin")));
      for (String reason : new String[] {"unauthorized", "forbidden", "token", "guard", "limit"}) {
        assertEquals(0.0, page.value("candy_ws_refused_total", labels("reason", reason)), reason);
      }
      for (String relay : new String[] {"published", "received", "dropped"}) {
        assertEquals(
            1, page.named("candy_ws_relay_" + relay + "_total").size(), "one relay " + relay);
        assertEquals(0.0, page.named("candy_ws_relay_" + relay + "_total").get(0).value());
      }
      assertEquals(
          1,
          page.named("candy_ws_connections_closed_total").size(),
          "no series for a code not seen");

      b.close();
      awaitMetrics(Map.of("candy_ws_connections", 0.0), Map.of("route", ROUTE));
      PrometheusText last =
          awaitMetrics(Map.of("candy_ws_connections_closed_total", 1.0), labels("code", "1000"));
      assertEquals(0.0, last.value("candy_ws_connections", Map.of("route", ROUTE)));
      assertEquals(1.0, last.value("candy_ws_connections_closed_total", labels("code", "4001")));
      System.out.println(
          "The route's series: "
              + last.samples().stream().filter(s -> s.name().startsWith("candy_ws")).toList());
    } finally {
      a.close();
      b.close();
    }

    JsonObject check = readinessCheck();
    assertEquals("UP", check.getString("status"), check.toString());
    JsonObject data = check.getJsonObject("data");
    // Payara writes every datum as a string, WildFly keeps numbers and booleans.
    assertEquals("1", text(data.get("routes")), check.toString());
    assertEquals("false", text(data.get("clustered")), check.toString());
    System.out.println("The candy-ws readiness check: " + check);
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString string ? string.getString() : String.valueOf(value);
  }

  private static Map<String, String> labels(String name, String value) {
    return Map.of("route", ROUTE, name, value);
  }

  /** Reads the metrics until each named series of the route has its value. */
  private PrometheusText awaitMetrics(Map<String, Double> values, Map<String, String> labels)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(WsClient.TIMEOUT_SECONDS).toNanos();
    Map<String, Double> seen = new LinkedHashMap<>();
    String text;
    do {
      text = get(metrics(url));
      PrometheusText page = PrometheusText.parse(text);
      seen.clear();
      values.keySet().forEach(name -> seen.put(name, page.value(name, labels)));
      if (seen.equals(values)) {
        return page;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval
    } while (System.nanoTime() < deadline);
    return fail(
        "the metrics never showed "
            + values
            + "; last seen: "
            + seen
            + "; its candy lines: "
            + text.lines().filter(line -> line.contains("candy")).limit(40).toList());
  }

  private JsonObject readinessCheck() throws Exception {
    JsonObject health = WsClient.json(get(readiness(url)));
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> check.getString("name").equals("candy-ws"))
        .findFirst()
        .orElseGet(() -> fail("no candy-ws check in " + health));
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/plain").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri + ": " + response.body());
    return response.body();
  }
}
