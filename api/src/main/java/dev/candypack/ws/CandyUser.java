package dev.candypack.ws;

import java.util.Set;

/**
 * An authenticated user's open connections: every socket whose handshake the container
 * authenticated as that user, on every route, without the application keeping rooms for it
 * (Spring's {@code convertAndSendToUser}, OmniFaces' user push).
 *
 * <pre>{@code
 * @Inject CandyServer server;
 *
 * server.toUser("alice", Map.of("type", "direct", "message", "hi"));   // every node of the cluster
 * server.toUser("alice").sendBinary(thumbnail);
 * int here = server.user("alice").count();                             // this node only
 * }</pre>
 *
 * <p>The user is the name of the handshake's principal ({@code candy.auth().user().getName()});
 * anonymous connections belong to no user. A connection belongs to its user from the time it opens
 * until it closes. Like a room's, a message to a user is encoded once and queued on each socket;
 * with a cluster relay ({@code candy-ws-hazelcast}) {@link #send(Object)} and {@link
 * #sendBinary(byte[])} reach the user's sockets on every node, each exactly once. A user with no
 * open socket anywhere simply receives nothing.
 */
public interface CandyUser {

  /**
   * The user's name.
   *
   * @return the name, as the container's principal gives it
   */
  String name();

  /**
   * Sends a message to every open socket of the user, as {@link CandySocket#send(Object)} does.
   *
   * @param message the message, encoded once
   */
  void send(Object message);

  /**
   * Sends a binary frame to every open socket of the user.
   *
   * @param data the bytes; the array must not be changed afterwards
   */
  void sendBinary(byte[] data);

  /**
   * The user's open sockets on this node.
   *
   * @return an unmodifiable snapshot; empty when the user has none here
   */
  Set<CandySocket> sockets();

  /**
   * How many open sockets the user has on this node.
   *
   * @return the count
   */
  int count();
}
