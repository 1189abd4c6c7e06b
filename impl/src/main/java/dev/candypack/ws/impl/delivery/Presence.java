package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.PresenceChange;
import dev.candypack.ws.Registration;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.spi.PresenceRelay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is in which room, as users ({@code CandySocket.enter}): this node's sockets exactly, the
 * other nodes' through a {@link PresenceRelay} when the cluster relay is one. Sockets that follow a
 * room ({@code onPresence}) learn once per user when its first socket in the cluster entered and
 * when its last one went: each change of this node's or the other nodes' presence is compared with
 * what the room's followers were last told.
 *
 * <p>Everything it holds is per socket and room: at most the open sockets times the rooms each may
 * be in. One lock guards it; handlers run after it is released.
 */
public final class Presence {

  private static final Logger LOG = Logger.getLogger(Presence.class.getName());

  private final Supplier<PresenceRelay> relay;
  // room -> user -> this node's sockets in it as that user
  private final Map<String, Map<String, Set<RoomMember>>> local = new HashMap<>();
  // socket -> room -> user, to take it out when it leaves
  private final Map<RoomMember, Map<String, String>> entered = new HashMap<>();
  // room -> handlers of the sockets that follow it, and the users they were last told of
  private final Map<String, Followers> followed = new HashMap<>();
  // Set once a socket enters or follows a room: until then a leave costs no lock.
  private volatile boolean used;

  private static final class Followers {
    final Set<Follower> handlers = new LinkedHashSet<>();
    Set<String> known = Set.of();
  }

  private record Follower(RoomMember member, Consumer<PresenceChange> handler) {}

  /**
   * Creates the presence of an application.
   *
   * @param relay the cluster relay's presence, or {@code null} while there is none
   */
  public Presence(Supplier<PresenceRelay> relay) {
    this.relay = relay;
  }

  /**
   * Counts a socket in a room as a user.
   *
   * @param room the room
   * @param user the user
   * @param member the socket
   * @throws IllegalArgumentException when the socket is in the room as another user
   */
  public void enter(String room, String user, RoomMember member) {
    List<Runnable> events;
    boolean changed;
    used = true;
    synchronized (this) {
      Map<String, String> rooms = entered.computeIfAbsent(member, m -> new HashMap<>());
      String before = rooms.get(room);
      if (before != null) {
        if (!before.equals(user)) {
          throw new IllegalArgumentException(
              "the socket is in room " + room + " as user " + before + " already");
        }
        return;
      }
      rooms.put(room, user);
      Set<RoomMember> sockets =
          local
              .computeIfAbsent(room, r -> new HashMap<>())
              .computeIfAbsent(user, u -> new HashSet<>());
      changed = sockets.isEmpty();
      sockets.add(member);
      events = changed ? compare(room) : List.of();
    }
    if (changed) {
      shared();
    }
    events.forEach(Runnable::run);
  }

  /**
   * A socket left a room (or closed): it no longer counts there, nor follows it.
   *
   * @param room the room
   * @param member the socket
   */
  public void left(String room, RoomMember member) {
    if (!used) {
      return;
    }
    List<Runnable> events = List.of();
    boolean changed = false;
    synchronized (this) {
      Followers followers = followed.get(room);
      if (followers != null) {
        followers.handlers.removeIf(follower -> follower.member() == member);
        if (followers.handlers.isEmpty()) {
          followed.remove(room);
        }
      }
      Map<String, String> rooms = entered.get(member);
      String user = rooms == null ? null : rooms.remove(room);
      if (user == null) {
        return;
      }
      if (rooms.isEmpty()) {
        entered.remove(member);
      }
      Map<String, Set<RoomMember>> users = local.get(room);
      Set<RoomMember> sockets = users.get(user);
      sockets.remove(member);
      if (sockets.isEmpty()) {
        changed = true;
        users.remove(user);
        if (users.isEmpty()) {
          local.remove(room);
        }
        events = compare(room);
      }
    }
    if (changed) {
      shared();
    }
    events.forEach(Runnable::run);
  }

