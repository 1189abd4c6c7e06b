package dev.candypack.ws.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.spi.CandyRelay;
import dev.candypack.ws.spi.RelayContext;
import dev.candypack.ws.spi.RelayMessage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness: the routes are registered and, when clustered, the relay reaches the other nodes. */
class ReadinessStateTest {

  private final CandyRuntime runtime = new CandyRuntime();

  /** A relay whose outage the test sets. */
  static class StubRelay implements CandyRelay {
    volatile Optional<String> outage = Optional.empty();

    @Override
    public boolean start(RelayContext node) {
      return true;
    }

    @Override
    public void publish(RelayMessage message) {}

    @Override
    public int remoteClientCount() {
      return 0;
    }

    @Override
    public int remoteMemberCount(String room) {
      return 0;
    }

    @Override
    public Optional<String> outage() {
      return outage;
    }

    @Override
    public void stop() {}
  }

  @AfterEach
  void stop() {
    runtime.fanout().stop();
    runtime.codec().close();
  }

  @Test
  void downUntilTheRoutesAreRegistered() {
    ReadinessState state = ReadinessState.of(runtime);
    assertFalse(state.up());
    assertEquals("the routes are not registered yet", state.data().get("reason"));

    runtime.serving(3);
    assertEquals(
        new ReadinessState(true, Map.of("routes", 3, "clustered", false)),
        ReadinessState.of(runtime));
  }

  @Test
  void clusteredItFollowsTheRelaysOutage() {
    StubRelay relay = new StubRelay();
    assertTrue(runtime.fanout().start(relay, "/app", key -> Optional.empty(), 1024));
    runtime.serving(1);
    assertEquals(
        new ReadinessState(true, Map.of("routes", 1, "clustered", true)),
        ReadinessState.of(runtime));

    relay.outage = Optional.of("the Hazelcast instance has shut down");
    assertEquals(
        new ReadinessState(
            false,
            Map.of(
                "routes",
                1,
                "clustered",
                true,
                "reason",
                "cluster relay: the Hazelcast instance has shut down")),
        ReadinessState.of(runtime));

    relay.outage = Optional.empty();
    assertTrue(ReadinessState.of(runtime).up());
  }

  @Test
  void aRelayThatFailsToTellIsDown() {
    StubRelay relay =
        new StubRelay() {
          @Override
          public Optional<String> outage() {
            throw new IllegalStateException("broken");
          }
        };
    runtime.fanout().start(relay, "/app", key -> Optional.empty(), 1024);
    runtime.serving(1);

    ReadinessState state = ReadinessState.of(runtime);
    assertFalse(state.up());
    assertEquals(
        "cluster relay: the relay failed to tell: java.lang.IllegalStateException: broken",
        state.data().get("reason"));
  }
}
