package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Payara Micro nodes clustered on loopback through Payara's data grid, each serving the example
 * WAR at {@code /} and the test routes at {@code /cluster}, both with {@code candy-ws-hazelcast}
 * and {@code candy.ws.cluster=hazelcast}, signing with one {@code candy.ws.cluster.secret}. Clients
 * on either node share rooms and broadcasts, each message reaches each socket exactly once, and
 * when one node is killed the other keeps serving.
 *
 * <p>Not an Arquillian test: the adapter manages one server, and this test kills one.
 *
 * <p>Exactly once is checked without sleeping: see {@link #fence}.
 *
 * <p>Only in the Payara profile: the relay is tested on Payara's own data grid, with processes this
 * test starts itself; {@code -Pwildfly} excludes it (see the README).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final AtomicInteger FENCES = new AtomicInteger();
  private static final String SECRET = "cluster-it-" + UUID.randomUUID();

  private static MicroNode one;
  private static MicroNode two;

  @BeforeAll
  static void twoNodes(@TempDir Path dir) throws Exception {
    Path example = dir.resolve("ROOT.war");
    Files.copy(ExampleWar.file(), example);
    Path tests = dir.resolve("cluster.war");
    File libs = new File(System.getProperty("candy.libs", "target/candy-libs"));
    Server.war("cluster")
        .addPackage(TestRoutes.class.getPackage())
        .addAsLibraries(new File(libs, "candy-ws-hazelcast.jar"))
        .as(ZipExporter.class)
        .exportTo(tests.toFile(), true);
    int grid1 = MicroNode.freePort();
    int grid2 = MicroNode.freePort();
    String members = "tcpip:127.0.0.1:" + grid1 + ",127.0.0.1:" + grid2;
    String group = "candy-ws-it-" + UUID.randomUUID(); // never joins anyone else's grid
    one = node("node 1", grid1, members, group, example, tests);
    two = node("node 2", grid2, members, group, example, tests);
    one.awaitReady();
    two.awaitReady();
    assertTrue(one.log().contains("candy-ws: clustering /cluster over"), one.log());
    assertTrue(two.log().contains("candy-ws: clustering / over"), two.log());
    for (MicroNode node : new MicroNode[] {one, two}) {
      assertTrue(node.log().contains("messages and reports signed with"), node.log());
      assertFalse(node.log().contains("candy.ws.cluster.secret is not set"), node.log());
    }
  }

  private static MicroNode node(
      String name, int gridPort, String members, String group, Path example, Path tests)
      throws Exception {
    return MicroNode.start(
        name,
        // As the example's cluster profile does: every node signs with the same secret.
        List.of("-Dcandy.ws.cluster=hazelcast", "-Dcandy.ws.cluster.secret=" + SECRET),
        List.of(
            "--deploy",
            example.toString(),
            "--deploy",
            tests.toString(),
            "--clustermode",
            members,
            "--interfaces",
            "127.0.0.1",
            "--nohostaware",
            "--clustername",
            group,
            "--startport",
            "" + gridPort));
  }

  @AfterAll
  static void stop() throws Exception {
    for (MicroNode node : new MicroNode[] {one, two}) {
      if (node != null) {
        node.stop();
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static WsClient cmd(MicroNode node, String name) throws Exception {
    return WsClient.connect(node.ws("/cluster/cmd?name=" + name));
  }

  /** Sends a command to the {@code /cluster/cmd} route; {@code msg} is JSON. */
  private static void op(WsClient client, String op, String room, String msg) throws Exception {
    client.send("{\"op\":\"" + op + "\",\"room\":\"" + room + "\",\"msg\":" + msg + "}");
  }

  private static String id(String id) {
    return "{\"id\":\"" + id + "\"}";
  }

  private static void join(String room, WsClient... clients) throws Exception {
    for (WsClient client : clients) {
      op(client, "join", room, "null");
    }
  }

  private static JsonObject stats(MicroNode node, String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(node.http("/cluster/stats?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return WsClient.json(response.body());
  }

  private static int post(URI uri, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (json != null) {
      request
          .header("Content-Type", "application/json")
          .header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(
            request
                .POST(
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Polls a node's state until it meets the condition. */
  private static JsonObject await(MicroNode node, String query, Predicate<JsonObject> condition)
      throws Exception {
    return Eventually.await(
        node.name + "'s state for " + query, PATIENCE, () -> stats(node, query), condition);
  }

  private static void awaitMembers(String room, int members) throws Exception {
    for (MicroNode node : new MicroNode[] {one, two}) {
      await(node, "room=" + room, s -> s.getInt("clusterMembers") == members);
    }
  }

  /** What a client received, counted by message id ({@code "server:…"} for server messages). */
  private static final class Tally {
    final WsClient client;
    final Map<String, Integer> counts = new LinkedHashMap<>();

    Tally(WsClient client) {
      this.client = client;
    }

    /** Reads until the message with this id, counting everything read. */
    void readUntil(String last) throws Exception {
      readUntilSeen(List.of(last));
    }

    /** Reads until every one of these ids has been counted, counting everything read. */
    void readUntilSeen(List<String> ids) throws Exception {
      while (!counts.keySet().containsAll(ids)) {
        JsonObject message = client.nextJson();
        String id =
            message.containsKey("id")
                ? message.getString("id")
                : message.containsKey("server") ? "server:" + message.getString("server") : "?";
        counts.merge(id, 1, Integer::sum);
      }
    }

    /** Counts, besides what the last fence brought, whatever else has arrived. */
    void drain() {
      for (String text; (text = client.texts.poll()) != null; ) {
        counts.merge(WsClient.json(text).getString("id", text), 1, Integer::sum);
      }
    }
  }

  private static Map<WsClient, Tally> tallies(WsClient... clients) {
    Map<WsClient, Tally> tallies = new LinkedHashMap<>();
    for (WsClient client : clients) {
      tallies.put(client, new Tally(client));
    }
    return tallies;
  }

  /**
   * Ends a quiet period on an event instead of a timer. Hazelcast hands one topic's messages to one
   * event thread per member, in the order they reach the member, and a member queues its own echo
   * before the message leaves for the others. So when x's first fence has reached y, node 2 has
   * handled everything node 1 published before; when y's answer has reached x, node 1 has handled
   * its own earlier echoes and everything node 2 published before. Every message sent before the
   * fence, duplicates included, therefore reaches each client before one of the three fences: the
   * other node's before that node's fence, its own node's before x's or y's local copy. Each client
   * reads until it has seen all three, in whatever order: two senders on one node reach a third
   * socket in no fixed order (y's fence, fanned out by node 1's relay thread, may reach a second
   * client on node 1 after x's last fence, sent on x's own thread).
   *
   * @param room a room every client in the tallies has joined
   * @param x a client on node 1
   * @param y a client on node 2
   * @return the ids of the three fence messages, each of which every client counted once
   */
  private static List<String> fence(String room, WsClient x, WsClient y, Map<WsClient, Tally> all)
      throws Exception {
    int n = FENCES.incrementAndGet();
    List<String> fences = List.of("fence-" + n + "-x", "fence-" + n + "-y", "fence-" + n + "-z");
    op(x, "to", room, id(fences.get(0)));
    all.get(y).readUntil(fences.get(0));
    op(y, "to", room, id(fences.get(1)));
    all.get(x).readUntil(fences.get(1));
    op(x, "to", room, id(fences.get(2)));
    for (Tally tally : all.values()) {
      tally.readUntilSeen(fences);
    }
    return fences;
  }

  private static Map<String, Integer> once(List<String> ids, List<String> more) {
    Map<String, Integer> once = new HashMap<>();
    ids.forEach(id -> once.put(id, 1));
    more.forEach(id -> once.put(id, 1));
    return once;
  }

  // ---- tests --------------------------------------------------------------------------------

  @Test
  @Order(1)
  void roomMessagesReachEveryMemberOnBothNodesExactlyOnce() throws Exception {
    try (WsClient a1 = cmd(one, "a1");
        WsClient a2 = cmd(one, "a2");
        WsClient outside1 = cmd(one, "o1");
        WsClient b1 = cmd(two, "b1");
        WsClient outside2 = cmd(two, "o2")) {
      join("r1", a1, a2, b1);
      join("f1", a1, a2, outside1, b1, outside2);
      awaitMembers("r1", 3);
      awaitMembers("f1", 5);
      JsonObject counts = await(one, "room=r1", s -> s.getInt("clusterClients") == 5);
      assertEquals(3, counts.getInt("clients"), "node 1's own count is exact");

      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        op(a1, "to", "r1", id("a" + i));
        op(b1, "to", "r1", id("b" + i));
        sent.addAll(List.of("a" + i, "b" + i));
      }
      op(a1, "to-binary", "r1", "\"binary from node 1\"");
      op(b1, "to-binary", "r1", "\"binary from node 2\"");
      Map<WsClient, Tally> tallies = tallies(a1, a2, b1, outside1, outside2);
      List<String> fences = fence("f1", a1, b1, tallies);

      for (WsClient member : List.of(a1, a2, b1)) {
        assertEquals(once(sent, fences), tallies.get(member).counts, "every message once");
        Set<String> binaries = new HashSet<>();
        binaries.add(new String(member.nextBinary(), StandardCharsets.UTF_8));
        binaries.add(new String(member.nextBinary(), StandardCharsets.UTF_8));
        assertEquals(Set.of("binary from node 1", "binary from node 2"), binaries);
        assertTrue(member.binaries.isEmpty(), "no binary frame twice");
      }
      for (WsClient outsider : List.of(outside1, outside2)) {
        assertEquals(once(fences, List.of()), tallies.get(outsider).counts, "outside the room");
        assertTrue(outsider.binaries.isEmpty());
      }
    }
  }

  @Test
  @Order(2)
  void broadcastsAndServerSendsCrossNodesExactlyOnce() throws Exception {
    try (WsClient a1 = cmd(one, "a1");
        WsClient a2 = cmd(one, "a2");
        WsClient b1 = cmd(two, "b1");
        WsClient b2 = cmd(two, "b2")) {
      join("f2", a1, a2, b1, b2);
      join("rs", b2);
      awaitMembers("f2", 4);
      awaitMembers("rs", 1);

      op(a1, "broadcast", "", id("from a1"));
      op(b1, "broadcast", "", id("from b1"));
      assertEquals(200, post(two.http("/cluster/stats?msg=everyone"), null));
      assertEquals(200, post(one.http("/cluster/stats?room=rs&msg=room"), null));
      Map<WsClient, Tally> tallies = tallies(a1, a2, b1, b2);
      List<String> fences = fence("f2", a1, b1, tallies);

      assertEquals(
          once(fences, List.of("from b1", "server:everyone")),
          tallies.get(a1).counts,
          "a socket's own broadcast skips it, and it alone");
      assertEquals(
          once(fences, List.of("from a1", "from b1", "server:everyone")), tallies.get(a2).counts);
      assertEquals(once(fences, List.of("from a1", "server:everyone")), tallies.get(b1).counts);
      assertEquals(
          once(fences, List.of("from a1", "from b1", "server:everyone", "server:room")),
          tallies.get(b2).counts,
          "CandyServer.toRoom on node 1 reaches the room's member on node 2");
    }
  }

  @Test
  @Order(3)
  void theExampleServesOneChatFromTwoNodes() throws Exception {
    try (JdkClient ann = JdkClient.connect(one.ws("/room/lobby/user/ann"));
        JdkClient bob = JdkClient.connect(two.ws("/room/lobby/user/bob"));
        JdkClient alice = JdkClient.connect(two.ws("/notifications"), "alice:secret");
        JdkClient caster = JdkClient.connect(one.ws("/broadcast"))) {
      assertEquals("joined", ann.nextJson().getString("type"));
      assertEquals("joined", bob.nextJson().getString("type"));
      assertEquals("connected", alice.nextJson().getString("type"));

      ann.send("{\"text\":\"hi bob\"}");
      JsonObject atBob = bob.nextJson();
      assertEquals("ann", atBob.getString("userId"));
      assertEquals("hi bob", atBob.getString("text"));
      assertEquals("hi bob", ann.nextJson().getString("text"), "the sender is a member too");
      bob.send("{\"text\":\"hi ann\"}");
      assertEquals("hi ann", ann.nextJson().getString("text"), "nothing twice in between");
      assertEquals("hi ann", bob.nextJson().getString("text"));

      assertEquals(
          200, post(one.http("/api/notify/alice"), "{\"message\":\"from node 1\"}") / 100 * 100);
      assertEquals(
          "{\"type\":\"notification\",\"message\":\"from node 1\"}",
          alice.next(),
          "POST /api/notify/alice on node 1 reaches alice's socket on node 2");

      caster.send("{\"type\":\"broadcast\",\"message\":\"to every node\"}");
      for (JdkClient other : List.of(ann, bob, alice)) {
        JsonObject announcement = other.nextJson();
        assertEquals("announcement", announcement.getString("type"));
        assertEquals("to every node", announcement.getString("message"));
      }
      post(one.http("/api/notify/alice"), "{\"message\":\"second\"}");
      assertEquals("second", alice.nextJson().getString("message"), "nothing twice in between");

      JsonObject clients = awaitClients(one, c -> c.getInt("cluster") == 4);
      assertEquals(2, clients.getInt("count"));
      assertTrue(caster.texts.isEmpty(), "the sender of a broadcast gets nothing");
    }
  }

  @Test
  @Order(4)
  void aDirectMessageReachesEverySocketOfTheUserOnBothNodesExactlyOnce() throws Exception {
    try (JdkClient secure = JdkClient.connect(one.ws("/secure"), "alice:secret");
        JdkClient notifications = JdkClient.connect(two.ws("/notifications"), "alice:secret");
        JdkClient bob = JdkClient.connect(two.ws("/notifications"), "bob:secret")) {
      assertEquals("welcome", secure.nextJson().getString("type"));
      assertEquals("connected", notifications.nextJson().getString("type"));
      assertEquals("connected", bob.nextJson().getString("type"));

      assertEquals(
          200,
          post(one.http("/api/users/alice/messages"), "{\"message\":\"from node 1\"}") / 100 * 100);
      assertEquals(
          200,
          post(two.http("/api/users/alice/messages"), "{\"message\":\"from node 2\"}") / 100 * 100);
      for (JdkClient alice : List.of(secure, notifications)) {
        Set<String> received = new HashSet<>();
        received.add(alice.next());
        received.add(alice.next());
        assertEquals(
            Set.of(
                "{\"type\":\"direct\",\"message\":\"from node 1\"}",
                "{\"type\":\"direct\",\"message\":\"from node 2\"}"),
            received,
            "POST on either node reaches alice's sockets on both");
      }
      // Node 1's fence reaches alice on node 2 after node 1's and node 2's earlier messages (see
      // fence): nothing came twice, and bob got nothing.
      post(one.http("/api/users/alice/messages"), "{\"message\":\"fence\"}");
      assertEquals("fence", notifications.nextJson().getString("message"));
      assertEquals("fence", secure.nextJson().getString("message"));
      post(one.http("/api/users/bob/messages"), "{\"message\":\"fence\"}");
      assertEquals("fence", bob.nextJson().getString("message"), "bob got nothing of alice's");
      assertTrue(secure.texts.isEmpty(), "nothing twice");
      assertTrue(notifications.texts.isEmpty(), "nothing twice");
    }
  }

  private static JsonObject awaitClients(MicroNode node, Predicate<JsonObject> condition)
      throws Exception {
    return Eventually.await(
        node.name + "'s /api/clients",
        PATIENCE,
        () ->
            WsClient.json(
                HTTP.send(
                        HttpRequest.newBuilder(node.http("/api/clients")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body()),
        condition);
  }

  @Test
  @Order(4)
  void presenceListsAndTellsUsersAcrossNodes() throws Exception {
    ClusterDelivery.presence(one, two);
  }

  @Test
  @Order(5)
  void aFeedClientThatLeftNode1CatchesUpOnNode2() throws Exception {
    ClusterDelivery.feed(one, two);
  }

  @Test
  @Order(Integer.MAX_VALUE) // kills node 2
  void whenOneNodeDiesTheOtherKeepsServingAndDeliveringOnce() throws Exception {
    WsClient b1 = cmd(two, "b1");
    try (WsClient a1 = cmd(one, "a1");
        WsClient a2 = cmd(one, "a2")) {
      join("k", a1, a2, b1);
      awaitMembers("k", 3);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        op(a1, "to", "k", id("k" + i));
        sent.add("k" + i);
      }
      new Tally(b1).readUntil("k19"); // node 2 was part of the chat
      ClusterDelivery.AcrossKill delivery = new ClusterDelivery.AcrossKill(one, two);

      two.kill(); // mid-run: no undeploy, no goodbye to the grid
      delivery.check(System.nanoTime());
      for (int i = 20; i < 40; i++) {
        op(a1, "to", "k", id("k" + i));
        sent.add("k" + i);
      }
      op(a1, "to", "k", id("k-end"));
      sent.add("k-end");
      Map<WsClient, Tally> tallies = tallies(a1, a2);
      for (Tally tally : tallies.values()) {
        tally.readUntil("k-end");
      }
      // The quiet period: until node 1 has forgotten node 2's report, at least three report
      // intervals after the kill, during which any echo of node 1's own messages has long come.
      JsonObject alone =
          await(
              one,
              "room=k",
              s ->
                  s.getInt("clusterClients") == s.getInt("clients")
                      && s.getInt("clusterMembers") == 2);
      assertEquals(2, alone.getInt("members"));
      for (Tally tally : tallies.values()) {
        tally.drain();
        assertEquals(once(sent, List.of()), tally.counts, "every message once, none twice");
      }

      try (WsClient late = cmd(one, "late");
          JdkClient chat = JdkClient.connect(one.ws("/chat"))) {
        join("k", late);
        await(one, "room=k", s -> s.getInt("members") == 3);
        op(a1, "to", "k", id("after"));
        assertEquals("after", late.nextJson().getString("id"), "node 1 still delivers");
        assertEquals("after", a2.nextJson().getString("id"));
        assertEquals("welcome", chat.nextJson().getString("type"), "node 1 still serves");
        assertEquals(
            200, post(one.http("/api/notify/alice"), "{\"message\":\"anyone?\"}") / 100 * 100);
      }
      for (MicroNode node : new MicroNode[] {one, two}) {
        assertFalse(
            node.log().contains("from the grid since the last warning"),
            "nothing the nodes signed was refused:\n" + node.log());
      }
    } finally {
      b1.texts.clear(); // its node is gone; the socket closes with it
    }
  }
}
