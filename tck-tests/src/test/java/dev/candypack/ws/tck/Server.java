package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyWar;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The server under test: its addresses, its state over HTTP, and the test WARs. */
final class Server {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI http;

  /**
   * @param deployment the deployment's URL as Arquillian reports it
   */
  Server(URL deployment) {
    // Payara Micro reports the machine's interface address; loopback is what the tests may use.
    this.http = URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath());
  }

  /** A WebSocket address below the deployment's context root, such as {@code cmd?name=a}. */
  URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + http.getPort() + http.getPath() + path);
  }

  URI http(String path) {
    return http.resolve(path);
  }

  /** The server's state, read from the test WAR's stats servlet. */
  JsonObject stats(String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(http("stats?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return WsClient.json(response.body());
  }

  void post(String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(http("stats?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  /** Polls the server's state until it satisfies the condition, or fails after the timeout. */
  JsonObject awaitStats(String query, Predicate<JsonObject> condition) throws Exception {
    return Eventually.await("the server's state for " + query, () -> stats(query), condition);
  }

  /** The deployment as the test kit sees it, with the TCK's patient timeout. */
  CandyApp app() {
    return CandyApp.at(http).withTimeout(Duration.ofSeconds(WsClient.TIMEOUT_SECONDS));
  }

  /** A test WAR with candy-ws in {@code WEB-INF/lib}, as a user would package it. */
  static WebArchive war(String name) {
    return CandyWar.create(name);
  }
}
