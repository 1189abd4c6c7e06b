package dev.candypack.ws.impl.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

  /** A member that records what it is given; its socket answers only {@code id()}. */
  static final class StubMember implements RoomMember {
    final List<OutboundMessage> delivered = Collections.synchronizedList(new ArrayList<>());
    private final String id;
    private final String user;
    private final CandySocket socket;

    StubMember(String id) {
      this(id, null);
    }

    StubMember(String id, String user) {
      this.id = id;
      this.user = user;
      this.socket =
          (CandySocket)
              Proxy.newProxyInstance(
                  CandySocket.class.getClassLoader(),
                  new Class<?>[] {CandySocket.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "id", "toString" -> id;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                      });
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void deliver(OutboundMessage message) {
      delivered.add(message);
    }

    @Override
    public String user() {
      return user;
    }

    @Override
    public CandySocket socket() {
      return socket;
    }
  }

  private final RoomRegistry registry = new RoomRegistry();
  private final StubMember a = member("a");
  private final StubMember b = member("b");
  private final StubMember c = member("c");

  @Test
  void aUsersSocketsOnEveryRouteAreIndexedWhileOpenAndForgottenOnClose() {
    StubMember alice1 = new StubMember("alice-1", "alice");
    StubMember alice2 = new StubMember("alice-2", "alice");
    StubMember bob = new StubMember("bob-1", "bob");
    registry.add(alice1);
    registry.add(alice2);
    registry.add(bob);
    assertEquals(Set.of(alice1.socket(), alice2.socket()), registry.userSockets("alice"));
    assertEquals(2, registry.userSocketCount("alice"));
    assertEquals(2, registry.userCount(), "anonymous connections belong to no user");

    OutboundMessage message = new JsonCodec().encode("direct");
    registry.sendToUser("alice", message);
    assertEquals(List.of(message), alice1.delivered);
    assertEquals(List.of(message), alice2.delivered);
    assertTrue(bob.delivered.isEmpty());
    assertTrue(a.delivered.isEmpty());

    registry.remove(alice1, Set.of());
    registry.remove(
        alice1, Set.of()); // a slow client is removed once when it overflows, again on close
    assertEquals(Set.of(alice2.socket()), registry.userSockets("alice"));
    registry.remove(alice2, Set.of());
    registry.remove(bob, Set.of());
    assertEquals(0, registry.userCount(), "a user with no socket left is forgotten");
    assertEquals(Set.of(), registry.userSockets("alice"));
    assertEquals(0, registry.userSocketCount("nobody"));
    registry.sendToUser("alice", message);
    assertEquals(1, alice2.delivered.size(), "a closed socket gets nothing");
  }

  @Test
  void theUserIndexIsEmptyAfterConcurrentOpensAndClosesOfOneUser() throws Exception {
    int threads = 4;
    int each = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    OutboundMessage message = new JsonCodec().encode("m");
    AtomicInteger missed = new AtomicInteger();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                  StubMember socket = new StubMember(thread + "-" + i, "u" + (i % 3));
                  registry.add(socket);
                  registry.sendToUser("u" + (i % 3), message);
                  if (socket.delivered.isEmpty()) { // others may have sent to it too
                    missed.incrementAndGet();
                  }
                  registry.remove(socket, Set.of());
                }
              });
      worker.start();
      running.add(worker);
    }
    start.countDown();
    for (Thread thread : running) {
      thread.join();
    }
    assertEquals(0, missed.get(), "an open socket is always found under its user");
    assertEquals(0, registry.userCount(), "bounded by the open connections: none");
    assertEquals(3, registry.clientCount(), "a, b and c are still open");
  }

  @Test
  void joinAndLeave() {
    registry.join("r", a);
    registry.join("r", b);
    registry.join("r", b);
    assertEquals(Set.of(a.socket(), b.socket()), registry.members("r"));
    assertEquals(Set.of("r"), registry.roomNames());

    registry.leave("r", a);
    assertEquals(Set.of(b.socket()), registry.members("r"));

    registry.leave("r", b);
    assertEquals(Set.of(), registry.members("r"));
    assertEquals(Set.of(), registry.roomNames());

    registry.leave("r", b);
    registry.leave("never", a);
    assertEquals(Set.of(), registry.roomNames());
  }

  @Test
  void aTextToARoomAUserOrEveryoneIsMarkedSharedBeforeAnyMemberHasIt() {
    registry.add(a);
    registry.join("r", a);
    OutboundMessage.Text toRoom = new OutboundMessage.Text("room");
    OutboundMessage.Text toSome = new OutboundMessage.Text("some");
    OutboundMessage.Text toAll = new OutboundMessage.Text("all");

    registry.sendToRoom("r", toRoom);
    registry.sendToRoom("r", toSome, member -> false);
    registry.broadcast(toAll, null);

    assertTrue(toRoom.shared() && toSome.shared() && toAll.shared());
    assertEquals(List.of(toRoom, toSome, toAll), a.delivered);
    assertFalse(new OutboundMessage.Text("own").shared(), "a text is not shared by default");
  }

  @Test
  void membersIsAnUnmodifiableSnapshot() {
    registry.join("r", a);
    Set<CandySocket> members = registry.members("r");

    registry.join("r", b);

    assertEquals(Set.of(a.socket()), members);
    assertThrows(UnsupportedOperationException.class, () -> members.add(b.socket()));
    assertThrows(UnsupportedOperationException.class, () -> registry.members("none").clear());
  }

  @Test
  void removeForgetsTheClientAndItsRooms() {
    registry.join("r1", a);
    registry.join("r2", a);
    registry.join("r2", b);

    registry.remove(a, List.of("r1", "r2"));

    assertEquals(Set.of("b", "c"), registry.clients().keySet());
    assertEquals(Set.of("r2"), registry.roomNames());
    assertEquals(Set.of(b.socket()), registry.members("r2"));
  }

  @Test
  void sendToRoomQueuesTheSameEncodedMessageOnEveryMember() {
    registry.join("r", a);
    registry.join("r", b);
    OutboundMessage message = new OutboundMessage.Text("hi");

    registry.sendToRoom("r", message);
    registry.sendToRoom("empty", new OutboundMessage.Text("nobody"));

    assertEquals(1, a.delivered.size());
    assertSame(message, a.delivered.get(0));
    assertSame(message, b.delivered.get(0));
    assertEquals(List.of(), c.delivered);
  }

  @Test
  void roomEncodesOnceForAllMembers() {
    JsonCodec codec = new JsonCodec();
    try {
      registry.join("r", a);
      registry.join("r", b);
      registry.join("r", c);

      new LocalRoom("r", registry, new Fanout(registry), codec).send(Map.of("type", "chat"));

      OutboundMessage sent = a.delivered.get(0);
      assertEquals(new OutboundMessage.Text("{\"type\":\"chat\"}"), sent);
      assertSame(sent, b.delivered.get(0));
      assertSame(sent, c.delivered.get(0));
    } finally {
      codec.close();
    }
  }

  @Test
  void broadcastSkipsOneOrNone() {
    OutboundMessage first = new OutboundMessage.Text("1");
    OutboundMessage second = new OutboundMessage.Text("2");

    registry.broadcast(first, a);
    registry.broadcast(second, null);

    assertEquals(List.of(second), a.delivered);
    assertEquals(List.of(first, second), b.delivered);
    assertEquals(List.of(first, second), c.delivered);
  }

  @Test
  void clientsIsALiveReadOnlyView() {
    Map<String, CandySocket> clients = registry.clients();
    assertEquals(3, clients.size());
    assertEquals(3, registry.clientCount());
    assertSame(a.socket(), clients.get("a"));

    StubMember d = member("d");
    assertTrue(clients.containsKey("d"));
    assertSame(d.socket(), clients.get("d"));
    registry.remove(a, List.of());
    assertEquals(Set.of("b", "c", "d"), clients.keySet());
    assertEquals(null, clients.get("a"));
    assertEquals(3, registry.clientCount());

    assertThrows(UnsupportedOperationException.class, () -> clients.put("x", a.socket()));
    assertThrows(UnsupportedOperationException.class, () -> clients.remove("b"));
    assertThrows(UnsupportedOperationException.class, clients::clear);
    assertThrows(UnsupportedOperationException.class, () -> clients.keySet().remove("b"));
    assertThrows(UnsupportedOperationException.class, () -> clients.entrySet().clear());
    assertThrows(UnsupportedOperationException.class, () -> clients.values().clear());
    assertEquals(3, clients.size());
  }

  @Test
  void concurrentJoinAndLeaveEndConsistent() throws InterruptedException {
    int threads = 16;
    int membersPerThread = 4;
    int rooms = 8;
    int operations = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    // Each member is moved by one thread only, so that thread knows where it ends up.
    Map<StubMember, Set<String>> expected = Collections.synchronizedMap(new HashMap<>());
    for (int t = 0; t < threads; t++) {
      List<StubMember> own = new ArrayList<>();
      for (int m = 0; m < membersPerThread; m++) {
        own.add(member(t + "-" + m));
      }
      long seed = t;
      Thread worker =
          new Thread(
              () -> {
                Random random = new Random(seed);
                Map<StubMember, Set<String>> mine = new HashMap<>();
                own.forEach(member -> mine.put(member, new HashSet<>()));
                awaitQuietly(start);
                for (int i = 0; i < operations; i++) {
                  StubMember member = own.get(random.nextInt(own.size()));
                  String room = "room" + random.nextInt(rooms);
                  if (random.nextBoolean()) {
                    registry.join(room, member);
                    mine.get(member).add(room);
                  } else {
                    registry.leave(room, member);
                    mine.get(member).remove(room);
                  }
                  registry.sendToRoom(room, new OutboundMessage.Text("x"));
                }
                expected.putAll(mine);
              });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    Map<String, Set<CandySocket>> expectedRooms = new HashMap<>();
    expected.forEach(
        (member, joined) ->
            joined.forEach(
                room ->
                    expectedRooms
                        .computeIfAbsent(room, r -> new HashSet<>())
                        .add(member.socket())));
    assertEquals(expectedRooms.keySet(), registry.roomNames());
    for (int r = 0; r < rooms; r++) {
      String room = "room" + r;
      assertEquals(expectedRooms.getOrDefault(room, Set.of()), registry.members(room), room);
    }

    List<Thread> leavers =
        expected.entrySet().stream()
            .map(entry -> new Thread(() -> registry.remove(entry.getKey(), entry.getValue())))
            .collect(Collectors.toList());
    leavers.forEach(Thread::start);
    for (Thread leaver : leavers) {
      leaver.join();
    }
    assertEquals(Set.of(), registry.roomNames());
    assertEquals(3, registry.clientCount());
  }

  private StubMember member(String id) {
    StubMember member = new StubMember(id);
    registry.add(member);
    return member;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
