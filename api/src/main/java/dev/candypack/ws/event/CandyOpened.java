package dev.candypack.ws.event;

import dev.candypack.ws.CandySocket;
import java.util.Objects;

/**
 * A socket opened: its route's handler has run (an asynchronous handler's stage has completed). The
 * rooms the handler joined follow as {@link CandyJoined} events.
 *
 * <pre>{@code
 * void opened(@Observes @CandyRoute("/chat") CandyOpened e) {
 *   e.socket().send(Map.of("type", "online", "count", server.clients().size()));
 * }
 * }</pre>
 *
 * @param route the route's template, such as {@code /room/{roomId}}
 * @param socket the socket
 */
public record CandyOpened(String route, CandySocket socket) {

  /**
   * Creates the event.
   *
   * @param route the route's template
   * @param socket the socket
   */
  public CandyOpened {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(socket, "socket");
  }
}
