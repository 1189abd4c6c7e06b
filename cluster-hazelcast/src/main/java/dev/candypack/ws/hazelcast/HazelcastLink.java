package dev.candypack.ws.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One application's link to the grid: a topic for its messages and a map of the nodes' counts.
 *
 * <p>The topic ({@code candy-ws.<application>.messages}) carries each room or broadcast message
 * once to every node; each node delivers what came from elsewhere to its own sockets and ignores
 * its own echo. Hazelcast delivers the messages of one publisher in the order they were published.
 *
 * <p>The map ({@code candy-ws.<application>.nodes}) holds one entry per node: its client count and
 * room sizes, written every report interval with a time to live of three intervals, so that a node
 * that dies drops out by itself. Each node reads the others' entries on the same schedule.
 *
 * <p>Both carry the {@link Seal}'s signature when the application has a secret. What fails its
 * check, does not decode, or carries more than {@link RelayContext#maxPayloadBytes()} is dropped
 * alone and counted ({@link Rejections}): the other messages and reports still count.
 */
final class HazelcastLink {

  private static final Logger LOG = Logger.getLogger(HazelcastLink.class.getName());

  private final Grid grid;
  private final RelayContext node;
  private final Seal seal;
  private final Rejections messageRejections = new Rejections("messages", System::nanoTime);
  private final Rejections reportRejections = new Rejections("reports", System::nanoTime);
  private final long intervalMillis;
  private final String prefix;
  private volatile ITopic<byte[]> topic; // null until the grid has been reached
  private volatile IMap<String, byte[]> nodes;
  private volatile UUID listener;
  private final ScheduledExecutorService reporter;
  private final AtomicBoolean unreachable = new AtomicBoolean();
  private volatile Counts others = Counts.NONE;
  private final PresenceShare presence;
  private final RingHistory history;
  private volatile String lost; // why the grid is lost, from the instance's lifecycle; or null
  private volatile UUID lifecycleListener;

  /** The other nodes' counts, summed. */
  private record Counts(int clients, Map<String, Integer> rooms) {
    static final Counts NONE = new Counts(0, Map.of());
  }

  HazelcastLink(Grid grid, RelayContext node, long intervalMillis, Seal seal) {
    this.grid = grid;
    this.node = node;
    this.seal = seal;
    this.intervalMillis = intervalMillis;
    this.prefix = "candy-ws." + node.application();
    watchLifecycle();
    this.reporter =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "candy-ws-hazelcast-report " + node.application());
              thread.setDaemon(true);
              return thread;
            });
    this.presence =
        new PresenceShare(node, seal, prefix, intervalMillis, reporter, reportRejections);
    this.history = new RingHistory(grid::instance, node, seal, prefix, reporter, messageRejections);
    connect();
    reporter.scheduleWithFixedDelay(this::report, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  void publish(RelayMessage message) {
    ITopic<byte[]> current = topic;
    if (current == null) {
      published(new IllegalStateException("not connected to the grid yet"));
      return;
    }
    try {
      current
          .publishAsync(seal.seal(Seal.Kind.MESSAGE, "", RelayCodec.encode(message)))
          .whenComplete((ok, failure) -> published(failure));
    } catch (RuntimeException e) {
      published(e);
    }
  }

  /** Logs the first failure of an outage and the recovery, not every message in between. */
  private void published(Throwable failure) {
    if (failure == null) {
      if (unreachable.compareAndSet(true, false)) {
        LOG.info("candy-ws: the grid is reachable again; rooms and broadcasts reach every node");
      }
    } else if (unreachable.compareAndSet(false, true)) {
      LOG.warning(
          "candy-ws: the grid is unreachable ("
              + failure
              + "); room and broadcast messages reach this node's sockets only until it is back");
    } else {
      LOG.log(Level.FINE, "candy-ws: a message was not relayed", failure);
    }
  }

  private void received(Message<byte[]> message) {
    RelayMessage relayed;
    try {
      byte[] bytes = message.getMessageObject();
      relayed =
          RelayCodec.decode(bytes, seal.open(Seal.Kind.MESSAGE, "", bytes), node.maxPayloadBytes());
    } catch (IllegalArgumentException e) {
      messageRejections.refused("a message", e.getMessage());
      return;
    }
    if (!node.nodeId().equals(relayed.origin())) {
      node.deliver(relayed); // our own echo was delivered here before it was published
    }
  }

  /**
   * Finds the topic and the map and subscribes. A client that is not connected yet cannot: it tries
   * again at every report until it can, and Hazelcast keeps the subscription across reconnects from
   * then on.
   */
  private void connect() {
    try {
      HazelcastInstance hazelcast = grid.instance();
      ITopic<byte[]> messages = hazelcast.getTopic(prefix + ".messages");
      nodes = hazelcast.getMap(prefix + ".nodes");
      presence.connect(hazelcast);
      listener = messages.addMessageListener(this::received);
      topic = messages;
      if (unreachable.compareAndSet(true, false)) {
        LOG.info("candy-ws: the grid is reachable; rooms and broadcasts reach every node");
      }
    } catch (RuntimeException e) {
      published(e);
    }
  }

  /** Follows the instance's connection to the grid: a client loses and regains it. */
  private void watchLifecycle() {
    try {
      lifecycleListener = grid.instance().getLifecycleService().addLifecycleListener(this::changed);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: cannot follow the Hazelcast instance's lifecycle", e);
    }
  }

  private void changed(LifecycleEvent event) {
    switch (event.getState()) {
      case CLIENT_DISCONNECTED -> lost = "the Hazelcast client is disconnected from the grid";
      case CLIENT_CONNECTED -> lost = null;
      case SHUTTING_DOWN, SHUTDOWN -> lost = "the Hazelcast instance has shut down";
      default -> {
        // starting, merging, client changes of cluster: no change of reach
      }
    }
  }

  /**
   * Why the other nodes cannot be reached now, from what is already known: the instance's
   * lifecycle, and whether the topic was ever reached.
   */
  Optional<String> outage() {
    String why = lost;
    if (why != null) {
      return Optional.of(why);
    }
    try {
      if (!grid.instance().getLifecycleService().isRunning()) {
        return Optional.of("the Hazelcast instance (" + grid.description() + ") is not running");
      }
    } catch (RuntimeException e) {
      return Optional.of("the Hazelcast instance cannot be asked: " + e);
    }
    return topic == null ? Optional.of("the grid has not been reached yet") : Optional.empty();
  }

  /** Writes this node's counts, then reads the others'. */
  private void report() {
    if (topic == null) {
      connect();
      if (topic == null) {
        others = Counts.NONE;
        return;
      }
    }
    try {
      byte[] mine = RelayCodec.encode(new RelayCodec.Report(node.clientCount(), node.roomSizes()));
      nodes.set(
          node.nodeId(),
          seal.seal(Seal.Kind.REPORT, node.nodeId(), mine),
          3 * intervalMillis,
          TimeUnit.MILLISECONDS);
      int clients = 0;
      Map<String, Integer> rooms = new HashMap<>();
      for (Map.Entry<String, byte[]> entry : nodes.entrySet()) {
        if (entry.getKey().equals(node.nodeId())) {
          continue; // this node's own counts are read live, not from its last report
        }
        RelayCodec.Report report = report(entry.getKey(), entry.getValue());
        if (report != null) {
          clients = saturatedSum(clients, report.clients());
          report
              .rooms()
              .forEach((room, size) -> rooms.merge(room, size, HazelcastLink::saturatedSum));
        }
      }
      others = new Counts(clients, rooms);
      presence.tick();
    } catch (RuntimeException e) {
      others = Counts.NONE; // unknown while the grid is unreachable: count this node alone
      LOG.log(Level.FINE, "candy-ws: the node report failed", e);
    }
  }

  /** One node's report, or {@code null} (counted) when it fails its check or does not decode. */
  private RelayCodec.Report report(String nodeId, byte[] bytes) {
    try {
      return RelayCodec.decodeReport(bytes, seal.open(Seal.Kind.REPORT, nodeId, bytes));
    } catch (IllegalArgumentException e) {
      reportRejections.refused("the report of node " + nodeId, e.getMessage());
      return null;
    }
  }

  private static int saturatedSum(int a, int b) {
    return (int) Math.min(Integer.MAX_VALUE, (long) a + b);
  }

  /** How many messages from the grid were dropped since start. */
  long rejectedMessages() {
    return messageRejections.total();
  }

  /** How many times a report on the grid was dropped since start (each read counts). */
  long rejectedReports() {
    return reportRejections.total();
  }

  int remoteClientCount() {
    return others.clients();
  }

  int remoteMemberCount(String room) {
    return others.rooms().getOrDefault(room, 0);
  }

  /**
   * Leaves the grid; never throws, so that the application's undeploy goes on whatever state the
   * grid is in.
   */
  PresenceShare presence() {
    return presence;
  }

  RingHistory history() {
    return history;
  }

  void stop() {
    history.stop();
    reporter.shutdownNow();
    try {
      // A report still running could otherwise race the shutdown below: a Hazelcast client
      // hands the failure of a proxy it was creating to whoever shuts it down.
      reporter.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (topic != null) {
        topic.removeMessageListener(listener);
        nodes.delete(node.nodeId()); // the others' counts drop at their next read, not after a TTL
        presence.stop();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: leaving the grid failed", e);
    }
    UUID watching = lifecycleListener;
    if (watching != null) {
      try {
        grid.instance().getLifecycleService().removeLifecycleListener(watching);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: no longer following the instance failed", e);
      }
    }
    if (grid.owned()) {
      try {
        grid.instance().shutdown();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "candy-ws: shutting down its Hazelcast instance failed", e);
      }
    }
  }
}
