package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.HistoryGap;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.spi.HistoryStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rooms of one application that keep a history: their messages go into the {@link HistoryStore}
 * (this node's memory, or the cluster's), and this node delivers what it reads back from the store
 * to its members, each message with its offset. A room is followed while it has members on this
 * node; {@link #sweep()} stops following the others.
 */
public final class HistoryRooms {

  private static final Logger LOG = Logger.getLogger(HistoryRooms.class.getName());

  private final HistorySettings settings;
  private final HistoryStore store;
  private final RoomRegistry registry;
  private final Map<String, HistoryRoom> followed = new ConcurrentHashMap<>();

  /**
   * Creates the history rooms of an application.
   *
   * @param settings which rooms keep a history
   * @param store where their messages are kept
   * @param registry the members on this node
   */
  public HistoryRooms(HistorySettings settings, HistoryStore store, RoomRegistry registry) {
    this.settings = settings;
    this.store = store;
    this.registry = registry;
  }

  /**
   * Whether a room keeps a history.
   *
   * @param room the room's name
   * @return {@code true} for a history room
   */
  public boolean keeps(String room) {
    return settings.limits(room).isPresent();
  }

  /**
   * Appends a message to a history room; its members on every node receive it from the store.
   *
   * @param room a history room
   * @param message the message
   * @throws IllegalArgumentException when it is not a JSON object
   */
  public void append(String room, OutboundMessage message) {
    if (!(message instanceof OutboundMessage.Text text) || !Offsets.isObject(text.text())) {
      throw new IllegalArgumentException(
          "room "
              + room
              + " keeps a history (candy.ws.history.rooms): its messages are JSON objects, which"
              + " candy-ws gives an \"offset\"");
    }
    store.append(room, limits(room), text.text());
  }

  /**
   * Makes sure this node follows a room its member is about to join, so that the member receives
   * its messages.
   *
   * @param room a history room
   */
  public void following(String room) {
    room(room);
  }

  /**
   * Starts a member's recovery in a history room: from now on, live messages wait for it until
   * {@link Recovery#replay} has delivered the held ones. Call before the member joins the room.
   *
   * @param room a history room
   * @param member the member about to join
   * @return the recovery to {@link Recovery#replay} once the member has joined, or to {@link
   *     Recovery#cancel} when the join failed
   */
  public Recovery recover(String room, RoomMember member) {
    HistoryRoom followedRoom = room(room);
    return new Recovery(followedRoom, member, followedRoom.startRecovery(member));
  }

  /** A member's recovery in one room. */
  public final class Recovery {
    private final HistoryRoom room;
    private final RoomMember member;
    private final long upTo;

    private Recovery(HistoryRoom room, RoomMember member, long upTo) {
      this.room = room;
      this.member = member;
      this.upTo = upTo;
    }

    /**
     * Delivers the messages after {@code since} still held (telling the gap first, if any), then
     * those that arrived meanwhile; from then on the member receives live messages.
     *
     * @param since the last offset the member saw
     * @param onGap told when the room no longer holds every message after {@code since}
     */
    public void replay(long since, Consumer<HistoryGap> onGap) {
      long after = Math.max(since, -1);
      if (after >= upTo) {
        if (after > upTo) {
          onGap.accept(new HistoryGap(room.name(), since, upTo + 1));
        }
        room.endRecovery(member);
        return;
      }
      store
          .read(room.name(), limits(room.name()), after + 1, upTo)
          .whenComplete(
              (held, failure) -> {
                try {
                  if (failure != null) {
                    LOG.log(Level.WARNING, "candy-ws: reading the history failed", failure);
                  }
                  deliver(after, failure == null ? held : List.of(), onGap);
                } finally {
                  room.endRecovery(member);
                }
              });
    }

    private void deliver(long after, List<HistoryStore.Entry> held, Consumer<HistoryGap> onGap) {
      long first = held.isEmpty() ? upTo + 1 : held.get(0).offset();
      if (first > after + 1) {
        onGap.accept(new HistoryGap(room.name(), after, first));
      }
      for (HistoryStore.Entry entry : held) {
        if (entry.offset() <= upTo) {
          member.deliver(
              new OutboundMessage.Text(Offsets.withOffset(entry.text(), entry.offset())));
        }
      }
    }

    /** The member did not join after all: forget what waits for it. */
    public void cancel() {
      room.endRecovery(member);
    }
  }

  /** Stops following the rooms that have no members on this node and no recovery under way. */
  public void sweep() {
    for (String name : followed.keySet()) {
      followed.computeIfPresent(
          name,
          (key, room) -> {
            if (room.idle(registry.memberCount(key) == 0)) {
              store.unfollow(key);
              return null;
            }
            return room;
          });
    }
  }

  /**
   * How many rooms this node follows.
   *
   * @return the count
   */
  public int followedCount() {
    return followed.size();
  }

  private HistoryRoom room(String name) {
    return followed.computeIfAbsent(
        name,
        key -> {
          HistoryRoom room = new HistoryRoom(key, registry, limits(key).capacity());
          store.follow(key, limits(key), room);
          return room;
        });
  }

  private HistoryStore.Limits limits(String room) {
    Optional<HistoryStore.Limits> limits = settings.limits(room);
    return limits.orElseThrow(() -> new IllegalArgumentException(room + " keeps no history"));
  }
}
