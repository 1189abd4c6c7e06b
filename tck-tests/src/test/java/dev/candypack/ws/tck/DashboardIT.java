package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.dashboard.DashboardRoutes;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard's route on a real server: on for the role {@code ops}, a snapshot every 200 ms, two
 * watchers at most (the WAR's {@code microprofile-config.properties}).
 */
@ExtendWith(ArquillianExtension.class)
class DashboardIT {

  private static final String DASHBOARD = "candy-ws/dashboard";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("dashboard")
        .addPackage(DashboardRoutes.class.getPackage())
        .addAsResource(
            "dashboard/microprofile-config.properties", "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  /**
   * Reads snapshots until one satisfies the condition; each read waits at most the client's time.
   */
  private static JsonObject awaitSnapshot(JdkClient watcher, Predicate<JsonObject> condition)
      throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonObject snapshot = watcher.nextJson();
      assertEquals("snapshot", snapshot.getString("type"));
      if (condition.test(snapshot)) {
        return snapshot;
      }
    }
    throw new AssertionError("no snapshot in 100 satisfied the condition");
  }

  private static JsonObject route(JsonObject snapshot, String template) {
    return snapshot.getJsonArray("routes").stream()
        .map(JsonObject.class::cast)
        .filter(route -> route.getString("route").equals(template))
        .findFirst()
        .orElse(null);
  }

  @Test
  void refusesAnAnonymousUserWith4001AndOneWithoutTheRoleWith4003() throws Exception {
    try (JdkClient anonymous = JdkClient.connect(server.ws(DASHBOARD))) {
      assertEquals(4001, anonymous.awaitClose().code());
    }
    try (JdkClient bob = JdkClient.connect(server.ws(DASHBOARD), "bob:secret")) {
      assertEquals(4003, bob.awaitClose().code());
    }
  }

  @Test
  @SuppressWarnings("try") // b and c only need to be open
  void showsEachRouteWithItsOpenCountRatesAndRoomsButNotItself() throws Exception {
    try (JdkClient a = JdkClient.connect(server.ws("echo?room=big"));
        JdkClient b = JdkClient.connect(server.ws("echo?room=big"));
        JdkClient c = JdkClient.connect(server.ws("echo?room=small"));
        JdkClient olga = JdkClient.connect(server.ws(DASHBOARD), "olga:secret")) {
      JsonObject snapshot =
          awaitSnapshot(
              olga, s -> route(s, "/echo") != null && route(s, "/echo").getInt("open") == 3);
      assertEquals(null, route(snapshot, "/" + DASHBOARD), "the dashboard leaves itself out");
      assertEquals(1, snapshot.getInt("watchers"));
      JsonObject largest = snapshot.getJsonArray("rooms").getJsonObject(0);
      assertEquals("big", largest.getString("name"));
      assertEquals(2, largest.getInt("members"));
      assertEquals(2, snapshot.getInt("roomCount"));

      for (int i = 0; i < 20; i++) {
        a.send("m" + i);
        assertEquals("m" + i, a.next());
      }
      JsonObject busy =
          awaitSnapshot(
              olga, s -> route(s, "/echo").getJsonNumber("inPerSecond").doubleValue() > 0);
      assertTrue(
          route(busy, "/echo").getJsonNumber("outPerSecond").doubleValue() > 0, busy::toString);
    }
  }

  @Test
  void closesAWatcherPastTheLimitWith1013() throws Exception {
    try (JdkClient first = JdkClient.connect(server.ws(DASHBOARD), "olga:secret")) {
      // The watchers of earlier tests may still be closing: wait until this one is the only one.
      awaitSnapshot(first, s -> s.getInt("watchers") == 1);
      try (JdkClient second = JdkClient.connect(server.ws(DASHBOARD), "olga:secret");
          JdkClient third = JdkClient.connect(server.ws(DASHBOARD), "olga:secret")) {
        JdkClient.Close refused = third.awaitClose();
        assertEquals(1013, refused.code());
        assertEquals("Too many dashboard watchers", refused.reason());
        assertEquals(2, awaitSnapshot(second, s -> true).getInt("watchers"));
      }
    }
  }

  @Test
  void thePageIsServedFromTheJarToAnyoneAndHoldsNoData() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.http("candy-ws/dashboard.html")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>candy-ws dashboard</title>"), page.body());
    assertTrue(page.body().contains("dashboard.js"), page.body());
  }
}
