package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.hazelcast.HazelcastRelayTest.StubNode;
import dev.candypack.ws.spi.RelayMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid going away under a node that reaches it as a Hazelcast client, and coming back: the node
 * keeps publishing without blocking or throwing (its own sockets are served as ever), says so once,
 * and is heard again once a member is back. Its {@link HazelcastRelay#outage()}, which the
 * readiness check reports, says so while the grid is gone.
 */
class GridOutageTest {

  @Test
  void aNodeWhoseGridGoesAwayNeverBlocksWarnsOnceAndIsHeardAgainWhenItIsBack(@TempDir Path dir)
      throws Exception {
    String cluster = "candy-ws-outage-" + UUID.randomUUID();
    int port = HazelcastRelayTest.freePort();
    Path memberConfig =
        HazelcastRelayTest.member(dir, "member.xml", cluster, port, "127.0.0.1:" + port);
    Path clientConfig = HazelcastRelayTest.client(dir, cluster, port);
    StubNode grid = new StubNode(HazelcastRelayTest.settings(memberConfig));
    StubNode node = new StubNode(HazelcastRelayTest.clientSettings(clientConfig));
    HazelcastRelay member = started(grid);
    HazelcastRelay client = started(node);
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(HazelcastLink.class.getName());
    Handler capture = capture(warnings);
    log.addHandler(capture);
    try {
      HazelcastRelayTest.heard(client, node, grid, "before the outage");
      assertEquals(Optional.empty(), client.outage(), "connected: ready");
      assertEquals(Optional.empty(), member.outage());

      member.stop(); // the grid's only member: the grid is gone
      HazelcastRelayTest.await(() -> client.outage().isPresent(), "the client tells it is cut off");
      assertEquals(
          Optional.of("the Hazelcast client is disconnected from the grid"), client.outage());
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
              client.publish(RelayMessage.toRoom(node.id, "r", "{\"n\":" + i + "}"));
            }
            System.out.printf(
                "1,000 publishes with the grid gone returned in %.1f ms%n",
                (System.nanoTime() - start) / 1e6);
          },
          "publishing while the grid is gone never blocks the sender");
      HazelcastRelayTest.await(() -> !warnings.isEmpty(), "the outage is logged");
      assertEquals(
          1, warnings.size(), "once per outage, not once per message: " + messages(warnings));

      StubNode restarted = new StubNode(HazelcastRelayTest.settings(memberConfig));
      HazelcastRelay back = started(restarted);
      try {
        HazelcastRelayTest.heard(client, node, restarted, "after the grid is back");
        HazelcastRelayTest.await(() -> client.outage().isEmpty(), "the client is ready again");
      } finally {
        back.stop();
      }
    } finally {
      log.removeHandler(capture);
      client.stop();
      member.stop();
    }
  }

  private static HazelcastRelay started(StubNode node) {
    HazelcastRelay relay = new HazelcastRelay();
    assertTrue(relay.start(node));
    return relay;
  }

  private static Handler capture(List<LogRecord> warnings) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()
            && record.getMessage().contains("unreachable")) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private static List<String> messages(List<LogRecord> records) {
    return records.stream().map(LogRecord::getMessage).toList();
  }
}
