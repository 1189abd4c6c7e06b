package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.candypack.ws.hazelcast.HazelcastRelayTest.StubNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member whose Hazelcast instance shuts down under it (a server's data grid going away): the
 * relay says why, which the readiness check reports as DOWN.
 */
class RelayOutageTest {

  @Test
  void aMemberWhoseInstanceShutsDownTellsWhy(@TempDir Path dir) throws Exception {
    String cluster = "candy-ws-lost-" + UUID.randomUUID();
    int port = HazelcastRelayTest.freePort();
    Path config = HazelcastRelayTest.member(dir, "member.xml", cluster, port, "127.0.0.1:" + port);
    HazelcastRelay relay = new HazelcastRelay();
    assertTrue(relay.start(new StubNode(HazelcastRelayTest.settings(config))));
    try {
      HazelcastRelayTest.await(() -> relay.outage().isEmpty(), "the member is ready");

      HazelcastInstance instance =
          Hazelcast.getAllHazelcastInstances().stream()
              .filter(member -> member.getConfig().getClusterName().equals(cluster))
              .findFirst()
              .orElseThrow();
      instance.shutdown();

      assertEquals(Optional.of("the Hazelcast instance has shut down"), relay.outage());
    } finally {
      relay.stop();
    }
  }
}
