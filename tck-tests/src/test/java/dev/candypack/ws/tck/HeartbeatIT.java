package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The heartbeat on a real server: peers that stop answering pings, or stall in the middle of a
 * large frame, are ended (the server closes the TCP connection), leave their rooms and reach the
 * close handlers with 1006, while other clients keep their round trips. The WAR pings every second.
 */
@ExtendWith(ArquillianExtension.class)
class HeartbeatIT {

  /** The WAR's {@code candy.ws.ping-interval-ms}. */
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  /** What "within a few intervals" allows for a peer to be ended once it stops answering. */
  private static final Duration FEW_INTERVALS = INTERVAL.multipliedBy(6);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("heartbeat")
        .addPackage(TestRoutes.class.getPackage())
        .addAsResource(
            "heartbeat/microprofile-config.properties", "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL url;
  Server server;

  @BeforeEach
  void server() {
    server = new Server(url);
  }

  @Test
  void aPeerThatAnswersStaysAndOnceMuteIsEndedLeavingItsRoomsWith1006() throws Exception {
    try (WsClient roommate = WsClient.connect(server.ws("cmd"));
        RawSocket peer = RawSocket.connect(server.ws("cmd"))) {
      roommate.send("{\"op\":\"join\",\"room\":\"quiet\"}");
      peer.sendText("{\"op\":\"join\",\"room\":\"quiet\"}");
      peer.sendText("{\"op\":\"id\"}");
      String id = WsClient.json(nextText(peer)).getString("id");

      // Answering every ping for three intervals keeps it open; the answers never reach the
      // route's pong handler, which would send {"event":"pong"}.
      long answerUntil = System.nanoTime() + INTERVAL.multipliedBy(3).toNanos();
      int pings = 0;
      for (long left; (left = answerUntil - System.nanoTime()) > 0; ) {
        RawSocket.Frame frame;
        try {
          frame = peer.readFrame(Duration.ofNanos(left));
        } catch (SocketTimeoutException quiet) {
          break;
        }
        assertEquals(RawSocket.Frame.PING, frame.opcode(), "only pings come: " + frame.text());
        peer.sendPong(frame.payload());
        pings++;
      }
      assertTrue(pings >= 2, "the server sent " + pings + " pings in three intervals");
      JsonObject before = server.stats("room=quiet");
      assertEquals(2, before.getInt("members"));
      assertTrue(ids(before).contains(id));

      // Another pong reaches the handler: only the heartbeat's own answers stay inside.
      peer.sendPong("mine".getBytes(StandardCharsets.UTF_8));
      assertEquals("pong", WsClient.json(nextText(peer)).getString("event"));

      long mute = System.nanoTime();
      assertTrue(peer.awaitEnd(FEW_INTERVALS), "the server never closed the TCP connection");
      Duration endedAfter = Duration.ofNanos(System.nanoTime() - mute);
      assertTrue(peer.writesFail(INTERVAL.multipliedBy(5)), "the server only shut its side");
      System.out.printf(
          "a mute peer was ended %d ms after its last answer%n", endedAfter.toMillis());

      JsonObject after =
          server.awaitStats(
              "room=quiet&closed=" + id, stats -> stats.getJsonArray("closed").size() == 1);
      JsonObject closed = after.getJsonArray("closed").getJsonObject(0);
      assertEquals(1006, closed.getInt("code"));
      assertEquals("No answer to ping", closed.getString("reason"));
      assertEquals(0, closed.getJsonArray("roomsAtClose").size());
      assertEquals(1, after.getInt("members"));
      assertFalse(ids(after).contains(id));

      roommate.send("{\"op\":\"rooms\"}");
      assertEquals("quiet", roommate.nextJson().getJsonArray("rooms").getString(0));
    }
  }

  @Test
  void aCloseThePeerNeverAnswersStillEndsTheConnectionWithinAFewIntervals() throws Exception {
    try (RawSocket peer = RawSocket.connect(server.ws("close/4000/bye"))) {
      peer.sendText("go");
      assertEquals("bye", nextText(peer));
      // Pings are answered, as every client does (on Payara the close waits for one's pong).
      RawSocket.Frame close = nextAnswering(peer);
      assertEquals(RawSocket.Frame.CLOSE, close.opcode());

      // No close frame back: Undertow would hold the connection open for it for ever.
      assertTrue(peer.writesFail(FEW_INTERVALS), "the server still takes what the peer sends");
    }
  }

  @Test
  void fifteenPeersStalledInTheMiddleOfALargeFrameAreEndedWhileOthersKeepTheirRoundTrips()
      throws Exception {
    int stalled = 15;
    long frame = 9L * 1024 * 1024;
    long sent = 4L * 1024 * 1024;
    ExecutorService threads = Executors.newFixedThreadPool(stalled + 1);
    List<RawSocket> peers = new ArrayList<>();
    try (WsClient echo = WsClient.connect(server.ws("echo"))) {
      RoundTrips trips = new RoundTrips(echo);
      Future<?> tripping = threads.submit(trips);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < stalled; i++) {
        RawSocket peer = RawSocket.connect(server.ws("cmd"));
        peers.add(peer);
        peer.sendText("{\"op\":\"id\"}");
        ids.add(WsClient.json(nextText(peer)).getString("id"));
      }
      long start = System.nanoTime();
      List<Future<?>> sends = new ArrayList<>();
      for (RawSocket peer : peers) {
        sends.add(
            threads.submit(
                () -> {
                  try {
                    peer.sendFrameStart(frame, sent);
                  } catch (IOException endedWhileSending) {
                    // The server may end a peer before its 4 MiB are through: ended all the same.
                  }
                  return null;
                }));
      }
      for (Future<?> send : sends) {
        send.get();
      }
      long allStalled = System.nanoTime();

      for (RawSocket peer : peers) {
        assertTrue(peer.awaitEnd(FEW_INTERVALS), "a stalled peer's TCP connection is still open");
        assertTrue(peer.writesFail(INTERVAL.multipliedBy(5)), "the server only shut its side");
      }
      server.awaitStats("", stats -> ids(stats).stream().noneMatch(ids::contains));
      long allEnded = System.nanoTime();
      for (String id : ids) {
        JsonObject stats =
            server.awaitStats("closed=" + id, s -> !s.getJsonArray("closed").isEmpty());
        assertEquals(1006, stats.getJsonArray("closed").getJsonObject(0).getInt("code"), id);
      }
      trips.stop();
      tripping.get();

      System.out.printf(
          "%d peers sent %d MiB each in %d ms and were all ended %d ms later; %d round trips"
              + " meanwhile, the slowest %d ms%n",
          stalled,
          sent >> 20,
          Duration.ofNanos(allStalled - start).toMillis(),
          Duration.ofNanos(allEnded - allStalled).toMillis(),
          trips.count(),
          trips.slowest().toMillis());
      assertTrue(
          Duration.ofNanos(allEnded - allStalled).compareTo(FEW_INTERVALS) <= 0,
          "ending them took " + Duration.ofNanos(allEnded - allStalled).toMillis() + " ms");
      assertTrue(
          trips.failures.isEmpty(),
          trips.failures + ", the echo client's close: " + echo.closed.getNow(null));
      assertTrue(
          trips.count() >= Duration.ofNanos(allEnded - start).toSeconds(),
          "fewer than one round trip a second: " + trips.count());
      assertTrue(
          trips.slowest().compareTo(INTERVAL.multipliedBy(2)) < 0,
          "a round trip took " + trips.slowest().toMillis() + " ms");
    } finally {
      for (RawSocket peer : peers) {
        peer.close();
      }
      threads.shutdownNow();
    }
  }

