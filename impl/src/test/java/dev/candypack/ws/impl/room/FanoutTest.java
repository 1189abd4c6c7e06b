package dev.candypack.ws.impl.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.observe.RelayMeter;
import dev.candypack.ws.impl.room.RoomRegistryTest.StubMember;
import dev.candypack.ws.impl.transaction.FakeTransactions;
import dev.candypack.ws.impl.transaction.TransactionalSends;
import dev.candypack.ws.spi.CandyRelay;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FanoutTest {

  /** A relay that records what it is given and reports fixed counts for the other nodes. */
  static class RecordingRelay implements CandyRelay {
    final List<RelayMessage> published = new ArrayList<>();
    RelayContext node;
    boolean on = true;
    boolean stopped;

    @Override
    public boolean start(RelayContext node) {
      this.node = node;
      return on;
    }

    @Override
    public void publish(RelayMessage message) {
      published.add(message);
    }

    @Override
    public int remoteClientCount() {
      return 5;
    }

    @Override
    public int remoteMemberCount(String room) {
      return room.equals("r") ? 2 : 0;
    }

    @Override
    public void stop() {
      stopped = true;
    }
  }

  private final RoomRegistry registry = new RoomRegistry();
  private final RelayMeter relayMeter = new RelayMeter();
  private final Fanout fanout = new Fanout(registry, relayMeter, new TransactionalSends());
  private final JsonCodec codec = new JsonCodec();
  private final RecordingRelay relay = new RecordingRelay();
  private final StubMember a = member("a");
  private final StubMember b = member("b");
  private final StubMember c = member("c");

  private StubMember member(String id) {
    StubMember member = new StubMember(id);
    registry.add(member);
    return member;
  }

  private void start() {
    assertTrue(fanout.start(relay, "/app", key -> Optional.of("value of " + key), 64));
  }

  @Test
  void withoutARelayEverythingStaysLocal() {
    registry.join("r", a);
    fanout.toRoom("r", codec.encode("hi"));
    fanout.broadcast(codec.encode("all"), a);
    assertEquals(1, a.delivered.size());
    assertEquals(1, b.delivered.size());
    assertEquals(1, fanout.clusterMemberCount("r"));
    assertEquals(3, fanout.clusterClientCount());
  }

  @Test
  void aRoomMessageIsDeliveredHereThenPublishedOnceWithTheSameFrame() {
    start();
    registry.join("r", a);
    registry.join("r", b);
    OutboundMessage frame = codec.encode(Map.of("n", 1));
    fanout.toRoom("r", frame);
    assertSame(frame, a.delivered.get(0), "encoded once, the same frame for every member");
    assertSame(frame, b.delivered.get(0));
    assertTrue(c.delivered.isEmpty());
    assertEquals(List.of(RelayMessage.toRoom(fanout.nodeId(), "r", "{\"n\":1}")), relay.published);
  }

  @Test
  void binaryPayloadsArePublishedAsTheirBytes() {
    start();
    registry.join("r", a);
    byte[] bytes = {0, 1, 2, (byte) 255};
    fanout.toRoom("r", codec.binary(bytes));
    fanout.broadcast(
        codec.encode(ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8), 1, 2)), null);
    assertArrayEquals(bytes, relay.published.get(0).bytes());
    assertTrue(relay.published.get(0).isBinary());
    assertArrayEquals("yz".getBytes(StandardCharsets.UTF_8), relay.published.get(1).bytes());
    assertEquals(RelayMessage.Kind.BROADCAST, relay.published.get(1).kind());
  }

  @Test
  void aBroadcastSkipsTheSenderHereOnly() {
    start();
    fanout.broadcast(codec.encode("all"), a);
    assertTrue(a.delivered.isEmpty());
    assertEquals(1, b.delivered.size());
    assertEquals(1, c.delivered.size());
    assertEquals(List.of(RelayMessage.broadcast(fanout.nodeId(), "all")), relay.published);
  }

  @Test
  void messagesFromOtherNodesAreDeliveredHereAndNeverPublishedAgain() {
    start();
    registry.join("r", a);
    relay.node.deliver(RelayMessage.toRoom("elsewhere", "r", "to r"));
    relay.node.deliver(RelayMessage.broadcast("elsewhere", new byte[] {7}));
    assertEquals(new OutboundMessage.Text("to r"), a.delivered.get(0));
    assertEquals(2, a.delivered.size());
    assertEquals(1, b.delivered.size(), "a broadcast from elsewhere reaches every socket here");
    OutboundMessage.Binary binary = (OutboundMessage.Binary) b.delivered.get(0);
    assertEquals(ByteBuffer.wrap(new byte[] {7}), binary.view());
    assertTrue(relay.published.isEmpty());
  }

  @Test
  void aUserMessageReachesTheUsersSocketsHereThenThePublishedUserOnly() {
    start();
    StubMember alice1 = new StubMember("alice-1", "alice");
    StubMember alice2 = new StubMember("alice-2", "alice");
    registry.add(alice1);
    registry.add(alice2);
    registry.join("alice", a); // a room of the same name is another thing
    OutboundMessage frame = codec.encode(Map.of("type", "direct"));
    fanout.toUser("alice", frame);
    assertSame(frame, alice1.delivered.get(0), "encoded once");
    assertSame(frame, alice2.delivered.get(0));
    assertTrue(a.delivered.isEmpty());
    assertEquals(
        List.of(RelayMessage.toUser(fanout.nodeId(), "alice", "{\"type\":\"direct\"}")),
        relay.published);

    relay.node.deliver(RelayMessage.toUser("elsewhere", "alice", new byte[] {9}));
    assertEquals(2, alice1.delivered.size());
    assertEquals(2, alice2.delivered.size());
    assertTrue(a.delivered.isEmpty(), "never to the room named like the user");
    assertEquals(1, relay.published.size(), "never published again");
    relay.node.deliver(relay.published.get(0));
    assertEquals(2, alice1.delivered.size(), "the own echo is ignored");
  }

  @Test
  void insideATransactionEveryKindOfSendWaitsForTheCommitThenGoesInOrderAndIsRelayed() {
    TransactionalSends sends = new TransactionalSends();
    FakeTransactions tx = new FakeTransactions().drive(sends);
    Fanout transactional = new Fanout(registry, new RelayMeter(), sends);
    assertTrue(transactional.start(relay, "/app", key -> Optional.empty(), 1 << 20));
    StubMember alice = new StubMember("alice-1", "alice");
    registry.add(alice);
    registry.join("r", alice);

    tx.begin();
    transactional.toRoom("r", codec.encode("1"));
    transactional.toUser("alice", codec.encode("2"));
    transactional.broadcast(codec.encode("3"), null);
    assertTrue(alice.delivered.isEmpty(), "nothing before the commit");
    assertTrue(relay.published.isEmpty(), "nor to the other nodes");
    tx.commit();
    assertEquals(
        List.of("1", "2", "3"),
        alice.delivered.stream().map(m -> ((OutboundMessage.Text) m).text()).toList());
    assertEquals(
        List.of(RelayMessage.Kind.ROOM, RelayMessage.Kind.USER, RelayMessage.Kind.BROADCAST),
        relay.published.stream().map(RelayMessage::kind).toList());

    tx.begin();
    transactional.toUser("alice", codec.encode("rolled back"));
    tx.rollback();
    relay.node.deliver(RelayMessage.toUser("elsewhere", "alice", "from elsewhere"));
    assertEquals(4, alice.delivered.size(), "dropped; what other nodes send is not held");
    assertEquals(3, relay.published.size());
  }

  @Test
  void theOwnEchoIsIgnored() {
    start();
    registry.join("r", a);
    fanout.toRoom("r", codec.encode("once"));
    relay.node.deliver(relay.published.get(0));
    assertEquals(1, a.delivered.size());
  }

  @Test
  void countsAddThisNodesExactCountsToTheOthersReports() {
    start();
    registry.join("r", a);
    registry.join("s", b);
    assertEquals(3 + 5, fanout.clusterClientCount());
    assertEquals(1 + 2, fanout.clusterMemberCount("r"));
    assertEquals(1, fanout.clusterMemberCount("s"));
    assertEquals(Map.of("r", 1, "s", 1), relay.node.roomSizes());
    assertEquals(3, relay.node.clientCount());
  }

  @Test
  void theRelaySeesTheNodeTheApplicationAndTheSettings() {
    start();
    assertEquals(fanout.nodeId(), relay.node.nodeId());
    assertEquals("/app", relay.node.application());
    assertEquals("value of candy.ws.cluster", relay.node.setting("candy.ws.cluster"));
  }

  @Test
  void payloadsUpToTheCapAreRelayedAndLargerOnesStayOnThisNode() {
    start(); // a cap of 64 bytes
    registry.join("r", a);
    String fits = "\"" + "x".repeat(62) + "\""; // 64 bytes as JSON
    String over = "\"" + "é".repeat(32) + "\""; // 34 characters, 66 bytes in UTF-8

    fanout.toRoom("r", new OutboundMessage.Text(fits));
    fanout.toRoom("r", new OutboundMessage.Text(over));
    fanout.broadcast(codec.binary(new byte[65]), null);

    assertEquals(3, a.delivered.size(), "every one reaches this node's sockets");
    assertEquals(List.of(RelayMessage.toRoom(fanout.nodeId(), "r", fits)), relay.published);
    assertEquals(64, relay.node.maxPayloadBytes());
    assertEquals(1, relayMeter.publishedCount());
    assertEquals(2, relayMeter.droppedCount(), "kept on this node: lost to the others");
  }

  @Test
  void payloadsOverTheCapFromOtherNodesAreDropped() {
    start();
    registry.join("r", a);

    relay.node.deliver(RelayMessage.toRoom("elsewhere", "r", "é".repeat(33))); // 66 bytes
    relay.node.deliver(RelayMessage.broadcast("elsewhere", new byte[65]));
    relay.node.deliver(RelayMessage.broadcast("elsewhere", new byte[64]));

    assertEquals(1, a.delivered.size());
    assertEquals(64, a.delivered.get(0).size());
    assertEquals(1, relayMeter.receivedCount());
    assertEquals(2, relayMeter.droppedCount());
  }

  @Test
  void aRelayThatIsOffIsNeverCalledAgain() {
    relay.on = false;
    assertFalse(fanout.start(relay, "/app", key -> Optional.empty(), 64));
    registry.join("r", a);
    fanout.toRoom("r", codec.encode("local"));
    assertTrue(relay.published.isEmpty());
    assertEquals(1, fanout.clusterMemberCount("r"));
  }

  @Test
  void afterStopFanOutIsLocal() {
    start();
    fanout.stop();
    assertTrue(relay.stopped);
    fanout.broadcast(codec.encode("late"), null);
    assertTrue(relay.published.isEmpty());
    assertEquals(3, fanout.clusterClientCount());
  }

  @Test
  void aFailingRelayNeverReachesTheSender() {
    CandyRelay failing =
        new RecordingRelay() {
          @Override
          public void publish(RelayMessage message) {
            throw new IllegalStateException("grid down");
          }
        };
    assertTrue(fanout.start(failing, "/app", key -> Optional.empty(), 64));
    registry.join("r", a);
    fanout.toRoom("r", codec.encode("still local"));
    assertEquals(1, a.delivered.size());
    assertEquals(0, relayMeter.publishedCount());
    assertEquals(1, relayMeter.droppedCount());
  }
}
