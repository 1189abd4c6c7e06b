package dev.candypack.ws.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.candypack.ws.spi.RelayContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shares who is in which room between the nodes: a map ({@code candy-ws.<application>.presence})
 * with one sealed entry per node, written when the node's presence changes and kept alive every
 * report interval, with a time to live of three intervals. Each node reads the others' entries when
 * one changes (an entry listener) and every interval, so that a node that dies drops out within
 * four intervals: its users leave then.
 */
final class PresenceShare {

  private static final Logger LOG = Logger.getLogger(PresenceShare.class.getName());

  private final RelayContext node;
  private final Seal seal;
  private final long ttlMillis;
  private final ScheduledExecutorService executor;
  private final Rejections rejections;
  private final String name;
  private final AtomicBoolean writePending = new AtomicBoolean();
  private final AtomicBoolean readPending = new AtomicBoolean();
  private volatile IMap<String, byte[]> map; // null until the grid has been reached
  private volatile ITopic<byte[]> signals;
  private volatile UUID listener;
  private volatile boolean changed = true;
  private volatile boolean written;
  private volatile Map<String, Map<String, Integer>> others = Map.of();

  PresenceShare(
      RelayContext node,
      Seal seal,
      String prefix,
      long intervalMillis,
      ScheduledExecutorService executor,
      Rejections rejections) {
    this.node = node;
    this.seal = seal;
    this.name = prefix + ".presence";
    this.ttlMillis = 3 * intervalMillis;
    this.executor = executor;
    this.rejections = rejections;
  }

  /** Finds the map and listens to the other nodes' changes. */
  void connect(HazelcastInstance hazelcast) {
    IMap<String, byte[]> presence = hazelcast.getMap(name);
    ITopic<byte[]> topic = hazelcast.getTopic(name);
    listener = topic.addMessageListener(this::signalled);
    signals = topic;
    map = presence;
  }

  /** This node's presence changed: write it soon, on the relay's own thread. */
  void changed() {
    changed = true;
    if (writePending.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              writePending.set(false);
              write();
            });
      } catch (RuntimeException e) {
        writePending.set(false); // stopping
      }
    }
  }

  /** Every report interval: keeps this node's entry alive and reads the others'. */
  void tick() {
    write();
    read();
  }

  private void write() {
    IMap<String, byte[]> presence = map;
    if (presence == null) {
      return;
    }
    try {
      if (changed
          || (written && !presence.setTtl(node.nodeId(), ttlMillis, TimeUnit.MILLISECONDS))) {
        changed = false;
        Map<String, Map<String, Integer>> mine = node.presence();
        if (mine.isEmpty() && !written) {
          return; // nobody ever entered a room here: nothing to share
        }
        byte[] body = PresenceCodec.encode(mine);
        presence.set(
            node.nodeId(),
            seal.seal(Seal.Kind.PRESENCE, node.nodeId(), body),
            ttlMillis,
            TimeUnit.MILLISECONDS);
        written = true;
        signals.publishAsync(new byte[0]); // carries nothing: the others read the map
      }
    } catch (RuntimeException e) {
      changed = true; // written again at the next interval
      LOG.log(Level.FINE, "candy-ws: sharing this node's presence failed", e);
    }
  }

  private void read() {
    IMap<String, byte[]> presence = map;
    if (presence == null) {
      return;
    }
    Map<String, Map<String, Integer>> merged = new HashMap<>();
    try {
      for (Map.Entry<String, byte[]> entry : presence.entrySet()) {
        if (entry.getKey().equals(node.nodeId())) {
          continue;
        }
        Map<String, Map<String, Integer>> theirs = decode(entry.getKey(), entry.getValue());
        theirs.forEach(
            (room, users) -> {
              Map<String, Integer> counts = merged.computeIfAbsent(room, r -> new HashMap<>());
              users.forEach((user, sockets) -> counts.merge(user, sockets, Integer::sum));
            });
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: reading the other nodes' presence failed", e);
      return; // keep the last known presence while the grid is unreachable
    }
    if (!merged.equals(others)) {
      others = merged;
      node.remotePresenceChanged();
    }
  }

  private Map<String, Map<String, Integer>> decode(String nodeId, byte[] bytes) {
    try {
      return PresenceCodec.decode(bytes, seal.open(Seal.Kind.PRESENCE, nodeId, bytes));
    } catch (IllegalArgumentException e) {
      rejections.refused("the presence of node " + nodeId, e.getMessage());
      return Map.of();
    }
  }

  Map<String, Integer> remote(String room) {
    return others.getOrDefault(room, Map.of());
  }

  /** Takes this node's entry off the grid, so that its users leave the others at once. */
  void stop() {
    IMap<String, byte[]> presence = map;
    if (presence != null) {
      try {
        signals.removeMessageListener(listener);
        if (written) {
          presence.delete(node.nodeId());
          signals.publishAsync(new byte[0]);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: taking this node's presence off the grid failed", e);
      }
    }
  }

  /** Another node wrote its presence: read them all again soon (once for many signals). */
  private void signalled(Message<byte[]> message) {
    if (readPending.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              readPending.set(false);
              read();
            });
      } catch (RuntimeException e) {
        readPending.set(false); // stopping
      }
    }
  }
}
