package dev.candypack.ws.event;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import java.util.Objects;

/**
 * A socket that {@linkplain CandyOpened opened} has closed, however it closed: the last event of
 * the socket, after a {@link CandyLeft} for each room it was still in. Its socket sends nothing any
 * more; its {@link CandySocket#id() id} and {@link CandySocket#data() data} are still there.
 *
 * <pre>{@code
 * void closed(@ObservesAsync CandyClosed e) {
 *   if (e.status().code() != CloseStatus.NORMAL) {
 *     log.info(e.route() + ": " + e.socket().id() + " closed with " + e.status());
 *   }
 * }
 * }</pre>
 *
 * @param route the route's template
 * @param socket the socket
 * @param status the close code and reason (1006 when the connection was lost without a close frame)
 */
public record CandyClosed(String route, CandySocket socket, CloseStatus status) {

  /**
   * Creates the event.
   *
   * @param route the route's template
   * @param socket the socket
   * @param status the close status
   */
  public CandyClosed {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(status, "status");
  }
}
