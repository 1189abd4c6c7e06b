package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The example's presence and feed routes across {@link ClusterIT}'s two nodes: users and offsets
 * are the cluster's, and a node that dies takes its users with it while its feed clients recover on
 * the other node.
 */
final class ClusterDelivery {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // Four report intervals (1 s each) is the documented bound; the rest is a loaded machine's slack.
  static final Duration LEAVE_AFTER_DEATH = Duration.ofSeconds(4);

  private ClusterDelivery() {}

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static String message(String text, long offset) {
    return DeliveryIT.message(text, offset);
  }

  static String users(MicroNode node, String room) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(node.http("/api/rooms/" + room + "/users")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static void awaitUsers(MicroNode node, String room, String expected) throws Exception {
    Eventually.await(
        node.name + "'s users of " + room + " being " + expected,
        () -> users(node, room),
        expected::equals);
  }

  /** Presence across two live nodes. */
  static void presence(MicroNode one, MicroNode two) throws Exception {
    String room = unique();
    try (JdkClient ann = JdkClient.connect(one.ws("/presence/" + room + "/user/ann"))) {
      assertEquals(
          "{\"type\":\"members\",\"roomId\":\"" + room + "\",\"users\":[\"ann\"]}", ann.next());
      awaitUsers(two, room, "{\"users\":[\"ann\"]}");
      try (JdkClient bob = JdkClient.connect(two.ws("/presence/" + room + "/user/bob"));
          JdkClient annOnTwo = JdkClient.connect(two.ws("/presence/" + room + "/user/ann"))) {
        assertEquals(
            "{\"type\":\"members\",\"roomId\":\"" + room + "\",\"users\":[\"ann\",\"bob\"]}",
            bob.next(),
            "sorted, distinct, across the cluster, itself included");
        assertEquals("{\"type\":\"joined\",\"userId\":\"bob\"}", ann.next(), "from node 2");
        annOnTwo.next();
        awaitUsers(one, room, "{\"users\":[\"ann\",\"bob\"]}");
        assertEquals("{\"users\":[\"ann\",\"bob\"]}", users(two, room));
        // ann's second socket on node 2 made no change; bob is the next one ann hears of
      }
      assertEquals("{\"type\":\"left\",\"userId\":\"bob\"}", ann.next());
      awaitUsers(two, room, "{\"users\":[\"ann\"]}");
      assertTrue(ann.texts.isEmpty(), "ann left on node 2 but is still in on node 1");
    }
  }

  /** A feed client that leaves node 1 and comes back on node 2 misses nothing. */
  static void feed(MicroNode one, MicroNode two) throws Exception {
    String feed = "/feed/" + unique();
    try (JdkClient writer = JdkClient.connect(one.ws(feed))) {
      // A socket's own message coming back shows it is in: those sent before may not reach it.
      writer.send("{\"text\":\"t0\"}");
      assertEquals(message("t0", 0), writer.next());
      try (JdkClient onTwo = JdkClient.connect(two.ws(feed))) {
        onTwo.send("{\"text\":\"t1\"}");
        assertEquals(message("t1", 1), onTwo.next(), "one offset on every node");
        assertEquals(message("t1", 1), writer.next());
        JdkClient reader = JdkClient.connect(one.ws(feed));
        reader.send("{\"text\":\"t2\"}");
        for (JdkClient client : new JdkClient[] {reader, writer, onTwo}) {
          assertEquals(message("t2", 2), client.next());
        }
        reader.close(); // it leaves node 1 after offset 2
        for (int i = 3; i <= 5; i++) {
          writer.send("{\"text\":\"t" + i + "\"}");
          assertEquals(message("t" + i, i), writer.next());
          assertEquals(message("t" + i, i), onTwo.next());
        }
        try (JdkClient back = JdkClient.connect(two.ws(feed + "?since=2"))) {
          for (int i = 3; i <= 5; i++) {
            assertEquals(message("t" + i, i), back.next(), "missed, in order, on the other node");
          }
          writer.send("{\"text\":\"t6\"}");
          assertEquals(message("t6", 6), back.next(), "then live, once");
          back.send("{\"text\":\"t7\"}");
          assertEquals(message("t7", 7), back.next());
          assertEquals(message("t6", 6), writer.next());
          assertEquals(message("t7", 7), writer.next());
          assertEquals(message("t6", 6), onTwo.next());
          assertEquals(message("t7", 7), onTwo.next());
        }
      }
    }
  }

  /** Set up before node 2 is killed; {@link #check} after. */
  static final class AcrossKill {
    final MicroNode one;
    final String room = unique();
    final String feed = "/feed/" + unique();
    final JdkClient erin;
    final JdkClient dave;
    final JdkClient writer;
    final JdkClient reader;

    AcrossKill(MicroNode one, MicroNode two) throws Exception {
      this.one = one;
      erin = JdkClient.connect(one.ws("/presence/" + room + "/user/erin"));
      erin.next();
      awaitUsers(two, room, "{\"users\":[\"erin\"]}");
      dave = JdkClient.connect(two.ws("/presence/" + room + "/user/dave"));
      dave.next();
      assertEquals("{\"type\":\"joined\",\"userId\":\"dave\"}", erin.next());
      writer = JdkClient.connect(one.ws(feed));
      writer.send("{\"text\":\"t0\"}");
      assertEquals(message("t0", 0), writer.next());
      reader = JdkClient.connect(two.ws(feed));
      reader.send("{\"text\":\"t1\"}");
      assertEquals(message("t1", 1), reader.next(), "the reader on node 2 is in");
      assertEquals(message("t1", 1), writer.next());
    }

    /** Node 2 has just been killed. */
    void check(long killedAtNanos) throws Exception {
      String left = erin.texts.poll(60, TimeUnit.SECONDS);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNanos);
      assertEquals("{\"type\":\"left\",\"userId\":\"dave\"}", left, "a dead node's users leave");
      assertTrue(
          tookMillis <= LEAVE_AFTER_DEATH.toMillis() + 6000,
          "dave left " + tookMillis + " ms after his node died");
      System.out.println("ClusterDelivery: a dead node's user left after " + tookMillis + " ms");
      assertEquals("{\"users\":[\"erin\"]}", users(one, room));
      for (int i = 2; i <= 4; i++) {
        writer.send("{\"text\":\"t" + i + "\"}");
        assertEquals(message("t" + i, i), writer.next());
      }
      // reader's node died after it saw offset 1: it comes back on node 1
      try (JdkClient back = JdkClient.connect(one.ws(feed + "?since=1"))) {
        for (int i = 2; i <= 4; i++) {
          assertEquals(message("t" + i, i), back.next(), "the history outlived its node");
        }
        writer.send("{\"text\":\"t5\"}");
        assertEquals(message("t5", 5), back.next());
        assertEquals(message("t5", 5), writer.next());
      } finally {
        erin.close();
        writer.close();
        reader.texts.clear();
        dave.texts.clear();
      }
    }
  }
}
