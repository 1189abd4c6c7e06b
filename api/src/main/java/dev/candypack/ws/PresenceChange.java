package dev.candypack.ws;

import java.util.Objects;

/**
 * A user came into a room or went out of it, across every node of the cluster: {@link #joined()}
 * when the user's first socket entered the room ({@link CandySocket#enter(String, String)}), left
 * when the last one went, closed, or was on a node that died.
 *
 * <pre>{@code
 * ws.onPresence(room, change -> ws.send(Map.of(
 *     "type", change.joined() ? "joined" : "left", "userId", change.user())));
 * }</pre>
 *
 * @param room the room
 * @param user the user
 * @param joined {@code true} when the user came in, {@code false} when the user went
 */
public record PresenceChange(String room, String user, boolean joined) {

  /**
   * Checks the change is whole.
   *
   * @param room the room
   * @param user the user
   * @param joined whether the user came in
   * @throws NullPointerException when the room or the user is missing
   */
  public PresenceChange {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(user, "user");
  }
}