  /** The next text frame, answering the pings that come first as a live peer would. */
  private static String nextText(RawSocket peer) throws IOException {
    RawSocket.Frame frame = nextAnswering(peer);
    assertEquals(RawSocket.Frame.TEXT, frame.opcode(), "a text frame");
    return frame.text();
  }

  /** The next frame that is not a ping; pings are answered on the way. */
  private static RawSocket.Frame nextAnswering(RawSocket peer) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(WsClient.TIMEOUT_SECONDS).toNanos();
    while (true) {
      RawSocket.Frame frame = peer.readFrame(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame.opcode() != RawSocket.Frame.PING) {
        return frame;
      }
      peer.sendPong(frame.payload());
    }
  }

  private static List<String> ids(JsonObject stats) {
    return stats.getJsonArray("clientIds").getValuesAs(JsonString::getString);
  }

  /** Echo round trips, one after the other, until stopped. */
  private static final class RoundTrips implements Runnable {
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final WsClient client;
    private volatile boolean stopped;
    private volatile int count;
    private volatile long slowestNanos;

    RoundTrips(WsClient client) {
      this.client = client;
    }

    @Override
    public void run() {
      try {
        while (!stopped) {
          long start = System.nanoTime();
          String text = "trip " + count;
          client.send(text);
          assertEquals(text, client.nextJson().getString("text"));
          slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
          count++;
        }
      } catch (Exception | AssertionError e) {
        failures.add(e);
      }
    }

    void stop() {
      stopped = true;
    }

    int count() {
      return count;
    }

    Duration slowest() {
      return Duration.ofNanos(slowestNanos);
    }
  }
}
