package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three relays on real Hazelcast in one JVM: two embedded members clustered over TCP on loopback,
 * and a client of the first. Each stands for one node of the application; all three share the
 * secret, so what they exchange is signed. Other tests add a stranger on the same grid.
 */
class HazelcastRelayTest {

  static final String SECRET = "a secret of the relay test, 32+ bytes";

  /** How a fence's text starts: a broadcast that only shows a node hears another. */
  private static final String FENCE = "fence ";

  /**
   * A node: its settings, its counts, and the messages delivered to it. Fences are kept apart: a
   * fence may be published several times and arrive late, and no test counts them.
   */
  static final class StubNode implements RelayContext {
    final String id = UUID.randomUUID().toString();
    final Map<String, String> settings = new HashMap<>();
    final BlockingQueue<RelayMessage> delivered = new LinkedBlockingQueue<>();
    final Set<RelayMessage> fences = ConcurrentHashMap.newKeySet();
    volatile int clients;
    volatile Map<String, Integer> rooms = Map.of();
    volatile long maxPayloadBytes = 1024 * 1024;
    volatile Map<String, Map<String, Integer>> presence = Map.of();
    final java.util.concurrent.atomic.AtomicInteger presenceChanges =
        new java.util.concurrent.atomic.AtomicInteger();

    StubNode(Map<String, String> settings) {
      this.settings.putAll(settings);
    }

    @Override
    public String nodeId() {
      return id;
    }

    @Override
    public String application() {
      return "/relay-test";
    }

    @Override
    public void deliver(RelayMessage message) {
      boolean fence =
          message.kind() == RelayMessage.Kind.BROADCAST
              && !message.isBinary()
              && message.text().startsWith(FENCE);
      (fence ? fences : delivered).add(message);
    }

    @Override
    public int clientCount() {
      return clients;
    }

    @Override
    public Map<String, Integer> roomSizes() {
      return rooms;
    }

    @Override
    public long maxPayloadBytes() {
      return maxPayloadBytes;
    }

    @Override
    public String setting(String key) {
      return settings.get(key);
    }

    @Override
    public Map<String, Map<String, Integer>> presence() {
      return presence;
    }

    @Override
    public void remotePresenceChanged() {
      presenceChanges.incrementAndGet();
    }
  }

  private static final List<HazelcastRelay> RELAYS = new CopyOnWriteArrayList<>();
  private static StubNode one;
  private static StubNode two;
  private static StubNode three;
  private static HazelcastRelay first;
  private static HazelcastRelay second;
  private static HazelcastRelay client;

  private static String cluster;
  private static int port1;
  private static Path clientConfig;

  @BeforeAll
  static void cluster(@TempDir Path dir) throws Exception {
    cluster = "candy-ws-test-" + UUID.randomUUID();
    port1 = freePort();
    int port2 = freePort();
    String members = "127.0.0.1:" + port1 + ",127.0.0.1:" + port2;
    one = new StubNode(settings(member(dir, "one.xml", cluster, port1, members)));
    two = new StubNode(settings(member(dir, "two.xml", cluster, port2, members)));
    first = start(one);
    second = start(two);
    clientConfig = client(dir, cluster, port1);
    three = new StubNode(clientSettings(clientConfig));
    client = start(three);
    one.clients = 1;
    two.clients = 2;
    three.clients = 4;
    await(
        () ->
            first.remoteClientCount() == 6
                && second.remoteClientCount() == 5
                && client.remoteClientCount() == 3,
        "every node sees the others' reports");
    // The reports travel through a map; messages through a topic whose listeners register on
    // each member on their own time. A message from each node that reached the two others shows
    // that every listener is in place before a test counts messages.
    for (HazelcastRelay from : List.of(first, second, client)) {
      StubNode origin = from == first ? one : from == second ? two : three;
      for (StubNode to : List.of(one, two, three)) {
        if (to != origin) {
          heard(from, origin, to, "from the start");
        }
      }
    }
  }

