package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.candypack.ws.tck.requests.RequestRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyTestClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Request-reply on the wire, with a real client writing the envelopes: replies, error replies, both
 * bounds ({@code candy.ws.max-pending-requests=2}), both timeouts ({@code
 * candy.ws.request-timeout-ms=1000} for the route's handler, the route's own for its requests),
 * pending requests failed on close, and a plain route that never sees a difference.
 */
@ExtendWith(ArquillianExtension.class)
class RequestsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("requests")
        .addPackage(RequestRoutes.class.getPackage())
        .addAsResource(
            "requests/microprofile-config.properties", "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  @Test
  void aRouteAnswersWithRepliesAndErrorReplies() throws Exception {
    try (CandyTestClient client = app.connect("answer")) {
      client.send("{\"candy:request\":1,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}");
      assertEquals("{\"candy:reply\":1,\"data\":3}", client.next());
      client.send("{\"candy:request\":\"tab-7\",\"data\":{\"op\":\"later\"}}");
      assertEquals("{\"candy:reply\":\"tab-7\",\"data\":{\"done\":true}}", client.next());
      client.send("{\"candy:request\":2,\"data\":{\"op\":\"nonsense\"}}");
      assertEquals("{\"candy:reply\":2,\"error\":\"Request handler failed\"}", client.next());
      client.send("{\"candy:request\":3,\"data\":{\"op\":\"add\",\"a\":0.5,\"b\":-2}}");
      assertEquals("{\"candy:reply\":3,\"data\":-1.5}", client.next(), "still open");
    }
  }

  @Test
  void theClientsPendingRequestsAreBoundedAndTimeOut() throws Exception {
    try (CandyTestClient client = app.connect("answer")) {
      client.send("{\"candy:request\":1,\"data\":{\"op\":\"hang\"}}");
      client.send("{\"candy:request\":2,\"data\":{\"op\":\"hang\"}}");
      client.send("{\"candy:request\":3,\"data\":{\"op\":\"hang\"}}");
      assertEquals("{\"candy:reply\":3,\"error\":\"Too many pending requests\"}", client.next());
      // The two timeouts run side by side: either may be sent first.
      assertEquals(
          Set.of(
              "{\"candy:reply\":1,\"error\":\"Request timed out\"}",
              "{\"candy:reply\":2,\"error\":\"Request timed out\"}"),
          Set.of(client.next(), client.next()));
      client.send("{\"candy:request\":4,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}");
      assertEquals("{\"candy:reply\":4,\"data\":3}", client.next(), "both slots free again");
    }
  }

  @Test
  void theRoutesRequestsAreBoundedAnsweredAndFailedWhenTheClientLeaves() throws Exception {
    try (CandyTestClient watcher = app.connect("outcomes")) {
      assertEquals("watching", watcher.next());
      try (CandyTestClient client = app.connect("ask")) {
        client.send("ask 60000");
        client.send("ask 60000");
        client.send("ask 60000");
        assertEquals("{\"candy:request\":1,\"data\":{\"n\":1}}", client.next());
        assertEquals("{\"candy:request\":2,\"data\":{\"n\":2}}", client.next());
        assertOutcome(client.nextJson(), 3, "failed", "TOO_MANY");
        assertOutcome(watcher.nextJson(), 3, "failed", "TOO_MANY");

        client.send("{\"candy:reply\":1,\"data\":\"one\"}");
        assertOutcome(client.nextJson(), 1, "reply", "one");
        assertOutcome(watcher.nextJson(), 1, "reply", "one");
      }
      // The client has left with request 2 unanswered: failed long before its 60 s timeout.
      assertOutcome(watcher.nextJson(), 2, "failed", "CLOSED");
    }
  }

  @Test
  void theRoutesRequestTimesOutAndItsLateReplyIsDropped() throws Exception {
    try (CandyTestClient client = app.connect("ask")) {
      client.send("ask 300");
      assertEquals("{\"candy:request\":1,\"data\":{\"n\":1}}", client.next());
      assertOutcome(client.nextJson(), 1, "failed", "TIMED_OUT");
      client.send("{\"candy:reply\":1,\"data\":\"late\"}");
      client.send("ask 60000");
      // Had the late reply reached the message handler, it would have asked (or failed) first.
      assertEquals("{\"candy:request\":2,\"data\":{\"n\":2}}", client.next());
      client.send("{\"candy:reply\":2,\"error\":\"no idea\"}");
      JsonObject refused = client.nextJson();
      assertOutcome(refused, 2, "failed", "REFUSED");
      assertFalse(client.hasNext());
    }
  }

  @Test
  void aRouteThatNeverOptedInSeesEnvelopesAsOrdinaryMessages() throws Exception {
    try (CandyTestClient client = app.connect("plain")) {
      String request = "{\"candy:request\":1,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}";
      client.send(request);
      assertEquals(request, client.next());
      client.send("{\"candy:reply\":1,\"data\":3}");
      assertEquals("{\"candy:reply\":1,\"data\":3}", client.next());
    }
  }

  private static void assertOutcome(JsonObject outcome, int asked, String key, String value) {
    assertEquals(asked, outcome.getInt("asked"), outcome.toString());
    assertEquals(value, outcome.getString(key), outcome.toString());
  }
}
