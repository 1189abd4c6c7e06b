package dev.candypack.ws.impl.observe;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;

/**
 * Listens to the lifecycle of an application's connections. Called on the connection's own thread,
 * so an observer must be quick; an exception it throws is logged and ignored. For each socket,
 * {@link #opened} comes first and {@link #closed} last, and only sockets that opened close here;
 * joins and leaves come in between.
 */
public interface ConnectionObserver {

  /**
   * A socket opened: its route's handler finished.
   *
   * @param route the route's template
   * @param socket the socket
   */
  default void opened(String route, CandySocket socket) {}

  /**
   * A socket that opened has closed.
   *
   * @param route the route's template
   * @param socket the socket
   * @param status the close code and reason
   */
  default void closed(String route, CandySocket socket, CloseStatus status) {}

  /**
   * A socket joined a room.
   *
   * @param route the route's template
   * @param socket the socket
   * @param room the room
   */
  default void joined(String route, CandySocket socket, String room) {}

  /**
   * A socket left a room, by itself or because it closed.
   *
   * @param route the route's template
   * @param socket the socket
   * @param room the room
   */
  default void left(String route, CandySocket socket, String room) {}

  /**
   * A handshake was refused.
   *
   * @param route the route's template
   * @param reason why
   */
  default void refused(String route, Reason reason) {}
}
