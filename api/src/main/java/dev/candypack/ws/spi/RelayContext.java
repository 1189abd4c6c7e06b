package dev.candypack.ws.spi;

import java.util.Map;

/**
 * What a {@link CandyRelay} sees of the node it runs on: an id that tells its messages from other
 * nodes' messages, and the way in for messages from other nodes.
 */
public interface RelayContext {

  /**
   * This node's id, unique in the cluster (a random UUID per start of the application). Put it in
   * {@link RelayMessage#origin()} of what is published, and ignore received messages that carry it.
   *
   * @return the id
   */
  String nodeId();

  /**
   * The application's name, the same on every node that serves it: relays keep the messages of
   * different applications on one grid apart with it. By default the context path ({@code /} for
   * the root); the key {@code candy.ws.cluster.name} overrides it.
   *
   * @return the name
   */
  String application();

  /**
   * Delivers a message from another node to this node's own sockets: the members of its room, the
   * sockets of its user, or every open connection. Never publishes it again. Returns without
   * waiting for the network.
   *
   * @param message the message another node published
   */
  void deliver(RelayMessage message);

  /**
   * How many connections are open on this node, to report to the others.
   *
   * @return the count
   */
  int clientCount();

  /**
   * The rooms that have members on this node and how many, to report to the others.
   *
   * @return a snapshot: room name to member count
   */
  Map<String, Integer> roomSizes();

  /**
   * The largest payload a relayed message may carry, in bytes (UTF-8 for text): the largest message
   * size limit of the application's routes, which is {@code candy.ws.max-message-size} (10 MiB by
   * default) unless a route raises it. candy-ws publishes nothing larger (the message reaches this
   * node's sockets only) and drops anything larger that {@link #deliver} is given; a relay should
   * drop a larger message from the grid before it allocates its payload.
   *
   * <pre>{@code
   * if (payloadLength > node.maxPayloadBytes()) {
   *   return; // never decoded, never delivered
   * }
   * }</pre>
   *
   * @return the limit in bytes
   */
  long maxPayloadBytes();

  /**
   * Reads a setting of the application ({@code candy.ws.*} keys and any other), from MicroProfile
   * Config where the server has it, otherwise from system properties.
   *
   * @param key the key
   * @return the value, or {@code null} when it is not set
   */
  String setting(String key);

  /**
   * Who is in which room on this node, for a {@link PresenceRelay} to share.
   *
   * @return a snapshot: room to user to socket count
   */
  default Map<String, Map<String, Integer>> presence() {
    return Map.of();
  }

  /**
   * Tells this node that another node's presence changed (or a node left), so that sockets that
   * follow a room's presence learn who came and went. Returns at once.
   */
  default void remotePresenceChanged() {}
}
