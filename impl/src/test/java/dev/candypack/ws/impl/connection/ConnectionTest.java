package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.ReadyState;
import dev.candypack.ws.Registration;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.policy.RateLimiter;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.impl.transaction.FakeTransactions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionTest {

  private static final int COST = ConnectionLimits.FRAME_COST;

  /** Public so that JSON-B may create it. */
  public record Chat(String text, int n) {}

  private final CandyRuntime runtime = directRuntime();
  private final RoomRegistry registry = runtime.registry();
  private final StubTransport transport = new StubTransport(Mode.INLINE);
  private final Connection ws = connect("ws", transport);
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeCodec() {
    runtime.codec().close();
  }

  @Test
  void aSendInsideATransactionGoesAfterTheCommitInOrderWithRoomSends() {
    FakeTransactions tx = new FakeTransactions().drive(runtime.sends());
    ws.join("r");
    ws.send("outside");
    tx.begin();
    ws.send("1");
    ws.to("r").send("2");
    ws.sendBinary("3".getBytes(UTF_8));
    assertEquals(List.of("outside"), transport.frames());
    tx.commit();
    assertEquals(List.of("outside", "1", "2", "binary 3"), transport.frames());

    tx.begin();
    ws.send("rolled back");
    ws.broadcast("rolled back too");
    tx.rollback();
    assertEquals(List.of("outside", "1", "2", "binary 3"), transport.frames());
  }

  @Test
  void anAuthenticatedConnectionIsItsUsersUntilItCloses() {
    Connection alice = new Connection("a1", "/secure", "alice", transport, runtime, unlimited());
    assertEquals("alice", alice.user());
    assertEquals(1, registry.userSocketCount("alice"));
    assertEquals(null, ws.user(), "anonymous");
    runtime.server().toUser("alice", "direct");
    runtime.server().toUser("alice").sendBinary(new byte[] {1});
    assertEquals(List.of("direct", "binary \u0001"), transport.frames());
    assertEquals(Set.of(alice), runtime.server().user("alice").sockets());
    alice.closed(new CloseStatus(CloseStatus.NORMAL, ""));
    assertEquals(0, runtime.server().user("alice").count());
    assertEquals(0, registry.userCount(), "no leak on close");
  }

  @Test
  void sendsBeforeOpened() {
    assertEquals(ReadyState.CONNECTING, ws.state());

    ws.send("hi");
    ws.send(Map.of("type", "welcome"));
    ws.sendBinary("raw".getBytes(UTF_8));
    ws.ping();

    assertEquals(List.of("hi", "{\"type\":\"welcome\"}", "binary raw", "ping"), transport.frames());
  }

  @Test
  void holdsMessagesUntilOpenedThenDeliversThemInOrder() {
    ws.receivedText("1");
    ws.receivedBinary("2".getBytes(UTF_8));
    ws.receivedText("3");
    ws.onMessage(message -> received.add("text " + message.text()));
    ws.onBinary(bytes -> received.add("binary " + new String(bytes, UTF_8)));
    assertEquals(List.of(), received);

    ws.opened();
    assertEquals(ReadyState.OPEN, ws.state());
    assertEquals(List.of("text 1", "binary 2", "text 3"), received);

    ws.receivedText("4");
    ws.receivedPong(new byte[0]);
    assertEquals(List.of("text 1", "binary 2", "text 3", "text 4"), received);
  }

  @Test
  void pongsReachPongHandlers() {
    ws.onPong(payload -> received.add("pong " + new String(payload, UTF_8)));
    ws.opened();

    ws.receivedPong("p".getBytes(UTF_8));

    assertEquals(List.of("pong p"), received);
  }

  @Test
  void handlerExceptionGoesToErrorHandlersAndLaterMessagesArrive() {
    RuntimeException boom = new IllegalStateException("boom");
    ws.onMessage(
        message -> {
          if (message.text().equals("boom")) {
            throw boom;
          }
        });
    ws.onMessage(message -> received.add(message.text()));
    ws.onError(errors::add);
    ws.opened();

    ws.receivedText("boom");
    ws.receivedText("ok");

    assertEquals(List.of(boom), errors);
    assertEquals(List.of("boom", "ok"), received);
    assertEquals(ReadyState.OPEN, ws.state());
  }

  @Test
  void failedWithoutErrorHandlersIsOnlyLogged() {
    List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger(Connection.class.getName());
    boolean parents = log.getUseParentHandlers();
    log.addHandler(capture);
    log.setUseParentHandlers(false);
    try {
      RuntimeException thrown = new IllegalStateException("handler");
      RuntimeException reported = new IllegalStateException("transport");
      ws.onMessage(
          message -> {
            throw thrown;
          });
      ws.opened();

      ws.receivedText("x");
      ws.failed(reported);

      assertEquals(
          List.of(thrown, reported),
          logged.stream().map(LogRecord::getThrown).collect(Collectors.toList()));
      assertEquals(ReadyState.OPEN, ws.state());
    } finally {
      log.removeHandler(capture);
      log.setUseParentHandlers(parents);
    }
  }

  @Test
  void removedHandlerGetsNoMoreMessages() {
    Registration registration = ws.onMessage(message -> received.add(message.text()));
    ws.opened();
    ws.receivedText("1");

    registration.remove();
    registration.remove();
    ws.receivedText("2");

    assertEquals(List.of("1"), received);
  }

  @Test
  void closeIsIdempotent() {
    ws.send("before");

    ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
    ws.close(CloseStatus.NORMAL, "again");
    ws.close();
    ws.send("after");

    assertEquals(List.of("before", "close 4001 Unauthorized"), transport.frames());
    assertEquals(ReadyState.CLOSING, ws.state());
  }

  @ParameterizedTest
  @ValueSource(ints = {1005, 1006, 999, 5000, 1004, 1010, 1014, 1015, 2999, 0, -1})
  void rejectsCodesThatMayNotBeSent(int code) {
    assertThrows(IllegalArgumentException.class, () -> ws.close(code, "no"));

    assertEquals(ReadyState.CONNECTING, ws.state());
    assertEquals(List.of(), transport.frames());
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1011, 1012, 1013, 3000, 4001, 4999})
  void acceptsCodesThatMayBeSent(int code) {
    ws.close(code, "ok");

    assertEquals(List.of("close " + code + " ok"), transport.frames());
  }

  @Test
  void cutsLongReasonsOnCharacterBoundaries() {
    assertEquals("short", closeReason("short"));
    assertEquals("", closeReason(null));
    assertEquals("a".repeat(123), closeReason("a".repeat(200)));
    assertEquals("é".repeat(61), closeReason("é".repeat(100)));
    assertEquals("a" + "é".repeat(61), closeReason("a" + "é".repeat(100)));
    assertEquals("😀".repeat(30), closeReason("😀".repeat(40)));
    assertEquals("a".repeat(122), closeReason("a".repeat(122) + "é"));
    assertEquals("€".repeat(41), closeReason("€".repeat(41)));
    assertEquals("€".repeat(41), closeReason("€".repeat(42)));
  }

  @Test
  void closedLeavesRoomsRunsCloseHandlersOnceAndDropsLaterSends() {
    List<CloseStatus> statuses = new ArrayList<>();
    List<Set<CandySocket>> membersDuringClose = new ArrayList<>();
    ws.join("a");
    ws.join("b");
    ws.opened();
    ws.onClose(statuses::add);
    ws.onClose(status -> membersDuringClose.add(registry.members("a")));
    assertEquals(1, registry.clientCount());

    ws.closed(new CloseStatus(CloseStatus.GOING_AWAY, "bye"));
    ws.closed(new CloseStatus(CloseStatus.ABNORMAL, ""));
    ws.send("dropped");
    ws.sendBinary(new byte[1]);
    ws.ping();
    ws.close();
    ws.receivedText("ignored");

    assertEquals(List.of(new CloseStatus(CloseStatus.GOING_AWAY, "bye")), statuses);
    assertEquals(List.of(Set.of()), membersDuringClose);
    assertEquals(ReadyState.CLOSED, ws.state());
    assertEquals(Set.of(), ws.rooms());
    assertEquals(Set.of(), registry.members("a"));
    assertEquals(Set.of(), registry.members("b"));
    assertEquals(Set.of(), registry.roomNames());
    assertEquals(0, registry.clientCount());
    assertTrue(registry.clients().isEmpty());
    assertEquals(List.of(), transport.frames());
  }

  @Test
  void closedKeepsOtherMembersOfItsRooms() {
    Connection other = connect("other", new StubTransport(Mode.INLINE));
    ws.join("shared");
    other.join("shared");

    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));

    assertEquals(Set.of(other), registry.members("shared"));
    assertEquals(Set.of("shared"), registry.roomNames());
    assertEquals(Set.of("other"), registry.clients().keySet());
  }

  @Test
  void closeHandlersRunOnceWhenClosedConcurrently() throws InterruptedException {
    List<CloseStatus> statuses = Collections.synchronizedList(new ArrayList<>());
    ws.onClose(statuses::add);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> closers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread closer =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                ws.closed(new CloseStatus(CloseStatus.ABNORMAL, ""));
              });
      closers.add(closer);
      closer.start();
    }
    start.countDown();
    for (Thread closer : closers) {
      closer.join();
    }

    assertEquals(1, statuses.size());
  }

  @Test
  void aCloseHandlerAddedAfterTheCloseRunsAtOnceWithTheStatusTheConnectionEndedWith() {
    Map<String, CandySocket> users = new java.util.concurrent.ConcurrentHashMap<>();
    List<CloseStatus> statuses = new ArrayList<>();
    ws.opened();
    ws.closed(new CloseStatus(4100, "client left"));

    // An async handler that finishes after the client left.
    users.put(ws.id(), ws);
    Registration registration =
        ws.onClose(
            status -> {
              statuses.add(status);
              users.remove(ws.id());
            });
    registration.remove();

    assertEquals(List.of(new CloseStatus(4100, "client left")), statuses);
    assertTrue(users.isEmpty(), "no leak");
  }

  @Test
  void aLateCloseHandlerThatThrowsIsLoggedNotThrownAtItsCaller() {
    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));
    List<CloseStatus> after = new ArrayList<>();

    ws.onClose(
        status -> {
          throw new IllegalStateException("late and failing");
        });
    ws.onClose(after::add);

    assertEquals(List.of(new CloseStatus(CloseStatus.NORMAL, "")), after);
  }

  @RepeatedTest(200)
  void aCloseHandlerAddedWhileTheConnectionClosesRunsExactlyOnce() throws InterruptedException {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Thread closer =
        new Thread(
            () -> {
              awaitOrFail(start);
              ws.closed(new CloseStatus(CloseStatus.ABNORMAL, ""));
            });
    closer.start();
    start.countDown();
    ws.onClose(status -> runs.incrementAndGet());
    closer.join();

    assertEquals(1, runs.get());
  }

  @Test
  void joinAfterClosedLeavesNoMembership() {
    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));

    ws.join("late");

    assertEquals(Set.of(), ws.rooms());
    assertEquals(Set.of(), registry.members("late"));
    assertEquals(Set.of(), registry.roomNames());
  }

  @RepeatedTest(10)
  void joinRacingClosedLeavesNoMembership() {
    inJoinWindow("x", () -> ws.closed(new CloseStatus(CloseStatus.NORMAL, "")));

    assertEquals(Set.of(), ws.rooms());
    assertEquals(Set.of(), registry.members("x"));
    assertEquals(Set.of(), registry.roomNames());
    assertEquals(0, registry.clientCount());
  }

  @RepeatedTest(10)
  void joinRacingLeaveKeepsRoomsAndRegistryInStep() {
    inJoinWindow("x", () -> ws.leave("x"));

    assertEquals(ws.rooms().contains("x"), registry.members("x").contains(ws));
    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));
    assertEquals(Set.of(), registry.roomNames());
  }

  @Test
  void roomSendReachesEveryMemberIncludingTheSender() {
    StubTransport memberTransport = new StubTransport(Mode.INLINE);
    StubTransport outsiderTransport = new StubTransport(Mode.INLINE);
    Connection member = connect("member", memberTransport);
    connect("outsider", outsiderTransport);
    ws.join("r");
    member.join("r");

    ws.to("r").send(Map.of("text", "hi"));
    ws.to("r").sendBinary("b".getBytes(UTF_8));

    assertEquals(List.of("{\"text\":\"hi\"}", "binary b"), transport.frames());
    assertEquals(List.of("{\"text\":\"hi\"}", "binary b"), memberTransport.frames());
    assertEquals(List.of(), outsiderTransport.frames());
    assertEquals(Set.of(ws, member), ws.to("r").members());
    assertEquals("r", ws.to("r").name());
  }

  @Test
  void leaveStopsRoomMessages() {
    ws.join("r");
    ws.join("r");
    assertEquals(Set.of("r"), ws.rooms());

    ws.leave("r");
    ws.leave("r");
    ws.to("r").send("nobody");

    assertEquals(Set.of(), ws.rooms());
    assertEquals(Set.of(), registry.roomNames());
    assertEquals(List.of(), transport.frames());
  }

  @Test
  void broadcastSkipsTheSender() {
    StubTransport first = new StubTransport(Mode.INLINE);
    StubTransport second = new StubTransport(Mode.INLINE);
    connect("first", first);
    connect("second", second);

    ws.broadcast(Map.of("type", "news"));

    assertEquals(List.of(), transport.frames());
    assertEquals(List.of("{\"type\":\"news\"}"), first.frames());
    assertEquals(List.of("{\"type\":\"news\"}"), second.frames());
  }

  @Test
  void typedHandlerBindsMessagesAndReportsBindingFailures() {
    List<Chat> chats = new ArrayList<>();
    ws.onMessage(Chat.class, chats::add);
    ws.onError(errors::add);
    ws.opened();

    ws.receivedText("{\"text\":\"hi\",\"n\":2}");
    ws.receivedText("not json");
    ws.receivedText("{\"text\":\"again\",\"n\":3}");

    assertEquals(List.of(new Chat("hi", 2), new Chat("again", 3)), chats);
    assertEquals(1, errors.size());
    assertInstanceOf(CandyMessage.BindingException.class, errors.get(0));
  }

  @Test
  void rejectsNullArguments() {
    assertThrows(NullPointerException.class, () -> ws.join(null));
    assertThrows(NullPointerException.class, () -> ws.to(null));
    assertThrows(NullPointerException.class, () -> ws.onMessage(null));
    assertThrows(NullPointerException.class, () -> ws.onMessage(Chat.class, null));
    assertThrows(NullPointerException.class, () -> ws.onMessage(null, chat -> {}));
  }

  // ---- fragments, size and rate limits, backlog -------------------------------------------

  @Test
  void fragmentsAreReassembledInOrderAndHeldUntilOpened() {
    List<Chat> chats = new ArrayList<>();
    ws.onMessage(message -> received.add("text " + message.text()));
    ws.onBinary(bytes -> received.add("binary " + new String(bytes, UTF_8)));
    ws.onMessage(Chat.class, chats::add);
    ws.onError(errors::add);

    ws.receivedText("hel", false);
    ws.receivedText("", false);
    ws.receivedText("lo wö", false);
    ws.receivedText("rld", true);
    ws.receivedBinary(bytes("ab"), false);
    ws.receivedBinary(bytes(""), false);
    ws.receivedBinary(bytes("cd"), true);
    ws.receivedText("{\"text\":", false);
    ws.receivedText("\"hi\",\"n\":1}", true);
    ws.receivedText("single", true);
    ws.receivedBinary(bytes("one"), true);
    assertEquals(List.of(), received);

    ws.opened();
    ws.receivedText("after", false);
    assertEquals(5, received.size());
    ws.receivedText(" opened", true);

    assertEquals(
        List.of(
            "text hello wörld",
            "binary abcd",
            "text {\"text\":\"hi\",\"n\":1}",
            "text single",
            "binary one",
            "text after opened"),
        received);
    assertEquals(List.of(new Chat("hi", 1)), chats);
    assertEquals(3, errors.size()); // every text but the chat fails to bind to Chat
    assertEquals(ReadyState.OPEN, ws.state());
    assertEquals(List.of(), transport.frames());
  }

  @Test
  void messagesOfExactlyTheLimitPass() {
    StubTransport limitedTransport = new StubTransport(Mode.INLINE);
    Connection limited = connect("limited", limitedTransport, limits(10, 0, Long.MAX_VALUE));
    limited.onMessage(message -> received.add("text " + message.text()));
    limited.onBinary(bytes -> received.add("binary " + new String(bytes, UTF_8)));
    limited.opened();

    limited.receivedText("0123456789", true);
    limited.receivedText("01234", false);
    limited.receivedText("56€", true); // 2 + 3 bytes
    limited.receivedText("😀😀é", true); // 4 + 4 + 2 bytes
    limited.receivedBinary(bytes("0123456789"), true);
    limited.receivedBinary(bytes("0123"), false);
    limited.receivedBinary(bytes("456789"), true);

    assertEquals(
        List.of(
            "text 0123456789",
            "text 0123456€",
            "text 😀😀é",
            "binary 0123456789",
            "binary 0123456789"),
        received);
    assertEquals(ReadyState.OPEN, limited.state());
    assertEquals(List.of(), limitedTransport.frames());
  }

  @Test
  void fragmentsOneByteOverTheLimitClose1009AndLaterFramesAreIgnored() {
    StubTransport limitedTransport = new StubTransport(Mode.INLINE);
    Connection limited = connect("limited", limitedTransport, limits(10, 0, Long.MAX_VALUE));
    limited.onMessage(message -> received.add("text " + message.text()));
    limited.onBinary(bytes -> received.add("binary " + new String(bytes, UTF_8)));
    limited.opened();

    limited.receivedText("01234", false);
    limited.receivedText("5678é", false); // 11 bytes so far
    limited.receivedText("rest", true);
    limited.receivedText("next", true);
    limited.receivedBinary(bytes("next"), true);
    limited.receivedText("whole", true);

    assertEquals(List.of(), received);
    assertEquals(List.of("close 1009 Payload too large"), limitedTransport.frames());
    assertEquals(ReadyState.CLOSING, limited.state());
  }

  @Test
  void singleFramesOneByteOverTheLimitClose1009() {
    StubTransport textTransport = new StubTransport(Mode.INLINE);
    Connection text = connect("text", textTransport, limits(10, 0, Long.MAX_VALUE));
    StubTransport binaryTransport = new StubTransport(Mode.INLINE);
    Connection binary = connect("binary", binaryTransport, limits(10, 0, Long.MAX_VALUE));
    text.onMessage(message -> received.add(message.text()));
    binary.onBinary(bytes -> received.add(new String(bytes, UTF_8)));

    text.receivedText("012345678é", true);
    binary.receivedBinary(bytes("0123456789a"), true);
    text.opened();
    binary.opened();

    assertEquals(List.of(), received);
    assertEquals(List.of("close 1009 Payload too large"), textTransport.frames());
    assertEquals(List.of("close 1009 Payload too large"), binaryTransport.frames());
  }

  @Test
  void aBurstOfFiftyPassesAndTheFiftyFirstCloses1008() {
    StubTransport limitedTransport = new StubTransport(Mode.INLINE);
    Connection limited =
        connect("limited", limitedTransport, limits(Long.MAX_VALUE, 50, Long.MAX_VALUE));
    limited.onMessage(message -> received.add(message.text()));
    limited.onBinary(bytes -> received.add(new String(bytes, UTF_8)));
    limited.opened();

    for (int i = 0; i < 50; i++) {
      switch (i % 3) {
        case 0 -> limited.receivedText("m" + i, true);
        case 1 -> {
          // the fragments of one message count once
          limited.receivedText("m", false);
          limited.receivedText(Integer.toString(i), true);
        }
        default -> limited.receivedBinary(bytes("m" + i), true);
      }
    }
    assertEquals(50, received.size());
    assertEquals(List.of(), limitedTransport.frames());

    limited.receivedText("m50", true);
    limited.receivedText("m51", true);

    assertEquals(50, received.size());
    assertEquals("m49", received.get(49));
    assertEquals(List.of("close 1008 Rate limit exceeded"), limitedTransport.frames());
    assertEquals(ReadyState.CLOSING, limited.state());
  }

  @Test
  void pongsCountTowardTheRateLimit() {
    StubTransport limitedTransport = new StubTransport(Mode.INLINE);
    Connection limited =
        connect("limited", limitedTransport, limits(Long.MAX_VALUE, 3, Long.MAX_VALUE));
    limited.onMessage(message -> received.add(message.text()));
    limited.onPong(payload -> received.add("pong"));
    limited.opened();

    limited.receivedPong(new byte[0]);
    limited.receivedText("m", true);
    limited.receivedPong(new byte[0]);
    assertEquals(List.of(), limitedTransport.frames());
    limited.receivedPong(new byte[0]);
    limited.receivedPong(new byte[0]);

    assertEquals(List.of("pong", "m", "pong"), received);
    assertEquals(List.of("close 1008 Rate limit exceeded"), limitedTransport.frames());
  }

  @Test
  void backlogOverflowClosesWith1013AndLeavesTheRegistryAtOnce() {
    StubTransport never = new StubTransport(Mode.HELD); // no send ever completes
    Connection slow = connect("slow", never, limits(Long.MAX_VALUE, 0, 2 * (5 + COST)));
    List<CloseStatus> statuses = new ArrayList<>();
    slow.onClose(statuses::add);
    slow.join("r");
    ws.join("r");
    slow.opened();
    ws.opened();

    slow.send("01234"); // in flight
    slow.send("56789"); // waits: 10 bytes and two frames' cost, the limit
    assertEquals(List.of("01234"), never.frames());
    assertEquals(ReadyState.OPEN, slow.state());
    assertEquals(Set.of(ws, slow), registry.members("r"));

    ws.to("r").send("x"); // one byte too many for the slow one

    assertEquals(List.of("01234", "close now 1013 Client too slow"), never.frames());
    assertEquals(ReadyState.CLOSING, slow.state());
    assertEquals(Set.of(ws), registry.members("r"));
    assertEquals(Set.of("ws"), registry.clients().keySet());
    assertEquals(List.of("x"), transport.frames());
    assertEquals(List.of(), statuses); // the container reports the close later

    ws.to("r").send("y");
    ws.broadcast("z");
    slow.send("dropped");
    assertEquals(List.of("01234", "close now 1013 Client too slow"), never.frames());
    assertEquals(List.of("x", "y"), transport.frames());

    slow.closed(new CloseStatus(CloseStatus.TRY_AGAIN_LATER, "Client too slow"));
    assertEquals(
        List.of(new CloseStatus(CloseStatus.TRY_AGAIN_LATER, "Client too slow")), statuses);
    assertEquals(ReadyState.CLOSED, slow.state());
    assertEquals(Set.of(), slow.rooms());
    assertEquals(Set.of(ws), registry.members("r"));
  }

  @Test
  void backlogOverflowClosesOnTheExecutorNotOnTheSendersThread() {
    List<Runnable> tasks = new ArrayList<>();
    CandyRuntime deferred = new CandyRuntime();
    deferred.useExecutor(tasks::add);
    StubTransport never = new StubTransport(Mode.HELD);
    Connection slow =
        new Connection("slow", "/chat", never, deferred, limits(Long.MAX_VALUE, 0, 4 + COST));
    slow.join("r");

    slow.send("0123");
    slow.send("4");

    assertEquals(List.of("0123"), never.frames());
    assertEquals(1, tasks.size());
    assertEquals(ReadyState.CLOSING, slow.state());
    assertEquals(0, deferred.registry().clientCount());
    assertEquals(Set.of(), deferred.registry().roomNames());

    slow.send("5");
    slow.close();
    assertEquals(1, tasks.size());
    assertEquals(List.of("0123"), never.frames());

    tasks.forEach(Runnable::run);
    assertEquals(List.of("0123", "close now 1013 Client too slow"), never.frames());
  }

  // ---- rooms per connection ---------------------------------------------------------------

  @Test
  void aRoomNameOfExactlyTheLimitJoinsAndOneCharacterMoreThrowsWithTheReason() {
    Connection bounded =
        connect("bounded", new StubTransport(Mode.INLINE), bounds(Long.MAX_VALUE, 1_000, 4, 2));
    bounded.opened();

    bounded.join("abcd");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> bounded.join("abcde"));

    assertTrue(refused.getMessage().contains("candy.ws.max-room-name"), refused.getMessage());
    assertTrue(refused.getMessage().contains("5 characters"), refused.getMessage());
    assertEquals(Set.of("abcd"), bounded.rooms());
    assertEquals(Set.of("abcd"), registry.roomNames());
    assertEquals(ReadyState.OPEN, bounded.state());
  }

  @Test
  void exactlyTheMostRoomsJoinAndOneMoreThrowsWhileRejoiningStillWorks() {
    StubTransport boundedTransport = new StubTransport(Mode.INLINE);
    Connection bounded = connect("bounded", boundedTransport, bounds(Long.MAX_VALUE, 1_000, 4, 2));
    bounded.opened();
    bounded.join("a");
    bounded.join("b");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> bounded.join("c"));
    bounded.join("a"); // already in it: no new room

    assertTrue(
        refused.getMessage().contains("candy.ws.max-rooms-per-connection"), refused.getMessage());
    assertEquals(Set.of("a", "b"), bounded.rooms());
    assertEquals(Set.of(), registry.members("c"));
    bounded.leave("b");
    bounded.join("c");
    assertEquals(Set.of("a", "c"), bounded.rooms());
    bounded.send("still open");
    assertEquals(List.of("still open"), boundedTransport.frames());
  }

  // ---- held messages, open timeout -------------------------------------------------------

  @Test
  void heldMessagesOverTheMessageLimitClose1013AndAreNeverDelivered() {
    StubTransport heldTransport = new StubTransport(Mode.INLINE);
    Connection held = connect("held", heldTransport, bounds(Long.MAX_VALUE, 3, 256, 100));
    held.onMessage(message -> received.add(message.text()));
    held.receivedText("", true);
    held.receivedText("", true);
    held.receivedPong(new byte[0]); // pongs are held too
    assertEquals(List.of(), heldTransport.frames());

    held.receivedText("", true);

    assertEquals(List.of("close 1013 Too much sent before open"), heldTransport.frames());
    assertEquals(ReadyState.CLOSING, held.state());
    held.opened();
    held.receivedText("after", true);
    assertEquals(List.of(), received);
  }

  @Test
  void heldMessagesOverTheByteLimitClose1013WithTheFixedCostCounted() {
    StubTransport heldTransport = new StubTransport(Mode.INLINE);
    Connection held =
        connect("held", heldTransport, bounds(2 * (4 + COST), Integer.MAX_VALUE, 256, 100));
    held.onMessage(message -> received.add(message.text()));
    held.receivedText("ab", false);
    held.receivedText("cd", true); // 4 bytes, fragments counted together
    held.receivedBinary(bytes("1234"), true);
    assertEquals(List.of(), heldTransport.frames());

    held.receivedText("", true);

    assertEquals(List.of("close 1013 Too much sent before open"), heldTransport.frames());
  }

  @Test
  void heldMessagesWithinTheLimitsAreAllDeliveredOnceOpened() {
    Connection held =
        connect("held", new StubTransport(Mode.INLINE), bounds(3 * (1 + COST), 3, 256, 100));
    held.onMessage(message -> received.add(message.text()));
    for (String text : List.of("a", "b", "c")) {
      held.receivedText(text, true);
    }

    held.opened();
    for (String text : List.of("d", "e", "f", "g")) {
      held.receivedText(text, true);
    }

    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), received);
    assertEquals(ReadyState.OPEN, held.state());
  }

  @Test
  void aHandlerThatDoesNotFinishInTimeCloses1011AndItsHeldMessagesAreDropped()
      throws InterruptedException {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    try {
      StubTransport slowTransport = new StubTransport(Mode.INLINE);
      CountDownLatch closed = slowTransport.expect(1);
      Connection slow = connect("slow", slowTransport);
      slow.onMessage(message -> received.add(message.text()));
      slow.receivedText("held", true);

      slow.limitOpening(50, () -> timer);

      assertTrue(StubTransport.await(closed));
      assertEquals(List.of("close 1011 Route handler timed out"), slowTransport.frames());
      assertEquals(ReadyState.CLOSING, slow.state());
      slow.opened(); // the handler finishes late
      assertEquals(ReadyState.CLOSING, slow.state());
      assertEquals(List.of(), received);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aHandlerThatFinishesInTimeCancelsItsTimeLimit() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    timer.setRemoveOnCancelPolicy(true);
    try {
      ws.limitOpening(60_000, () -> timer);
      assertEquals(1, timer.getQueue().size());

      ws.opened();

      assertEquals(0, timer.getQueue().size());
      ws.limitOpening(60_000, () -> timer); // open already: nothing to limit
      connect("unlimited", new StubTransport(Mode.INLINE)).limitOpening(0, () -> timer);
      assertEquals(0, timer.getQueue().size());
    } finally {
      timer.shutdownNow();
    }
  }

  // ---- heartbeat -------------------------------------------------------------------------

  @Test
  void eachBeatPingsAndAPeerThatAnswersIsNeverEnded() {
    ws.opened();

    assertFalse(ws.heartbeat());
    ws.receivedPong(new byte[0]);
    assertFalse(ws.heartbeat());
    ws.receivedPong("any payload".getBytes(UTF_8));
    assertFalse(ws.heartbeat());

    assertEquals(
        List.of("ping candy-ws:1", "ping candy-ws:2", "ping candy-ws:3"), transport.frames());
  }

  @Test
  void pongsToCandyWsPingsStayInsideWhileOtherPongsReachThePongHandlers() {
    ws.onPong(payload -> received.add("pong " + new String(payload, UTF_8)));
    ws.opened();
    ws.heartbeat();

    ws.receivedPong("candy-ws:1".getBytes(UTF_8));
    ws.receivedPong(new byte[0]);
    ws.receivedPong("candy-ws".getBytes(UTF_8));
    ws.receivedPong("candy-ws:x".getBytes(UTF_8));

    assertEquals(List.of("pong ", "pong candy-ws", "pong candy-ws:x"), received);
    assertFalse(ws.heartbeat());
  }

  @Test
  void anyPongAnswersTheHeartbeat() {
    ws.opened();
    ws.heartbeat();

    ws.receivedPong("unsolicited".getBytes(UTF_8));

    assertFalse(ws.heartbeat());
  }

  @Test
  void aPeerThatHasNotAnsweredThePreviousPingByTheNextBeatIsToBeEnded() {
    ws.opened();
    assertFalse(ws.heartbeat());
    ws.receivedText("a message is not an answer", true);

    assertTrue(ws.heartbeat());
    assertEquals(List.of("ping candy-ws:1"), transport.frames());
  }

  @Test
  void aConnectionStillClosingIsToBeEndedOnTheSecondBeat() {
    StubTransport stuck = new StubTransport(Mode.HELD);
    Connection closing = connect("closing", stuck);
    closing.opened();
    closing.send("never sent"); // in flight for ever
    closing.close(); // the close frame waits behind it

    assertFalse(closing.heartbeat());
    assertTrue(closing.heartbeat());
    assertEquals(List.of("never sent"), stuck.frames());
  }

  @Test
  void endLeavesTheRoomsRunsCloseHandlersWith1006ThenEndsTheTransport() {
    List<String> seen = new ArrayList<>();
    ws.join("r");
    ws.opened();
    ws.send("queued");
    ws.onClose(
        status -> seen.add(status.code() + " " + status.reason() + " " + registry.members("r")));
    ws.onClose(status -> seen.add("frames " + transport.frames()));

    ws.end();
    ws.end();
    ws.closed(new CloseStatus(CloseStatus.GOING_AWAY, "the container's close comes later"));

    assertEquals(List.of("1006 No answer to ping []", "frames [queued]"), seen);
    assertEquals(List.of("queued", "end"), transport.frames());
    assertEquals(ReadyState.CLOSED, ws.state());
    assertEquals(0, registry.clientCount());
    ws.send("dropped");
    assertEquals(List.of("queued", "end"), transport.frames());
  }

  @Test
  void theHeartbeatPingsEveryConnectionAndEndsOnlyThoseThatDidNotAnswer() {
    StubTransport quietTransport = new StubTransport(Mode.INLINE);
    Connection quiet = connect("quiet", quietTransport);
    List<CloseStatus> quietCloses = new ArrayList<>();
    quiet.onClose(quietCloses::add);
    ws.opened();
    quiet.opened();
    Heartbeat heartbeat = new Heartbeat(runtime, 1_000);

    heartbeat.beat();
    ws.receivedPong(new byte[0]);
    heartbeat.beat();

    assertEquals(List.of("ping candy-ws:1", "ping candy-ws:2"), transport.frames());
    assertEquals(List.of("ping candy-ws:1", "end"), quietTransport.frames());
    assertEquals(List.of(new CloseStatus(CloseStatus.ABNORMAL, "No answer to ping")), quietCloses);
    assertEquals(Set.of("ws"), registry.clients().keySet());
  }

  /**
   * Stops {@code ws.join(room)} on a thread of its own after it has put the room in its own set and
   * before {@code registry.join} has put it in the room, starts {@code inWindow} on another thread
   * in that window, waits until that thread blocks, then lets the join go on. What stops the joiner
   * is the registry's lock of the room, held by a third thread while a member's {@code hashCode}
   * runs. Join, leave and closed take the connection's room set in turn, so {@code inWindow} has to
   * wait for the join to finish; an {@code inWindow} that ran in the window would leave the room
   * set and the registry out of step.
   */
  private void inJoinWindow(String room, Runnable inWindow) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          AtomicReference<Throwable> failure = new AtomicReference<>();
          AtomicBoolean armed = new AtomicBoolean();
          CountDownLatch locked = new CountDownLatch(1);
          CountDownLatch release = new CountDownLatch(1);
          RoomMember lockHolder =
              new RoomMember() {
                @Override
                public String id() {
                  return "lock-holder";
                }

                @Override
                public void deliver(OutboundMessage message) {}

                @Override
                public CandySocket socket() {
                  throw new UnsupportedOperationException();
                }

                @Override
                public int hashCode() {
                  if (armed.compareAndSet(true, false)) {
                    locked.countDown();
                    awaitOrFail(release);
                  }
                  return 1;
                }
              };
          registry.join(room, lockHolder);
          armed.set(true);
          Thread holder = start(() -> registry.join(room, lockHolder), failure);
          Thread joiner = null;
          Thread racer = null;
          try {
            assertTrue(locked.await(10, TimeUnit.SECONDS), "the room was never locked");
            joiner = start(() -> ws.join(room), failure);
            spinUntil(() -> ws.rooms().contains(room), "the joiner never took the room");
            racer = start(inWindow, failure);
            Thread racing = racer;
            spinUntil(
                () ->
                    racing.getState() == Thread.State.BLOCKED
                        || racing.getState() == Thread.State.TERMINATED,
                "the racing call neither blocked nor finished");
          } finally {
            release.countDown();
            for (Thread thread : Arrays.asList(holder, joiner, racer)) {
              if (thread != null) {
                thread.join();
              }
            }
          }
          registry.leave(room, lockHolder);

          assertNull(failure.get());
          assertFalse(armed.get(), "the window was never reached");
        });
  }

  private static Thread start(Runnable task, AtomicReference<Throwable> failure) {
    Thread thread =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void spinUntil(BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(failure);
      }
      Thread.onSpinWait();
    }
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CandyRuntime directRuntime() {
    CandyRuntime runtime = new CandyRuntime();
    runtime.useExecutor(Runnable::run);
    return runtime;
  }

  private static ConnectionLimits unlimited() {
    return limits(Long.MAX_VALUE, 0, Long.MAX_VALUE);
  }

  /**
   * Limits whose rate limit allows {@code rateLimit} at once and earns them back over an hour, so
   * that a slow machine cannot earn a token during a test.
   */
  private static ConnectionLimits limits(long maxMessageSize, int rateLimit, long maxBacklog) {
    return new ConnectionLimits(
        maxMessageSize,
        new RateLimiter(rateLimit, 3_600_000, Math.max(1, rateLimit)),
        maxBacklog,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE);
  }

  /** Limits on the backlog and the rooms; no limit on the message size or rate. */
  private static ConnectionLimits bounds(
      long maxBacklogBytes, int maxBacklogMessages, int maxRoomName, int maxRooms) {
    return new ConnectionLimits(
        Long.MAX_VALUE,
        new RateLimiter(0, 60_000, 1),
        maxBacklogBytes,
        maxBacklogMessages,
        maxRoomName,
        maxRooms);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(UTF_8));
  }

  private Connection connect(String id, StubTransport transport) {
    return connect(id, transport, unlimited());
  }

  private Connection connect(String id, StubTransport transport, ConnectionLimits limits) {
    return new Connection(id, "/chat", transport, runtime, limits);
  }

  private String closeReason(String reason) {
    StubTransport closing = new StubTransport(Mode.INLINE);
    connect("closing", closing).close(CloseStatus.NORMAL, reason);
    String frame = closing.frames().get(0);
    String sent = frame.substring("close 1000 ".length());
    assertTrue(sent.getBytes(UTF_8).length <= 123, sent);
    return sent;
  }
}
