package dev.candypack.ws.impl.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.candypack.ws.HistoryGap;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.spi.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryRoomsTest {

  private final AtomicLong now = new AtomicLong();
  private final RoomRegistry registry = new RoomRegistry();
  private final List<HistoryGap> gaps = new ArrayList<>();

  private HistoryRooms rooms(HistoryStore store, String rules) {
    HistorySettings settings =
        HistorySettings.from(
            new SettingsReader(
                key -> Optional.ofNullable(Map.of("candy.ws.history.rooms", rules).get(key))));
    return new HistoryRooms(settings, store, registry);
  }

  private static OutboundMessage text(String text) {
    return new OutboundMessage.Text(text);
  }

  private void send(HistoryRooms rooms, int from, int to) {
    for (int i = from; i <= to; i++) {
      rooms.append("feed/1", text("{\"n\":" + i + "}"));
    }
  }

  private static List<String> expected(int from, int to) {
    List<String> texts = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      texts.add("{\"n\":" + i + ",\"offset\":" + i + "}");
    }
    return texts;
  }

  /** Joins a member as Connection.join(room, since) does. */
  private Member join(HistoryRooms rooms, long since) {
    Member member = new Member("m" + since);
    HistoryRooms.Recovery recovery = rooms.recover("feed/1", member);
    registry.join("feed/1", member);
    recovery.replay(since, gaps::add);
    return member;
  }

  @Test
  void membersReceiveEachMessageWithAnOffsetThatGrowsByOne() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/");
    Member live = new Member("live");
    rooms.following("feed/1");
    registry.join("feed/1", live);
    rooms.append("feed/1", text("{}"));
    rooms.append("feed/1", text("{\"text\":\"hi\"}"));
    assertEquals(List.of("{\"offset\":0}", "{\"text\":\"hi\",\"offset\":1}"), live.texts);
  }

  @Test
  void aMemberThatComesBackGetsWhatItMissedThenLiveOnes() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/:100");
    rooms.following("feed/1");
    send(rooms, 0, 9);
    Member back = join(rooms, 4);
    send(rooms, 10, 12);
    assertEquals(expected(5, 12), back.texts);
    assertEquals(List.of(), gaps);
  }

  @Test
  void anOffsetTooOldIsToldThenTheHeldMessagesFollow() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/:5");
    rooms.following("feed/1");
    send(rooms, 0, 9);
    Member back = join(rooms, 1);
    assertEquals(List.of(new HistoryGap("feed/1", 1, 5)), gaps);
    assertEquals(expected(5, 9), back.texts);
  }

  @Test
  void anOffsetTheRoomNeverReachedIsAGapToo() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/");
    rooms.following("feed/1");
    send(rooms, 0, 2);
    Member back = join(rooms, 40);
    assertEquals(List.of(new HistoryGap("feed/1", 40, 3)), gaps);
    assertEquals(List.of(), back.texts);
  }

  @Test
  void messagesOlderThanTheRoomsTimeAreNotReplayed() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/:100:2");
    rooms.following("feed/1");
    send(rooms, 0, 1);
    now.addAndGet(3_000_000_000L);
    send(rooms, 2, 3);
    Member back = join(rooms, -1);
    assertEquals(List.of(new HistoryGap("feed/1", -1, 2)), gaps);
    assertEquals(expected(2, 3), back.texts);
  }

  /** A store whose reads complete when the test says, as the grid's do. */
  private static final class SlowStore implements HistoryStore {
    final LocalHistoryStore memory = new LocalHistoryStore(10, () -> 0);
    final List<Runnable> pending = new ArrayList<>();

    @Override
    public void append(String room, Limits limits, String text) {
      memory.append(room, limits, text);
    }

    @Override
    public void follow(String room, Limits limits, Follower follower) {
      memory.follow(room, limits, follower);
    }

    @Override
    public void unfollow(String room) {
      memory.unfollow(room);
    }

    @Override
    public CompletionStage<List<Entry>> read(String room, Limits limits, long from, long to) {
      CompletableFuture<List<Entry>> later = new CompletableFuture<>();
      pending.add(() -> memory.read(room, limits, from, to).thenAccept(later::complete));
      return later;
    }
  }

  @Test
  void liveMessagesWaitForTheReplaySoNoneIsMissedOrTwice() {
    SlowStore store = new SlowStore();
    HistoryRooms rooms = rooms(store, "feed/");
    Member other = new Member("other");
    rooms.following("feed/1");
    registry.join("feed/1", other);
    send(rooms, 0, 4);
    Member back = join(rooms, 1);
    send(rooms, 5, 7); // while its replay is read
    assertEquals(List.of(), back.texts);
    assertEquals(expected(0, 7), other.texts);
    store.pending.forEach(Runnable::run);
    send(rooms, 8, 8);
    assertEquals(expected(2, 8), back.texts);
  }

  @Test
  void aMemberWhoseReplayFallsTooFarBehindIsClosedWith1013() {
    SlowStore store = new SlowStore();
    HistoryRooms rooms = rooms(store, "feed/:3");
    rooms.following("feed/1");
    send(rooms, 0, 1);
    Member back = join(rooms, -1); // its replay of 0 and 1 is still being read
    send(rooms, 2, 4);
    assertEquals(0, back.closedWith);
    send(rooms, 5, 5); // the fourth message waiting for it
    assertEquals(1013, back.closedWith);
  }

  @Test
  void aRoomWithoutMembersIsNoLongerFollowedAfterTwoSweeps() {
    LocalHistoryStore store = new LocalHistoryStore(10, now::get);
    HistoryRooms rooms = rooms(store, "feed/");
    Member member = join(rooms, -1);
    rooms.sweep();
    rooms.sweep();
    assertEquals(1, rooms.followedCount());
    registry.leave("feed/1", member);
    rooms.sweep();
    assertEquals(1, rooms.followedCount());
    rooms.sweep();
    assertEquals(0, rooms.followedCount());
  }

  @Test
  void onlyJsonObjectsGoIntoAHistory() {
    HistoryRooms rooms = rooms(new LocalHistoryStore(10, now::get), "feed/");
    assertThrows(IllegalArgumentException.class, () -> rooms.append("feed/1", text("[1]")));
    assertThrows(
        IllegalArgumentException.class,
        () -> rooms.append("feed/1", new OutboundMessage.Binary(java.nio.ByteBuffer.allocate(1))));
  }

  @Test
  void theStoreKeepsAtMostMaxRoomsAndDropsTheLeastRecentlyUsedUnfollowedOne() {
    LocalHistoryStore store = new LocalHistoryStore(2, now::get);
    HistoryStore.Limits limits = new HistoryStore.Limits(5, 0);
    store.append("a", limits, "{}");
    now.incrementAndGet();
    store.append("b", limits, "{}");
    now.incrementAndGet();
    store.append("c", limits, "{}");
    assertEquals(2, store.roomCount());
    assertEquals(List.of(), store.read("a", limits, 0, 0).toCompletableFuture().join());
    assertEquals(1, store.read("b", limits, 0, 0).toCompletableFuture().join().size());
  }
}
