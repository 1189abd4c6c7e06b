package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;

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
   * The connection as the application sees it.
   *
   * @return the socket
   */
  CandySocket socket();
}
