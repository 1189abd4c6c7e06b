package dev.candypack.ws.impl.connection;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.observe.RouteWatch;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import java.util.HashSet;
import java.util.Set;

/**
 * The rooms of one connection. Every change holds one lock, so that the connection's set, the
 * registry and what the route's watch is told change together: a join racing a leave or a close
 * leaves no stray membership behind, and the watch hears of joins and leaves only between the
 * connection's opened and closed.
 */
final class Memberships {

  private final RoomMember member;
  private final RoomRegistry registry;
  private final RouteWatch watch;
  private final int maxRoomName;
  private final int maxRooms;
  private final Object lock = new Object();
  // Copied on each change, so that reading it needs no copy and no lock.
  private volatile Set<String> rooms = Set.of();
  private boolean announced; // the watch was told the connection opened; guarded by lock
  private boolean ended; // closed or given up: no more joins; guarded by lock

  Memberships(
      RoomMember member, RoomRegistry registry, RouteWatch watch, int maxRoomName, int maxRooms) {
    this.member = member;
    this.registry = registry;
    this.watch = watch;
    this.maxRoomName = maxRoomName;
    this.maxRooms = maxRooms;
  }

  Set<String> rooms() {
    return rooms;
  }

  boolean contains(String room) {
    return rooms.contains(room);
  }

  /**
   * Checks a name against {@code candy.ws.max-room-name}.
   *
   * @param what what the name names, for the message
   * @param name the name
   * @throws IllegalArgumentException when it is too long
   */
  void checkName(String what, String name) {
    if (name.length() > maxRoomName) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " has "
              + name.length()
              + " characters; candy.ws.max-room-name allows "
              + maxRoomName);
    }
  }

  void join(String room) {
    checkName("room name", room);
    synchronized (lock) {
      Set<String> current = rooms;
      if (ended || current.contains(room)) {
        return;
      }
      if (current.size() >= maxRooms) {
        throw new IllegalArgumentException(
            "the connection is in "
                + current.size()
                + " rooms already, as many as candy.ws.max-rooms-per-connection allows");
      }
      Set<String> next = new HashSet<>(current);
      next.add(room);
      rooms = Set.copyOf(next);
      registry.join(room, member);
      if (announced) {
        watch.joined(member.socket(), room);
      }
    }
  }

  void leave(String room) {
    synchronized (lock) {
      Set<String> current = rooms;
      if (current.contains(room)) {
        Set<String> next = new HashSet<>(current);
        next.remove(room);
        rooms = Set.copyOf(next);
        registry.leave(room, member);
        if (announced) {
          watch.left(member.socket(), room);
        }
      }
    }
  }

  /** The connection opened: the watch hears of it, then of the rooms its handler joined. */
  void announceOpened() {
    synchronized (lock) {
      if (ended) {
        return;
      }
      announced = true;
      CandySocket socket = member.socket();
      watch.opened(socket);
      rooms.forEach(room -> watch.joined(socket, room));
    }
  }

  /** The connection is given up on: fan-out stops reaching it, and it joins nothing more. */
  void detach() {
    synchronized (lock) {
      ended = true;
      registry.remove(member, rooms);
    }
  }

  /**
   * The connection closed: it leaves every room and the registry; the watch hears of the leaves and
   * the close, if it heard of the open.
   *
   * @param status the close status
   */
  void end(CloseStatus status) {
    synchronized (lock) {
      ended = true;
      Set<String> left = rooms;
      registry.remove(member, left);
      rooms = Set.of();
      if (announced) {
        CandySocket socket = member.socket();
        left.forEach(room -> watch.left(socket, room));
        watch.closed(socket, status);
      }
    }
  }
}
