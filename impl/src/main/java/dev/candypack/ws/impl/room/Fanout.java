package dev.candypack.ws.impl.room;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.delivery.HistoryRooms;
import dev.candypack.ws.impl.delivery.HistorySettings;
import dev.candypack.ws.impl.delivery.LocalHistoryStore;
import dev.candypack.ws.impl.delivery.Presence;
import dev.candypack.ws.impl.observe.RelayMeter;
import dev.candypack.ws.impl.transaction.HeldSends;
import dev.candypack.ws.impl.transaction.TransactionalSends;
import dev.candypack.ws.spi.CandyRelay;
import dev.candypack.ws.spi.HistoryStore;
import dev.candypack.ws.spi.PresenceRelay;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every room, user and broadcast send of one application goes through here: inside a transaction it
 * waits for the commit; then the message, encoded once, goes to this node's members, then to the
 * cluster relay when there is one. Messages from other nodes come back in through {@link
 * RelayContext#deliver} and reach this node's members only, so that no message is relayed twice.
 * Without a relay this is the registry's own fan-out plus one volatile read.
 */
public final class Fanout {

  private static final Logger LOG = Logger.getLogger(Fanout.class.getName());

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final RoomRegistry registry;
  private final RelayMeter meter;
  private final TransactionalSends sends;
  private final String nodeId = UUID.randomUUID().toString();
  private volatile CandyRelay relay;
  private final Presence presence = new Presence(this::presenceRelay);
  private volatile HistoryRooms history; // null while no room keeps a history
  private volatile long maxPayloadBytes = Long.MAX_VALUE;
  // Messages over the cap, counted for the log, which says so at most once a minute.
  private final AtomicLong oversized = new AtomicLong();
  private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

  /**
   * Creates the fan-out of an application whose sends always go at once, local-only until a relay
   * starts.
   *
   * @param registry the application's connections and rooms
   */
  public Fanout(RoomRegistry registry) {
    this(registry, new RelayMeter(), new TransactionalSends());
  }

  /**
   * Creates the fan-out of an application, local-only until a relay starts.
   *
   * @param registry the application's connections and rooms
   * @param meter the relay's counters
   * @param sends whether a send waits for the transaction it is made in
   */
  public Fanout(RoomRegistry registry, RelayMeter meter, TransactionalSends sends) {
    this.registry = registry;
    this.meter = meter;
    this.sends = sends;
    registry.onLeave(presence::left);
  }

  /**
   * Who is in which room, across the cluster when the relay shares presence.
   *
   * @return the application's presence
   */
  public Presence presence() {
    return presence;
  }

  /**
   * The rooms that keep a history, if any.
   *
   * @return the history rooms, or {@code null} when no room keeps one
   */
  public HistoryRooms history() {
    return history;
  }

  /**
   * Keeps the history of the rooms the settings name: in the cluster relay when it is a {@link
   * HistoryStore}, else in this node's memory. Call once the relay has started, if it does.
   *
   * @param settings which rooms keep a history
   * @return the history rooms, or {@code null} when the settings name none
   */
  public HistoryRooms startHistory(HistorySettings settings) {
    if (settings.any()) {
      HistoryStore store =
          relay instanceof HistoryStore cluster
              ? cluster
              : new LocalHistoryStore(settings.maxRooms(), System::nanoTime);
      history = new HistoryRooms(settings, store, registry);
    }
    return history;
  }

  private PresenceRelay presenceRelay() {
    return relay instanceof PresenceRelay cluster ? cluster : null;
  }

  /**
   * Sends to the members of a room on this node, then on the others; inside a transaction, once it
   * commits.
   *
   * @param room the room's name
   * @param message the message, encoded once
   */
  public void toRoom(String room, OutboundMessage message) {
    HeldSends held = sends.current();
    if (held == null) {
      toRoomNow(room, message);
    } else {
      held.add(() -> toRoomNow(room, message));
    }
  }

  private void toRoomNow(String room, OutboundMessage message) {
    HistoryRooms kept = history;
    if (kept != null && kept.keeps(room)) {
      kept.append(room, message); // its members on every node receive it from the history
      return;
    }
    registry.sendToRoom(room, message);
    CandyRelay current = relay;
    if (current != null) {
      publish(current, RelayMessage.Kind.ROOM, room, message);
    }
  }

  /**
   * Sends to every socket of a user on this node, then on the others; inside a transaction, once it
   * commits.
   *
   * @param user the user's name
   * @param message the message, encoded once
   */
  public void toUser(String user, OutboundMessage message) {
    HeldSends held = sends.current();
    if (held == null) {
      toUserNow(user, message);
    } else {
      held.add(() -> toUserNow(user, message));
    }
  }

  private void toUserNow(String user, OutboundMessage message) {
    registry.sendToUser(user, message);
    CandyRelay current = relay;
    if (current != null) {
      publish(current, RelayMessage.Kind.USER, user, message);
    }
  }

  /**
   * Sends to every connection on this node but one, then to every connection on the others; inside
   * a transaction, once it commits.
   *
   * @param message the message, encoded once
   * @param except the sending connection, skipped on this node only; {@code null} for none
   */
  public void broadcast(OutboundMessage message, RoomMember except) {
    HeldSends held = sends.current();
    if (held == null) {
      broadcastNow(message, except);
    } else {
      held.add(() -> broadcastNow(message, except));
    }
  }

  private void broadcastNow(OutboundMessage message, RoomMember except) {
    registry.broadcast(message, except);
    CandyRelay current = relay;
    if (current != null) {
      publish(current, RelayMessage.Kind.BROADCAST, null, message);
    }
  }

  /**
   * How many connections are open in the cluster: this node's, exact, plus the others' last
   * reports.
   *
   * @return the count
   */
  public int clusterClientCount() {
    CandyRelay current = relay;
    return registry.clientCount() + (current == null ? 0 : current.remoteClientCount());
  }

  /**
   * How many members a room has in the cluster: this node's, exact, plus the others' last reports.
   *
   * @param room the room's name
   * @return the count
   */
  public int clusterMemberCount(String room) {
    CandyRelay current = relay;
    return registry.memberCount(room) + (current == null ? 0 : current.remoteMemberCount(room));
  }

  /**
   * Starts relaying through a cluster relay.
   *
   * @param candidate the relay the application provides
   * @param application the application's name on the grid
   * @param settings the application's settings
   * @param maxPayloadBytes the largest payload relayed either way: the largest message size limit
   *     of the application's routes
   * @return whether the relay is on; when it says it is off, the application stays local-only
   */
  public boolean start(
      CandyRelay candidate,
      String application,
      Function<String, Optional<String>> settings,
      long maxPayloadBytes) {
    if (relay != null) {
      throw new IllegalStateException("candy-ws: a relay has already started");
    }
    this.maxPayloadBytes = maxPayloadBytes;
    boolean on = candidate.start(new Node(application, settings));
    if (on) {
      relay = candidate;
    }
    return on;
  }

  /** Stops the relay, if one runs; from then on fan-out is local. */
  public void stop() {
    CandyRelay current = relay;
    relay = null;
    if (current != null) {
      try {
        current.stop();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "candy-ws: stopping the cluster relay failed", e);
      }
    }
  }

  /**
   * Whether a cluster relay runs.
   *
   * @return {@code true} from a successful {@link #start} to {@link #stop}
   */
  public boolean clustered() {
    return relay != null;
  }

  /**
   * Why the relay cannot reach the other nodes now, as it says.
   *
   * @return the reason; empty without a relay, or while it can
   */
  public Optional<String> relayOutage() {
    CandyRelay current = relay;
    if (current == null) {
      return Optional.empty();
    }
    try {
      return current.outage();
    } catch (RuntimeException e) {
      return Optional.of("the relay failed to tell: " + e);
    }
  }

  /**
   * This node's id in the cluster.
   *
   * @return the id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * Delivers a message from another node to this node's members, without relaying it again.
   *
   * @param message the message
   */
  void received(RelayMessage message) {
    if (nodeId.equals(message.origin())) {
      return; // our own echo: already delivered here before it was published
    }
    long size = payloadBytes(message);
    if (size > maxPayloadBytes) {
      meter.dropped();
      oversized("dropped a message from node " + message.origin(), size);
      return;
    }
    meter.received();
    OutboundMessage frame =
        message.isBinary()
            ? new OutboundMessage.Binary(ByteBuffer.wrap(message.bytes()))
            : new OutboundMessage.Text(message.text());
    switch (message.kind()) {
      case ROOM -> registry.sendToRoom(message.room(), frame);
      case USER -> registry.sendToUser(message.room(), frame);
      case BROADCAST -> registry.broadcast(frame, null);
    }
  }

  private void publish(
      CandyRelay current, RelayMessage.Kind kind, String room, OutboundMessage message) {
    long size = payloadBytes(message);
    if (size > maxPayloadBytes) {
      meter.dropped();
      oversized("kept a message to this node's sockets", size);
      return;
    }
    RelayMessage relayed =
        message instanceof OutboundMessage.Binary binary
            ? new RelayMessage(kind, room, null, bytes(binary), nodeId)
            : new RelayMessage(kind, room, ((OutboundMessage.Text) message).text(), null, nodeId);
    try {
      current.publish(relayed);
      meter.published();
    } catch (RuntimeException e) {
      meter.dropped();
      LOG.log(Level.FINE, "candy-ws: the cluster relay refused " + relayed, e);
    }
  }

  private long payloadBytes(RelayMessage message) {
    return message.isBinary() ? message.bytes().length : utf8Bytes(message.text());
  }

  private long payloadBytes(OutboundMessage message) {
    return message instanceof OutboundMessage.Text text ? utf8Bytes(text.text()) : message.size();
  }

  /** The text's length in UTF-8 where it could be over the cap; below that, a lower bound. */
  private long utf8Bytes(String text) {
    return (long) text.length() * 3 <= maxPayloadBytes
        ? text.length()
        : text.getBytes(StandardCharsets.UTF_8).length;
  }

  private void oversized(String what, long size) {
    long count = oversized.incrementAndGet();
    long now = System.nanoTime();
    long next = nextWarning.get();
    Level level =
        now - next >= 0 && nextWarning.compareAndSet(next, now + WARNING_INTERVAL_NANOS)
            ? Level.WARNING
            : Level.FINE;
    LOG.log(
        level,
        () ->
            "candy-ws: the cluster relay "
                + what
                + ": its payload of "
                + size
                + " bytes is over the largest message size of the application's routes ("
                + maxPayloadBytes
                + " bytes); "
                + count
                + " such message(s) since start");
  }

  private static byte[] bytes(OutboundMessage.Binary binary) {
    ByteBuffer view = binary.view();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  /** This node as the relay sees it. */
  private final class Node implements RelayContext {
    private final String application;
    private final Function<String, Optional<String>> settings;

    Node(String application, Function<String, Optional<String>> settings) {
      this.application = application;
      this.settings = settings;
    }

    @Override
    public String nodeId() {
      return nodeId;
    }

    @Override
    public String application() {
      return application;
    }

    @Override
    public void deliver(RelayMessage message) {
      received(message);
    }

    @Override
    public int clientCount() {
      return registry.clientCount();
    }

    @Override
    public Map<String, Integer> roomSizes() {
      return new HashMap<>(registry.roomSizes());
    }

    @Override
    public long maxPayloadBytes() {
      return maxPayloadBytes;
    }

    @Override
    public Map<String, Map<String, Integer>> presence() {
      return presence.snapshot();
    }

    @Override
    public void remotePresenceChanged() {
      presence.remoteChanged();
    }

    @Override
    public String setting(String key) {
      return settings.apply(key).orElse(null);
    }
  }
}
