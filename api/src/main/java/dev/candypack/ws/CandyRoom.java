package dev.candypack.ws;

import java.util.Set;
import java.util.SortedMap;

/**
 * A room: a named group of connections to send to at once.
 *
 * <pre>{@code
 * ws.to("lobby").send(Map.of("type", "chat", "message", "hi"));   // every member, sender included
 * server.room("lobby").members().size();
 * }</pre>
 *
 * <p>A message to a room is encoded once, then queued on each member's connection; a member that
 * reads slowly never delays the others. When the application runs on several nodes with a cluster
 * relay ({@code candy-ws-hazelcast}), {@link #send(Object)} and {@link #sendBinary(byte[])} reach
 * the room's members on every node, each exactly once.
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

  /**
   * How many members the room has on every node of the cluster: this node's exact count plus what
   * the other nodes last reported (see {@link CandyServer#clusterClientCount()} for how fresh).
   * Without a cluster relay it equals {@code members().size()}.
   *
   * @return the count
   */
  int clusterMemberCount();

  /**
   * Who is in the room on every node: each user that a socket {@link CandySocket#enter(String,
   * String) entered} it as, with how many of the user's sockets are in it. This node's part is
   * exact; with a cluster relay the other nodes' part is what they last shared (at most about two
   * report intervals old, and a node that dies drops out within three).
   *
   * <pre>{@code
   * Set<String> users = server.room("lobby").presence().keySet(); // sorted
   * }</pre>
   *
   * @return an unmodifiable snapshot sorted by user; empty for a room nobody entered as a user
   */
  SortedMap<String, Integer> presence();
}