  /**
   * Publishes a fence from a node again and again until another node has it: a message sent before
   * the other's listener is in place is lost.
   *
   * @param from the publishing relay
   * @param origin its node
   * @param to the node that must hear it
   * @param when when this is, for the fence's text and the failure message
   */
  static void heard(HazelcastRelay from, StubNode origin, StubNode to, String when) {
    RelayMessage fence =
        RelayMessage.broadcast(origin.id, FENCE + "from " + origin.id + " " + when);
    await(
        () -> {
          if (!to.fences.contains(fence)) {
            from.publish(fence);
          }
          return to.fences.contains(fence);
        },
        to.id + " hears " + origin.id + " " + when);
  }

  @AfterAll
  static void stop() {
    RELAYS.forEach(HazelcastRelay::stop);
  }

  static Map<String, String> settings(Path memberConfig) {
    return Map.of(
        HazelcastRelay.SWITCH,
        "hazelcast",
        HazelcastRelay.REPORT_INTERVAL,
        "100",
        Grid.MEMBER_CONFIG,
        memberConfig.toString(),
        Seal.SECRET,
        SECRET);
  }

  static Path member(Path dir, String name, String cluster, int port, String members)
      throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <cluster-name>%s</cluster-name>
          <properties>
            <property name="hazelcast.phone.home.enabled">false</property>
            <property name="hazelcast.wait.seconds.before.join">0</property>
          </properties>
          <network>
            <port auto-increment="false">%d</port>
            <join>
              <multicast enabled="false"/>
              <tcp-ip enabled="true"><member-list><member>%s</member></member-list></tcp-ip>
            </join>
            <interfaces enabled="true"><interface>127.0.0.1</interface></interfaces>
          </network>
        </hazelcast>
        """
            .formatted(cluster, port, members));
    return file;
  }

  private static HazelcastRelay start(StubNode node) {
    HazelcastRelay relay = new HazelcastRelay();
    assertTrue(relay.start(node));
    RELAYS.add(relay);
    return relay;
  }

  /** The settings of a node that reaches the grid as a Hazelcast client. */
  static Map<String, String> clientSettings(Path clientConfig) {
    return Map.of(
        HazelcastRelay.SWITCH,
        "hazelcast",
        HazelcastRelay.REPORT_INTERVAL,
        "100",
        Grid.CLIENT_CONFIG,
        clientConfig.toString(),
        Seal.SECRET,
        SECRET);
  }

  /** A Hazelcast client config that joins the cluster through the member at the port. */
  static Path client(Path dir, String cluster, int port) throws Exception {
    Path file = dir.resolve("client.xml");
    Files.writeString(
        file,
        """
        <hazelcast-client xmlns="http://www.hazelcast.com/schema/client-config">
          <cluster-name>%s</cluster-name>
          <network><cluster-members><address>127.0.0.1:%d</address></cluster-members></network>
        </hazelcast-client>
        """
            .formatted(cluster, port));
    return file;
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** Every message the node got within the time it took the last one in to arrive. */
  private static List<RelayMessage> drain(StubNode node, int expected) throws Exception {
    List<RelayMessage> got = new ArrayList<>();
    for (int i = 0; i < expected; i++) {
      RelayMessage message = node.delivered.poll(30, TimeUnit.SECONDS);
      if (message == null) {
        fail("node got " + got.size() + " of " + expected + " messages");
      }
      got.add(message);
    }
    return got;
  }

  @Test
  void eachMessageReachesEveryOtherNodeOnceInOrderAndNeverItsOrigin() throws Exception {
    List<RelayMessage> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RelayMessage message =
          switch (i % 3) {
            case 0 -> RelayMessage.toRoom(one.id, "r", "{\"n\":" + i + "}");
            case 1 -> RelayMessage.broadcast(one.id, new byte[] {(byte) i, 0, (byte) 255});
            default -> RelayMessage.toUser(one.id, "alice", "{\"direct\":" + i + "}");
          };
      sent.add(message);
      first.publish(message);
    }
    // A marker from the second node: once the first node has it, its own echo had its chance.
    RelayMessage marker = RelayMessage.broadcast(two.id, "marker");
    second.publish(marker);
    assertEquals(sent, drain(two, 50), "in the order published, binary bytes intact");
    List<RelayMessage> atTheClient = drain(three, 51);
    assertEquals(
        sent,
        atTheClient.stream().filter(m -> m.origin().equals(one.id)).toList(),
        "a client receives like a member");
    assertEquals(1, atTheClient.stream().filter(marker::equals).count());
    assertEquals(List.of(marker), drain(one, 1), "the origin never gets its own echo");
    assertTrue(two.delivered.isEmpty() && one.delivered.isEmpty() && three.delivered.isEmpty());
  }

  @Test
  void aClientPublishesToTheMembers() throws Exception {
    RelayMessage message = RelayMessage.toRoom(three.id, "from the client", "hi");
    client.publish(message);
    assertEquals(List.of(message), drain(one, 1));
    assertEquals(List.of(message), drain(two, 1));
  }

  @Test
  void roomCountsAddUpAcrossTheOtherNodes() {
    one.rooms = Map.of("lobby", 1);
    two.rooms = Map.of("lobby", 2, "side", 1);
    three.rooms = Map.of();
    await(
        () ->
            first.remoteMemberCount("lobby") == 2
                && client.remoteMemberCount("lobby") == 3
                && client.remoteMemberCount("side") == 1
                && first.remoteMemberCount("nowhere") == 0,
        "room counts of the other nodes");
  }

  @Test
  void anUnreachableGridNeitherHoldsUpTheStartNorFailsTheSender(@TempDir Path dir)
      throws Exception {
    Path nowhere = dir.resolve("nowhere.xml");
    Files.writeString(
        nowhere,
        """
        <hazelcast-client xmlns="http://www.hazelcast.com/schema/client-config">
          <cluster-name>nobody-%s</cluster-name>
          <network><cluster-members><address>127.0.0.1:%d</address></cluster-members></network>
        </hazelcast-client>
        """
            .formatted(UUID.randomUUID(), freePort()));
    StubNode lonely =
        new StubNode(
            Map.of(
                HazelcastRelay.SWITCH, "hazelcast",
                HazelcastRelay.REPORT_INTERVAL, "100",
                Grid.CLIENT_CONFIG, nowhere.toString()));
    lonely.clients = 3;
    long started = System.nanoTime();
    HazelcastRelay relay = start(lonely);
    relay.publish(RelayMessage.broadcast(lonely.id, "nobody hears this"));
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "nothing waits for it");
    assertEquals(0, relay.remoteClientCount());
    assertTrue(relay.outage().isPresent(), "not ready while the grid was never reached");
    relay.stop();
    assertEquals(Optional.empty(), relay.outage(), "stopped: no longer clustering");
    assertTrue(one.delivered.isEmpty() && two.delivered.isEmpty());
  }

  /** A Hazelcast client of the test grid that is no node of the application. */
  private static HazelcastInstance stranger() {
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    config.getNetworkConfig().addAddress("127.0.0.1:" + port1);
    return HazelcastClient.newHazelcastClient(config);
  }

  /** Version 1, no clients, 2^29 rooms, then one empty room: 17 bytes. */
  static byte[] seventeenByteReport() {
    return ByteBuffer.allocate(17)
        .put((byte) 1)
        .putInt(0)
        .putInt(1 << 29)
        .putInt(0)
        .putInt(1)
        .array();
  }

  @Test
  void whatFailsTheCheckOnTheGridIsDroppedAloneAndCountedWhileTheRestStillCounts()
      throws Exception {
    HazelcastInstance stranger = stranger();
    IMap<String, byte[]> nodes = stranger.getMap("candy-ws./relay-test.nodes");
    try {
      ITopic<byte[]> topic = stranger.getTopic("candy-ws./relay-test.messages");
      long messagesBefore = second.rejectedMessages();
      long reportsBefore = second.rejectedReports();
      byte[] injected = RelayCodec.encode(RelayMessage.broadcast("stranger", "injected"));
      topic.publish(injected);
      topic.publish(
          Seal.signed("another secret, long enough", "/relay-test")
              .seal(Seal.Kind.MESSAGE, "", injected));
      topic.publish(Seal.signed(SECRET, "/another-app").seal(Seal.Kind.MESSAGE, "", injected));
      topic.publish(new byte[] {1, 2, 3});
      nodes.put(
          "forged", RelayCodec.encode(new RelayCodec.Report(1000, Map.of("forged room", 1000))));
      nodes.put("huge", seventeenByteReport());
      // A real report, filed under another node. (With a 100 ms interval, a busy machine may let
      // an entry expire for a moment before its node writes it again.)
      AtomicReference<byte[]> real1 = new AtomicReference<>();
      await(() -> real1.updateAndGet(r -> r != null ? r : nodes.get(one.id)) != null, "a report");
      nodes.put("copy", real1.get());
      RelayMessage real = RelayMessage.broadcast(one.id, "real");
      first.publish(real);

      assertEquals(List.of(real), drain(two, 1));
      assertEquals(List.of(real), drain(three, 1));
      await(() -> second.rejectedMessages() - messagesBefore == 4, "the four messages dropped");
      await(() -> second.rejectedReports() - reportsBefore >= 3, "the three reports dropped");
      await(
          () -> second.remoteClientCount() == 1 + 4 && second.remoteMemberCount("forged room") == 0,
          "the real reports still count, the forged ones not");
      assertTrue(one.delivered.isEmpty() && two.delivered.isEmpty() && three.delivered.isEmpty());
      assertEquals(4, second.rejectedMessages() - messagesBefore);
    } finally {
      nodes.delete("forged");
      nodes.delete("huge");
      nodes.delete("copy");
      stranger.shutdown();
    }
  }

  @Test
  void aNodeWithoutTheSecretIsWarnedAndNeitherHeardNorHearing() throws Exception {
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(HazelcastRelay.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    StubNode outsider =
        new StubNode(
            Map.of(
                HazelcastRelay.SWITCH, "hazelcast",
                HazelcastRelay.REPORT_INTERVAL, "100",
                Grid.CLIENT_CONFIG, clientConfig.toString()));
    outsider.clients = 1000;
    long reportsBefore = second.rejectedReports();
    HazelcastRelay relay;
    try {
      relay = start(outsider);
    } finally {
      log.removeHandler(handler);
    }
    try {
      assertEquals(1, warnings.size(), "one warning at start");
      assertTrue(warnings.get(0).getMessage().contains("candy.ws.cluster.secret is not set"));
      await(
          () -> relay.rejectedReports() > 0 && second.rejectedReports() > reportsBefore,
          "the outsider and the nodes read each other's reports and refuse them");
      long before = second.rejectedMessages();
      relay.publish(RelayMessage.broadcast(outsider.id, "unsigned"));
      RelayMessage signed = RelayMessage.broadcast(one.id, "signed");
      first.publish(signed);

      assertEquals(List.of(signed), drain(two, 1));
      assertEquals(List.of(signed), drain(three, 1));
      await(() -> second.rejectedMessages() - before == 1, "its message was dropped");
      await(() -> relay.rejectedMessages() >= 1, "it dropped the signed message");
      // Its 1000 clients would count at every read while it runs; the others' reports still do.
      await(() -> second.remoteClientCount() == 1 + 4, "its report counts for nothing");
      assertEquals(0, relay.remoteClientCount(), "it reads no report");
      assertTrue(outsider.delivered.isEmpty() && two.delivered.isEmpty());
    } finally {
      relay.stop();
      RELAYS.remove(relay);
    }
  }

  @Test
  void aPayloadOverTheReceivingNodesLimitIsDroppedAndCounted() throws Exception {
    two.maxPayloadBytes = 1000;
    try {
      long before = second.rejectedMessages();
      RelayMessage over = RelayMessage.toRoom(one.id, "r", new byte[1001]);
      RelayMessage fits = RelayMessage.toRoom(one.id, "r", new byte[1000]);
      first.publish(over);
      first.publish(fits);

      assertEquals(List.of(fits), drain(two, 1), "in order from one node: the first was dropped");
      assertEquals(List.of(over, fits), drain(three, 2), "a node with a larger limit takes both");
      assertEquals(before + 1, second.rejectedMessages());
    } finally {
      two.maxPayloadBytes = 1024 * 1024;
    }
  }

  @Test
  void offUnlessSwitchedOnAndWrongValuesAreNamed() {
    HazelcastRelay relay = new HazelcastRelay();
    assertFalse(relay.start(new StubNode(Map.of())));
    assertFalse(relay.start(new StubNode(Map.of(HazelcastRelay.SWITCH, "off"))));
    IllegalStateException wrong =
        assertThrows(
            IllegalStateException.class,
            () -> relay.start(new StubNode(Map.of(HazelcastRelay.SWITCH, "redis"))));
    assertTrue(wrong.getMessage().contains("candy.ws.cluster = 'redis'"), wrong.getMessage());
    IllegalArgumentException interval =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                relay.start(
                    new StubNode(
                        Map.of(
                            HazelcastRelay.SWITCH,
                            "hazelcast",
                            HazelcastRelay.REPORT_INTERVAL,
                            "soon"))));
    assertTrue(interval.getMessage().contains(HazelcastRelay.REPORT_INTERVAL));
    IllegalArgumentException secret =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                relay.start(
                    new StubNode(
                        Map.of(
                            HazelcastRelay.SWITCH, "hazelcast", Seal.SECRET, "fifteen bytes!!"))));
    assertTrue(secret.getMessage().contains("candy.ws.cluster.secret has 15 bytes"));
    assertFalse(secret.getMessage().contains("fifteen"), "the secret is never logged");
    relay.publish(RelayMessage.broadcast("x", "nothing happens while off"));
    assertEquals(0, relay.remoteClientCount());
  }

  @Test
  void presenceIsSharedWithTheOtherNodesAndGoesWhenTheUsersDo() {
    one.presence = Map.of("p", Map.of("ann", 2));
    three.presence = Map.of("p", Map.of("ann", 1, "bob", 1));
    int before = two.presenceChanges.get();
    first.presenceChanged();
    client.presenceChanged();
    await(
        () -> second.remotePresence("p").equals(Map.of("ann", 3, "bob", 1)),
        "the second node sees both others' users");
    assertTrue(two.presenceChanges.get() > before, "and is told");
    await(() -> first.remotePresence("p").equals(Map.of("ann", 1, "bob", 1)), "the first, too");
    three.presence = Map.of();
    client.presenceChanged();
    await(
        () -> second.remotePresence("p").equals(Map.of("ann", 2)),
        "the client's users went when it said so");
    one.presence = Map.of();
    first.presenceChanged();
    await(() -> second.remotePresence("p").isEmpty(), "nobody is left");
  }

  /** Records what a follower of a history room receives. */
  private static final class Recorder implements dev.candypack.ws.spi.HistoryStore.Follower {
    final BlockingQueue<String> got = new LinkedBlockingQueue<>();
    volatile long started = Long.MIN_VALUE;

    @Override
    public void started(long last) {
      started = last;
    }

    @Override
    public void message(long offset, String text) {
      got.add(offset + " " + text);
    }
  }

  @Test
  void historyRoomsGiveEveryNodeTheSameOffsetsInTheSameOrder() throws Exception {
    String room = "feed/" + UUID.randomUUID();
    dev.candypack.ws.spi.HistoryStore.Limits limits =
        new dev.candypack.ws.spi.HistoryStore.Limits(5, 0);
    first.append(room, limits, "{\"n\":0}");
    Recorder onTwo = new Recorder();
    Recorder onClient = new Recorder();
    await(
        () -> {
          List<dev.candypack.ws.spi.HistoryStore.Entry> held =
              second.read(room, limits, 0, 0).toCompletableFuture().join();
          return held.size() == 1;
        },
        "the first message is stored");
    second.follow(room, limits, onTwo);
    client.follow(room, limits, onClient);
    assertEquals(0, onTwo.started);
    assertEquals(0, onClient.started);
    for (int i = 1; i <= 8; i++) {
      (i % 2 == 0 ? first : client).append(room, limits, "{\"n\":" + i + "}");
      // one at a time, so that the order is the order sent
      String expected = i + " {\"n\":" + i + "}";
      assertEquals(expected, onTwo.got.poll(30, TimeUnit.SECONDS));
      assertEquals(expected, onClient.got.poll(30, TimeUnit.SECONDS));
    }
    List<dev.candypack.ws.spi.HistoryStore.Entry> held =
        client.read(room, limits, 0, 8).toCompletableFuture().join();
    assertEquals(
        List.of(4L, 5L, 6L, 7L, 8L),
        held.stream().map(dev.candypack.ws.spi.HistoryStore.Entry::offset).toList(),
        "the capacity of 5 keeps the last 5");
    assertEquals("{\"n\":8}", held.get(4).text());
    second.unfollow(room);
    client.unfollow(room);
    first.append(room, limits, "{\"n\":9}");
    assertEquals(null, onTwo.got.poll(300, TimeUnit.MILLISECONDS), "no longer followed");
  }

  @Test
  void historyItemsAndPresenceThatFailTheCheckAreSkippedAndCounted() throws Exception {
    String room = "feed/" + UUID.randomUUID();
    dev.candypack.ws.spi.HistoryStore.Limits limits =
        new dev.candypack.ws.spi.HistoryStore.Limits(10, 0);
    Recorder onTwo = new Recorder();
    second.follow(room, limits, onTwo);
    HazelcastInstance stranger = stranger();
    IMap<String, byte[]> presence = stranger.getMap("candy-ws./relay-test.presence");
    try {
      var ring = stranger.<byte[]>getRingbuffer("candy-ws./relay-test.history." + room);
      long before = second.rejectedMessages();
      byte[] text = "{\"forged\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ring.add(text); // unsigned
      ring.add(Seal.signed(SECRET, "/relay-test").seal(Seal.Kind.HISTORY, "feed/other", text));
      ring.add(Seal.signed(SECRET, "/relay-test").seal(Seal.Kind.MESSAGE, "", text));
      byte[] big = new byte[(int) two.maxPayloadBytes + 1];
      java.util.Arrays.fill(big, (byte) ' ');
      big[0] = '{';
      big[big.length - 1] = '}';
      ring.add(Seal.signed(SECRET, "/relay-test").seal(Seal.Kind.HISTORY, room, big));
      first.append(room, limits, "{\"real\":true}");
      assertEquals("4 {\"real\":true}", onTwo.got.poll(30, TimeUnit.SECONDS), "the rest skipped");
      await(() -> second.rejectedMessages() - before == 4, "the four items counted");
      long reportsBefore = second.rejectedReports();
      presence.put("forged", PresenceCodec.encode(Map.of("r", Map.of("mallory", 1))));
      stranger.getTopic("candy-ws./relay-test.presence").publish(new byte[0]);
      await(() -> second.rejectedReports() > reportsBefore, "the forged presence dropped");
      assertEquals(Map.of(), second.remotePresence("r"));
    } finally {
      second.unfollow(room);
      presence.delete("forged");
      stranger.shutdown();
    }
  }
}
