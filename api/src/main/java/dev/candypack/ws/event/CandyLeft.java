package dev.candypack.ws.event;

import dev.candypack.ws.CandySocket;
import java.util.Objects;

/**
 * A socket left a room: it {@linkplain CandySocket#leave(String) left} it, or it closed while in it
 * (then this comes before {@link CandyClosed}).
 *
 * <pre>{@code
 * void left(@Observes @CandyRoute("/room/{roomId}") CandyLeft e) {
 *   server.to(e.room()).send(Map.of("type", "left", "id", e.socket().id()));
 * }
 * }</pre>
 *
 * @param route the route's template
 * @param socket the socket
 * @param room the room
 */
public record CandyLeft(String route, CandySocket socket, String room) {

  /**
   * Creates the event.
   *
   * @param route the route's template
   * @param socket the socket
   * @param room the room
   */
  public CandyLeft {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(room, "room");
  }
}
