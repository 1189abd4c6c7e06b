package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The open connections of one application and the rooms they are in. Safe under concurrent join,
 * leave and send; a room with no members left is removed.
 */
public final class RoomRegistry {

  private final Map<String, RoomMember> clients = new ConcurrentHashMap<>();
  private final Map<String, CandySocket> clientView =
      Collections.unmodifiableMap(new SocketView(clients));
  private final Map<String, Set<RoomMember>> rooms = new ConcurrentHashMap<>();

  /**
   * Adds an open connection.
   *
   * @param member the connection
   */
  public void add(RoomMember member) {
    clients.put(member.id(), member);
  }

  /**
   * Forgets a connection and takes it out of the given rooms.
   *
   * @param member the connection
   * @param memberships the rooms it was in
   */
  public void remove(RoomMember member, Iterable<String> memberships) {
    clients.remove(member.id(), member);
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
    rooms.compute(
        room,
        (name, members) -> {
          Set<RoomMember> set = members == null ? ConcurrentHashMap.newKeySet() : members;
          set.add(member);
          return set;
        });
  }

  /**
   * Takes a connection out of a room; removes the room when it is left empty.
   *
   * @param room the room's name
   * @param member the connection
   */
  public void leave(String room, RoomMember member) {
    rooms.computeIfPresent(
        room,
        (name, members) -> {
          members.remove(member);
          return members.isEmpty() ? null : members;
        });
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
      SentTally sent = new SentTally(message);
      for (RoomMember member : members) {
        sent.add(member.queue(message));
      }
      sent.flush();
    }
  }

  /**
   * Queues a message on every open connection but one.
   *
   * @param message the message, encoded once
   * @param except the connection to skip, or {@code null}
   */
  public void broadcast(OutboundMessage message, RoomMember except) {
    SentTally sent = new SentTally(message);
    for (RoomMember member : clients.values()) {
      if (member != except) {
        sent.add(member.queue(message));
      }
    }
    sent.flush();
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
