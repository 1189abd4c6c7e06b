package dev.candypack.ws;

import java.util.Set;

/**
 * A room: a named group of connections to send to at once.
 *
 * <pre>{@code
 * ws.to("lobby").send(Map.of("type", "chat", "message", "hi"));   // every member, sender included
 * server.room("lobby").members().size();
 * }</pre>
 *
 * <p>A message to a room is encoded once, then queued on each member's connection; a member that
 * reads slowly never delays the others.
 */
public interface CandyRoom {

  /**
   * The room's name.
   *
   * @return the name
   */
  String name();

  /**
   * Sends a message to every member, as {@link CandySocket#send(Object)} does.
   *
   * @param message the message
   */
  void send(Object message);

  /**
   * Sends a binary frame to every member.
   *
   * @param data the bytes; the array must not be changed afterwards
   */
  void sendBinary(byte[] data);

  /**
   * The room's members on this server.
   *
   * @return an unmodifiable snapshot; empty when the room does not exist
   */
  Set<CandySocket> members();
}
