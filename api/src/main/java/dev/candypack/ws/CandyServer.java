package dev.candypack.ws;

import java.util.Map;

/**
 * The whole WebSocket server of the application, CandyPack's {@code Candy.Route.wsServer}:
 * injectable anywhere, for example to notify a user's sockets from a JAX-RS resource.
 *
 * <pre>{@code
 * @Path("notify/{user}")
 * public class NotifyResource {
 *   @Inject CandyServer server;
 *
 *   @POST
 *   public void notify(@PathParam("user") String user, Map<String, Object> body) {
 *     server.toRoom("user-" + user, Map.of("type", "notification", "message", body.get("message")));
 *   }
 * }
 * }</pre>
 */
public interface CandyServer {

  /**
   * The open connections of the application, by id.
   *
   * @return an unmodifiable, live view
   */
  Map<String, CandySocket> clients();

  /**
   * How many connections are open.
   *
   * @return the count
   */
  int clientCount();

  /**
   * How many connections are open on every node of the cluster: this node's exact count plus what
   * the other nodes last reported. Without a cluster relay it equals {@link #clientCount()}.
   *
   * <p>How fresh: with {@code candy-ws-hazelcast}, nodes report every second ({@code
   * candy.ws.cluster.report-interval-ms}), so another node's part may be up to about two intervals
   * old, and a node that stops or dies drops out within three intervals.
   *
   * @return the count
   */
  int clusterClientCount();

  /**
   * A room, to send to its members or list them.
   *
   * @param room the room's name
   * @return the room (which may have no members)
   */
  CandyRoom room(String room);

  /**
   * Sends a message to every member of a room, on every node of the cluster when a relay is on;
   * same as {@code room(room).send(message)}.
   *
   * @param room the room's name
   * @param message the message, encoded once as {@link CandySocket#send(Object)} does
   */
  void toRoom(String room, Object message);

  /**
   * An authenticated user's open sockets, on every route: to send to them or count them.
   *
   * <pre>{@code
   * if (server.user("alice").count() == 0) {
   *   mail.send("alice", "you have a message");   // not connected to this node
   * }
   * }</pre>
   *
   * @param name the user's name, as the container's principal gives it
   * @return the user (who may have no open socket)
   * @throws NullPointerException when the name is {@code null}
   */
  CandyUser user(String name);

  /**
   * The same as {@link #user(String)}, for sends that read as one: {@code
   * server.toUser("alice").sendBinary(bytes)}.
   *
   * @param name the user's name
   * @return the user
   * @throws NullPointerException when the name is {@code null}
   */
  default CandyUser toUser(String name) {
    return user(name);
  }

  /**
   * Sends a message to every open socket of an authenticated user, on every route and, when a relay
   * is on, on every node of the cluster; same as {@code user(name).send(message)}.
   *
   * <pre>{@code
   * server.toUser("alice", Map.of("type", "direct", "message", "Your report is ready"));
   * }</pre>
   *
   * @param name the user's name, as the container's principal gives it
   * @param message the message, encoded once as {@link CandySocket#send(Object)} does
   * @throws NullPointerException when the name is {@code null}
   */
  default void toUser(String name, Object message) {
    user(name).send(message);
  }

  /**
   * Sends a message to every open connection of the application, on every node of the cluster when
   * a relay is on.
   *
   * @param message the message, encoded once as {@link CandySocket#send(Object)} does
   */
  void broadcast(Object message);
}
