package dev.candypack.ws.event;

import dev.candypack.ws.CandySocket;
import java.util.Objects;

/**
 * A socket joined a room. The rooms its route's handler joined come right after {@link
 * CandyOpened}; later joins as they happen.
 *
 * <pre>{@code
 * void joined(@Observes @CandyRoute("/room/{roomId}") CandyJoined e) {
 *   e.socket().to(e.room()).send(Map.of("type", "joined", "id", e.socket().id()));
 * }
 * }</pre>
 *
 * @param route the route's template
 * @param socket the socket
 * @param room the room
 */
public record CandyJoined(String route, CandySocket socket, String room) {

  /**
   * Creates the event.
   *
   * @param route the route's template
   * @param socket the socket
   * @param room the room
   */
  public CandyJoined {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(room, "room");
  }
}
