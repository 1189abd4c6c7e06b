package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.observe.RouteMeter;

/**
 * What the registry needs of a connection: an id, its user, a way to queue a frame, and its public
 * face.
 */
public interface RoomMember {

  /**
   * The connection's unique id.
   *
   * @return the id
   */
  String id();

  /**
   * Queues an encoded message on the connection without waiting for the network.
   *
   * @param message the message
   */
  void deliver(OutboundMessage message);

  /**
   * The name of the user the handshake authenticated, whose sends reach this connection.
   *
   * @return the name, or {@code null} for an anonymous connection
   */
  default String user() {
    return null;
  }

  /**
   * Queues an encoded message like {@link #deliver} but leaves counting it to the caller, so that a
   * fan-out to a room counts once per route, not once per member.
   *
   * @param message the message
   * @return the meter to count the message under, or {@code null} when it was not queued (the
   *     connection is closing) or is not counted; by default, {@link #deliver} counts it itself
   */
  default RouteMeter queue(OutboundMessage message) {
    deliver(message);
    return null;
  }

  /**
   * The connection as the application sees it.
   *
   * @return the socket
   */
  CandySocket socket();
}
