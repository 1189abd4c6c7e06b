package dev.candypack.ws.impl.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.candypack.ws.PresenceChange;
import dev.candypack.ws.Registration;
import dev.candypack.ws.spi.PresenceRelay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceTest {

  /** The other nodes' presence, as the test sets it. */
  private static final class Remote implements PresenceRelay {
    final Map<String, Map<String, Integer>> rooms = new HashMap<>();
    int shared;

    @Override
    public void presenceChanged() {
      shared++;
    }

    @Override
    public Map<String, Integer> remotePresence(String room) {
      return rooms.getOrDefault(room, Map.of());
    }
  }

  private final Remote remote = new Remote();
  private final Presence presence = new Presence(() -> remote);
  private final List<PresenceChange> told = new ArrayList<>();
  private final Member a1 = new Member("a1");
  private final Member a2 = new Member("a2");
  private final Member b = new Member("b");

  @Test
  void aUserJoinsWithItsFirstSocketAndLeavesWithItsLast() {
    presence.follow("r", b, told::add);
    presence.enter("r", "ann", a1);
    presence.enter("r", "ann", a2);
    assertEquals(Map.of("ann", 2), presence.users("r"));
    presence.left("r", a1);
    assertEquals(List.of(new PresenceChange("r", "ann", true)), told);
    presence.left("r", a2);
    assertEquals(
        List.of(new PresenceChange("r", "ann", true), new PresenceChange("r", "ann", false)), told);
    assertEquals(Map.of(), presence.users("r"));
    assertEquals(2, remote.shared); // the first socket in and the last out
  }

  @Test
  void otherNodesUsersCountAndTheirChangesAreTold() {
    presence.enter("r", "ann", a1);
    remote.rooms.put("r", Map.of("bob", 1, "ann", 3));
    Registration following = presence.follow("r", b, told::add);
    assertEquals(List.of("ann", "bob"), List.copyOf(presence.users("r").keySet()));
    assertEquals(Map.of("ann", 4, "bob", 1), presence.users("r"));
    remote.rooms.put("r", Map.of("cid", 1, "ann", 1));
    presence.remoteChanged(); // bob's node died, cid came
    assertEquals(
        List.of(new PresenceChange("r", "cid", true), new PresenceChange("r", "bob", false)), told);
    presence.left("r", a1); // ann is still on another node
    assertEquals(2, told.size());
    following.remove();
    remote.rooms.clear();
    presence.remoteChanged();
    assertEquals(2, told.size());
  }

  @Test
  void aSocketCountsAsOneUserPerRoomAndStopsFollowingWhenItLeaves() {
    presence.enter("r", "ann", a1);
    presence.enter("r", "ann", a1);
    assertEquals(Map.of("ann", 1), presence.users("r"));
    assertThrows(IllegalArgumentException.class, () -> presence.enter("r", "bob", a1));
    presence.follow("r", b, told::add);
    presence.left("r", b);
    presence.enter("r", "cid", a2);
    assertEquals(List.of(), told);
    presence.left("r", a1);
    presence.left("r", a2);
    assertEquals(0, presence.entries());
    assertEquals(Map.of(), presence.snapshot());
  }

  @Test
  void aFailingHandlerDoesNotStopTheOthers() {
    presence.follow(
        "r",
        a2,
        change -> {
          throw new IllegalStateException("boom");
        });
    presence.follow("r", b, told::add);
    presence.enter("r", "ann", a1);
    assertEquals(List.of(new PresenceChange("r", "ann", true)), told);
  }
}
