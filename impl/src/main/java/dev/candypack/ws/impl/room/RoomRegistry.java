package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The open connections of one application, the rooms they are in, and the authenticated users they
 * belong to. Safe under concurrent join, leave and send; a room with no members left is removed,
 * and so is a user with no open connection left, so the user index never holds more than the open
 * connections.
 */
public final class RoomRegistry {

  private final Map<String, RoomMember> clients = new ConcurrentHashMap<>();
  private final Map<String, CandySocket> clientView =
      Collections.unmodifiableMap(new SocketView(clients));
  private final Map<String, Set<RoomMember>> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<RoomMember>> users = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, RoomMember> leaveListener = (room, member) -> {};

  /**
   * Tells a listener when a connection leaves a room, however it leaves (also when it closes), so
   * that what it holds per room (presence) goes with it.
   *
   * @param listener called with the room and the connection, before it is taken out
   */
  public void onLeave(BiConsumer<String, RoomMember> listener) {
    this.leaveListener = listener;
  }

  /**
   * Adds an open connection, under its user when it has one.
   *
   * @param member the connection
   */
  public void add(RoomMember member) {
    clients.put(member.id(), member);
    String user = member.user();
    if (user != null) {
      users.compute(user, (name, sockets) -> added(sockets, member));
    }
  }

  /**
   * Forgets a connection and takes it out of the given rooms and of its user's sockets. Removing a
   * connection twice is the same as once.
   *
   * @param member the connection
   * @param memberships the rooms it was in
   */
  public void remove(RoomMember member, Iterable<String> memberships) {
    clients.remove(member.id(), member);
    String user = member.user();
    if (user != null) {
      users.computeIfPresent(user, (name, sockets) -> removed(sockets, member));
    }
    for (String room : memberships) {
      leave(room, member);
    }
  }

  /**
   * Puts a connection in a room, creating the room if needed.
   *
   * @param room the room's name
   * @param member the connection
   */
  public void join(String room, RoomMember member) {
    rooms.compute(room, (name, members) -> added(members, member));
  }

  /**
   * Takes a connection out of a room; removes the room when it is left empty.
   *
   * @param room the room's name
   * @param member the connection
   */
  public void leave(String room, RoomMember member) {
    leaveListener.accept(room, member);
    rooms.computeIfPresent(room, (name, members) -> removed(members, member));
  }

  // Both run inside the map's compute for the key, so an add never meets a set being dropped.
  private static Set<RoomMember> added(Set<RoomMember> members, RoomMember member) {
    Set<RoomMember> set = members == null ? ConcurrentHashMap.newKeySet() : members;
    set.add(member);
    return set;
  }

  private static Set<RoomMember> removed(Set<RoomMember> members, RoomMember member) {
    members.remove(member);
    return members.isEmpty() ? null : members;
  }

  /**
   * Queues a message on every member of a room.
   *
   * @param room the room's name
   * @param message the message, encoded once
   */
  public void sendToRoom(String room, OutboundMessage message) {
    Set<RoomMember> members = rooms.get(room);
    if (members != null) {
      share(message);
      SentTally sent = new SentTally(message);
      for (RoomMember member : members) {
        sent.add(member.queue(message));
      }
      sent.flush();
    }
  }

  /**
   * Queues a message on every open connection of a user.
   *
   * @param user the user's name
   * @param message the message, encoded once
   */
  public void sendToUser(String user, OutboundMessage message) {
    Set<RoomMember> sockets = users.get(user);
    if (sockets != null) {
      share(message);
      for (RoomMember member : sockets) {
        member.deliver(message);
      }
    }
  }

  /**
   * Queues a message on the members of a room but some.
   *
   * @param room the room's name
   * @param message the message, encoded once
   * @param skip which members not to queue it on
   */
  public void sendToRoom(String room, OutboundMessage message, Predicate<RoomMember> skip) {
    Set<RoomMember> members = rooms.get(room);
    if (members != null) {
      share(message);
      for (RoomMember member : members) {
        if (!skip.test(member)) {
          member.deliver(message);
        }
      }
    }
  }

  /**
   * Queues a message on every open connection but one.
   *
   * @param message the message, encoded once
   * @param except the connection to skip, or {@code null}
   */
  public void broadcast(OutboundMessage message, RoomMember except) {
    share(message);
    SentTally sent = new SentTally(message);
    for (RoomMember member : clients.values()) {
      if (member != except) {
        sent.add(member.queue(message));
      }
    }
    sent.flush();
  }

  private static void share(OutboundMessage message) {
    if (message instanceof OutboundMessage.Text text) {
      text.share();
    }
  }

  /**
   * The members of a room.
   *
   * @param room the room's name
   * @return a snapshot, empty when the room does not exist
   */
  public Set<CandySocket> members(String room) {
    Set<RoomMember> members = rooms.get(room);
    return members == null
        ? Set.of()
        : members.stream().map(RoomMember::socket).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The open connections of a user.
   *
   * @param user the user's name
   * @return a snapshot, empty when the user has none
   */
  public Set<CandySocket> userSockets(String user) {
    Set<RoomMember> sockets = users.get(user);
    return sockets == null
        ? Set.of()
        : sockets.stream().map(RoomMember::socket).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * How many open connections a user has.
   *
   * @param user the user's name
   * @return the count, 0 when the user has none
   */
  public int userSocketCount(String user) {
    Set<RoomMember> sockets = users.get(user);
    return sockets == null ? 0 : sockets.size();
  }

  /**
   * How many users have open connections.
   *
   * @return the count
   */
  public int userCount() {
    return users.size();
  }

  /**
   * How many members a room has.
   *
   * @param room the room's name
   * @return the count, 0 when the room does not exist
   */
  public int memberCount(String room) {
    Set<RoomMember> members = rooms.get(room);
    return members == null ? 0 : members.size();
  }

  /**
   * The rooms that have members, and how many each.
   *
   * @return a snapshot
   */
  public Map<String, Integer> roomSizes() {
    Map<String, Integer> sizes = new HashMap<>();
    rooms.forEach(
        (name, members) -> {
          int size = members.size();
          if (size > 0) {
            sizes.put(name, size);
          }
        });
    return sizes;
  }

  /**
   * The names of the rooms that have members.
   *
   * @return a snapshot
   */
  public Set<String> roomNames() {
    return Set.copyOf(rooms.keySet());
  }

  /**
   * The open connections, by id.
   *
   * @return an unmodifiable live view
   */
  public Map<String, CandySocket> clients() {
    return clientView;
  }

  /**
   * How many connections are open.
   *
   * @return the count
   */
  public int clientCount() {
    return clients.size();
  }
}
