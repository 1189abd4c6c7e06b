package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.tck.events.EventRoutes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * candy-ws's lifecycle as CDI events on a real server: the WAR's {@code EventLog} observes them and
 * its servlet reports what each observer saw.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleEventsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("events").addPackage(EventRoutes.class.getPackage());
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  /** The events of one observer list that mention a text, such as a socket's id, in order. */
  private static List<String> seen(JsonObject stats, String observer, String mentioning) {
    return stats.getJsonArray(observer).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .filter(event -> event.contains(mentioning))
        .toList();
  }

  @Test
  void aSocketsEventsFireOnceEachInOrder() throws Exception {
    String id;
    try (WsClient client = WsClient.connect(server.ws("watched"))) {
      id = client.nextJson().getString("id");
      client.send("join side");
      assertEquals("ok:join side", client.next());
      client.send("leave side");
      assertEquals("ok:leave side", client.next());
    } // closes with 1000 while in lobby

    JsonObject stats =
        server.awaitStats("", s -> seen(s, "watched", id).contains("closed " + id + " 1000"));
    assertEquals(
        List.of(
            "opened " + id,
            "joined " + id + " lobby",
            "joined " + id + " side",
            "left " + id + " side",
            "left " + id + " lobby",
            "closed " + id + " 1000"),
        seen(stats, "watched", id));
    assertEquals(
        List.of("opened /watched " + id, "closed /watched " + id + " 1000"),
        seen(stats, "all", id));

    JsonObject later = server.awaitStats("", s -> seen(s, "async", id).size() >= 2);
    assertEquals(
        Set.of("opened " + id, "closed " + id + " 1000"), Set.copyOf(seen(later, "async", id)));
    assertEquals(2, seen(later, "async", id).size(), "each once");
  }

  @Test
  void anObserverQualifiedByARouteSeesThatRouteOnly() throws Exception {
    String id;
    try (WsClient client = WsClient.connect(server.ws("other"))) {
      id = client.nextJson().getString("id");
    }

    JsonObject stats =
        server.awaitStats("", s -> seen(s, "all", id).contains("closed /other " + id + " 1000"));
    assertEquals(
        List.of("opened /other " + id, "closed /other " + id + " 1000"), seen(stats, "all", id));
    assertEquals(List.of(), seen(stats, "watched", id), "the /watched observers saw nothing");
    assertEquals(List.of(), seen(stats, "async", id));
  }

  @Test
  void aRefusedHandshakeFiresCandyRefusedWithItsReason() throws Exception {
    try (JdkClient anonymous = JdkClient.connect(server.ws("locked"))) {
      assertEquals(4001, anonymous.awaitClose().code());
    }
    try (JdkClient client = JdkClient.connect(server.ws("guarded"))) {
      assertEquals(4003, client.awaitClose().code());
    }

    JsonObject stats =
        server.awaitStats(
            "",
            s ->
                seen(s, "all", "refused /locked").size() == 1
                    && seen(s, "all", "refused /guarded").size() == 1);
    assertEquals(List.of("refused /locked unauthorized"), seen(stats, "all", "/locked"));
    assertEquals(List.of("refused /guarded guard"), seen(stats, "all", "/guarded"));
  }

  @Test
  void anObserverThatThrowsDoesNotBreakTheConnection() throws Exception {
    String id;
    try (WsClient client = WsClient.connect(server.ws("throwing"))) {
      id = client.nextJson().getString("id");
      client.send("still here");
      assertEquals("ok:still here", client.next());
    }

    server.awaitStats("", s -> seen(s, "all", id).contains("closed /throwing " + id + " 1000"));
  }
}
