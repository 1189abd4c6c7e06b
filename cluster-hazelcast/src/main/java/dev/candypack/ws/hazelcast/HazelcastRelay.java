package dev.candypack.ws.hazelcast;

import dev.candypack.ws.spi.CandyRelay;
import dev.candypack.ws.spi.HistoryStore;
import dev.candypack.ws.spi.PresenceRelay;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import jakarta.enterprise.context.Dependent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * The Hazelcast relay: rooms and broadcasts reach every node that serves the application. Off until
 * {@code candy.ws.cluster=hazelcast}; then it uses, in this order, a running {@code
 * HazelcastInstance} CDI bean (Payara's data grid, or one the application produces), the server's
 * data grid ({@code payara/Hazelcast} over JNDI), a client from {@code
 * candy.ws.hazelcast.client-config}, or an embedded member of its own ({@code
 * candy.ws.hazelcast.config}, or Hazelcast's usual lookup of {@code hazelcast.xml}). With {@code
 * candy.ws.cluster.secret} it signs what it writes and drops what another secret, or none, wrote.
 * It also shares presence ({@link PresenceShare}) and keeps the history rooms' messages in
 * ringbuffers ({@link RingHistory}).
 *
 * <p>This class names no Hazelcast type, so that a WAR without Hazelcast (the relay switched off)
 * still deploys.
 */
@Dependent
public class HazelcastRelay implements CandyRelay, PresenceRelay, HistoryStore {

  /** The setting that turns clustering on: {@code candy.ws.cluster=hazelcast}. */
  public static final String SWITCH = "candy.ws.cluster";

  /** How often each node reports its counts, in milliseconds; 1000 by default. */
  public static final String REPORT_INTERVAL = "candy.ws.cluster.report-interval-ms";

  private static final Logger LOG = Logger.getLogger(HazelcastRelay.class.getName());

  private volatile HazelcastLink link;

  @Override
  public boolean start(RelayContext node) {
    String mode = node.setting(SWITCH);
    if (mode == null || mode.isBlank() || mode.trim().equalsIgnoreCase("off")) {
      LOG.fine("candy-ws: candy.ws.cluster is not set; rooms and broadcasts stay on this node");
      return false;
    }
    if (!mode.trim().equalsIgnoreCase("hazelcast")) {
      throw new IllegalStateException(
          "candy-ws: " + SWITCH + " = '" + mode + "'; this relay knows 'hazelcast' and 'off'");
    }
    long interval = interval(node.setting(REPORT_INTERVAL));
    try {
      Class.forName(
          "com.hazelcast.core.HazelcastInstance", false, HazelcastRelay.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "candy-ws: "
              + SWITCH
              + "=hazelcast, but Hazelcast is not on the class path: add com.hazelcast:hazelcast",
          e);
    }
    Seal seal = seal(node);
    Grid grid = Grid.find(node);
    link = new HazelcastLink(grid, node, interval, seal);
    LOG.info(
        () ->
            "candy-ws: clustering "
                + node.application()
                + " over "
                + grid.description()
                + ", node "
                + node.nodeId()
                + (seal.signs()
                    ? "; messages and reports signed with " + Seal.SECRET
                    : "; messages and reports NOT signed"));
    return true;
  }

  /**
   * Signs with the application's secret. Without one the relay still runs, as it did before the
   * setting existed, but says once that anyone who reaches the grid can write to every room.
   */
  private static Seal seal(RelayContext node) {
    String secret = node.setting(Seal.SECRET);
    if (secret == null || secret.isBlank()) {
      LOG.warning(
          "candy-ws: "
              + Seal.SECRET
              + " is not set, so nothing on the grid is signed: anyone who can reach the grid can"
              + " send to every room of "
              + node.application()
              + " and skew its counts. Set the same secret (at least "
              + Seal.MIN_SECRET_BYTES
              + " bytes) on every node, and keep the grid private: signing does not hide what"
              + " travels on it.");
      return Seal.unsigned(node.application());
    }
    return Seal.signed(secret, node.application());
  }

  /** How many messages from the grid were dropped since start; for tests. */
  long rejectedMessages() {
    HazelcastLink current = link;
    return current == null ? 0 : current.rejectedMessages();
  }

  /** How many times a report on the grid was dropped since start; for tests. */
  long rejectedReports() {
    HazelcastLink current = link;
    return current == null ? 0 : current.rejectedReports();
  }

  private static long interval(String value) {
    if (value == null || value.isBlank()) {
      return 1000;
    }
    try {
      long interval = Long.parseLong(value.trim());
      if (interval >= 10) {
        return interval;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "candy-ws: " + REPORT_INTERVAL + " = '" + value + "' is not a whole number of ms >= 10");
  }

  @Override
  public void publish(RelayMessage message) {
    HazelcastLink current = link;
    if (current != null) {
      current.publish(message);
    }
  }

  @Override
  public int remoteClientCount() {
    HazelcastLink current = link;
    return current == null ? 0 : current.remoteClientCount();
  }

  @Override
  public int remoteMemberCount(String room) {
    HazelcastLink current = link;
    return current == null ? 0 : current.remoteMemberCount(room);
  }

  /**
   * Why the grid cannot be reached: the Hazelcast client is disconnected, the instance has shut
   * down (Payara's data grid among them), or the grid was never reached since start.
   */
  @Override
  public Optional<String> outage() {
    HazelcastLink current = link;
    return current == null ? Optional.empty() : current.outage();
  }

  @Override
  public void presenceChanged() {
    HazelcastLink current = link;
    if (current != null) {
      current.presence().changed();
    }
  }

  @Override
  public Map<String, Integer> remotePresence(String room) {
    HazelcastLink current = link;
    return current == null ? Map.of() : current.presence().remote(room);
  }

  @Override
  public void append(String room, Limits limits, String text) {
    HazelcastLink current = link;
    if (current != null) {
      current.history().append(room, limits, text);
    }
  }

  @Override
  public void follow(String room, Limits limits, Follower follower) {
    HazelcastLink current = link;
    if (current == null) {
      follower.started(-1);
    } else {
      current.history().follow(room, limits, follower);
    }
  }

  @Override
  public void unfollow(String room) {
    HazelcastLink current = link;
    if (current != null) {
      current.history().unfollow(room);
    }
  }

  @Override
  public CompletionStage<List<Entry>> read(String room, Limits limits, long from, long to) {
    HazelcastLink current = link;
    return current == null
        ? CompletableFuture.completedFuture(List.of())
        : current.history().read(room, limits, from, to);
  }

  @Override
  public void stop() {
    HazelcastLink current = link;
    link = null;
    if (current != null) {
      current.stop();
    }
  }
}