  /**
   * Lets a socket follow a room's presence.
   *
   * @param room the room
   * @param member the socket, whose leaving the room ends it
   * @param handler what it is told
   * @return the registration
   */
  public Registration follow(String room, RoomMember member, Consumer<PresenceChange> handler) {
    Follower follower = new Follower(member, handler);
    used = true;
    synchronized (this) {
      Followers followers = followed.get(room);
      if (followers == null) {
        followers = new Followers();
        followers.known = users(room).keySet();
        followed.put(room, followers);
      }
      followers.handlers.add(follower);
    }
    return () -> {
      synchronized (this) {
        Followers followers = followed.get(room);
        if (followers != null
            && followers.handlers.remove(follower)
            && followers.handlers.isEmpty()) {
          followed.remove(room);
        }
      }
    };
  }

  /** The other nodes' presence changed: tell each followed room's followers who came and went. */
  public void remoteChanged() {
    List<Runnable> events = new ArrayList<>();
    synchronized (this) {
      for (String room : List.copyOf(followed.keySet())) {
        events.addAll(compare(room));
      }
    }
    events.forEach(Runnable::run);
  }

  /**
   * Who is in a room on every node.
   *
   * @param room the room
   * @return user to socket count, sorted by user
   */
  public SortedMap<String, Integer> users(String room) {
    TreeMap<String, Integer> users = new TreeMap<>();
    PresenceRelay cluster = relay.get();
    if (cluster != null) {
      cluster.remotePresence(room).forEach((user, count) -> users.merge(user, count, Integer::sum));
    }
    synchronized (this) {
      Map<String, Set<RoomMember>> here = local.get(room);
      if (here != null) {
        here.forEach((user, sockets) -> users.merge(user, sockets.size(), Integer::sum));
      }
    }
    return Collections.unmodifiableSortedMap(users);
  }

  /**
   * This node's presence, for the relay to share.
   *
   * @return room to user to socket count
   */
  public synchronized Map<String, Map<String, Integer>> snapshot() {
    Map<String, Map<String, Integer>> copy = new HashMap<>();
    local.forEach(
        (room, users) -> {
          Map<String, Integer> counts = new HashMap<>();
          users.forEach((user, sockets) -> counts.put(user, sockets.size()));
          copy.put(room, counts);
        });
    return copy;
  }

  /**
   * How many sockets count in some room's presence on this node.
   *
   * @return the count
   */
  public synchronized int entries() {
    return entered.values().stream().mapToInt(Map::size).sum();
  }

  // Called holding the lock; the events run after it is released.
  private List<Runnable> compare(String room) {
    Followers followers = followed.get(room);
    if (followers == null) {
      return List.of();
    }
    Set<String> now = users(room).keySet();
    List<PresenceChange> changes = new ArrayList<>();
    for (String user : now) {
      if (!followers.known.contains(user)) {
        changes.add(new PresenceChange(room, user, true));
      }
    }
    for (String user : followers.known) {
      if (!now.contains(user)) {
        changes.add(new PresenceChange(room, user, false));
      }
    }
    followers.known = Set.copyOf(now);
    if (changes.isEmpty()) {
      return List.of();
    }
    List<Follower> handlers = List.copyOf(followers.handlers);
    List<Runnable> events = new ArrayList<>();
    for (PresenceChange change : changes) {
      for (Follower follower : handlers) {
        events.add(() -> tell(follower, change));
      }
    }
    return events;
  }

  private static void tell(Follower follower, PresenceChange change) {
    try {
      follower.handler().accept(change);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "candy-ws: a presence handler failed on " + change, e);
    }
  }

  private void shared() {
    PresenceRelay cluster = relay.get();
    if (cluster != null) {
      try {
        cluster.presenceChanged();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: the relay could not share presence", e);
      }
    }
  }
}
