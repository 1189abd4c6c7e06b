package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three relays on real Hazelcast in one JVM: two embedded members clustered over TCP on loopback,
 * and a client of the first. Each stands for one node of the application.
 */
class HazelcastRelayTest {

  /** A node: its settings, its counts, and the messages delivered to it. */
  static final class StubNode implements RelayContext {
    final String id = UUID.randomUUID().toString();
    final Map<String, String> settings = new HashMap<>();
    final BlockingQueue<RelayMessage> delivered = new LinkedBlockingQueue<>();
    volatile int clients;
    volatile Map<String, Integer> rooms = Map.of();

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
      delivered.add(message);
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
    public String setting(String key) {
      return settings.get(key);
    }
  }

  private static final List<HazelcastRelay> RELAYS = new CopyOnWriteArrayList<>();
  private static StubNode one;
  private static StubNode two;
  private static StubNode three;
  private static HazelcastRelay first;
  private static HazelcastRelay second;
  private static HazelcastRelay client;

  @BeforeAll
  static void cluster(@TempDir Path dir) throws Exception {
    String cluster = "candy-ws-test-" + UUID.randomUUID();
    int port1 = freePort();
    int port2 = freePort();
    String members = "127.0.0.1:" + port1 + ",127.0.0.1:" + port2;
    one = new StubNode(settings(member(dir, "one.xml", cluster, port1, members)));
    two = new StubNode(settings(member(dir, "two.xml", cluster, port2, members)));
    first = start(one);
    second = start(two);
    Path clientConfig = dir.resolve("client.xml");
    Files.writeString(
        clientConfig,
        """
        <hazelcast-client xmlns="http://www.hazelcast.com/schema/client-config">
          <cluster-name>%s</cluster-name>
          <network><cluster-members><address>127.0.0.1:%d</address></cluster-members></network>
        </hazelcast-client>
        """
            .formatted(cluster, port1));
    three =
        new StubNode(
            Map.of(
                HazelcastRelay.SWITCH, "hazelcast",
                HazelcastRelay.REPORT_INTERVAL, "100",
                Grid.CLIENT_CONFIG, clientConfig.toString()));
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
      RelayMessage fence = RelayMessage.broadcast(origin.id, "fence from " + origin.id);
      for (StubNode to : List.of(one, two, three)) {
        if (to != origin) {
          await(() -> reached(from, fence, to), "a fence from each node reaches the others");
        }
      }
    }
    for (StubNode node : List.of(one, two, three)) {
      node.delivered.clear();
    }
  }

  /** Publishes the fence again until the node has it: a message sent before a listener is lost. */
  private static boolean reached(HazelcastRelay from, RelayMessage fence, StubNode to) {
    if (!to.delivered.contains(fence)) {
      from.publish(fence);
    }
    return to.delivered.contains(fence);
  }

  @AfterAll
  static void stop() {
    RELAYS.forEach(HazelcastRelay::stop);
  }

  private static Map<String, String> settings(Path memberConfig) {
    return Map.of(
        HazelcastRelay.SWITCH,
        "hazelcast",
        HazelcastRelay.REPORT_INTERVAL,
        "100",
        Grid.MEMBER_CONFIG,
        memberConfig.toString());
  }

  private static Path member(Path dir, String name, String cluster, int port, String members)
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

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
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
          i % 2 == 0
              ? RelayMessage.toRoom(one.id, "r", "{\"n\":" + i + "}")
              : RelayMessage.broadcast(one.id, new byte[] {(byte) i, 0, (byte) 255});
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
    relay.stop();
    assertTrue(one.delivered.isEmpty() && two.delivered.isEmpty());
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
    relay.publish(RelayMessage.broadcast("x", "nothing happens while off"));
    assertEquals(0, relay.remoteClientCount());
  }
}
