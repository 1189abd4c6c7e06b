package dev.candypack.ws.example;

import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/**
 * Delivery that survives reconnects and nodes: who is in a room ({@code /presence}), and a feed a
 * client that comes back catches up on ({@code /feed}), on one node or across a cluster.
 */
@ApplicationScoped
public class DeliveryRoutes {

  /**
   * The room that {@code /presence/{roomId}/…} sockets enter; also what {@code GET
   * /api/rooms/{roomId}/users} lists.
   *
   * @param roomId the room's id in the URL
   * @return the room's name
   */
  static String presenceRoom(String roomId) {
    return "presence/" + roomId;
  }

  /**
   * {@code /presence/{roomId}/user/{userId}}: enters the room as the user; the socket first gets
   * {@code {"type":"members","roomId":R,"users":[…]}} (every user in the room on every node,
   * sorted, itself included), then {@code {"type":"joined","userId":U}} and {@code
   * {"type":"left","userId":U}} as users come and go on any node.
   *
   * @return the route's handler
   */
  @Produces
  @CandyRoute("/presence/{roomId}/user/{userId}")
  CandyHandler presence() {
    return (ws, candy) -> {
      String roomId = candy.request().url("roomId");
      String room = presenceRoom(roomId);
      ws.enter(room, candy.request().url("userId"));
      // The list goes out before any change: changes that come meanwhile wait for it.
      Object order = new Object();
      synchronized (order) {
        ws.onPresence(
            room,
            change -> {
              synchronized (order) {
                ws.send(
                    Json.object(
                        "type", change.joined() ? "joined" : "left", "userId", change.user()));
              }
            });
        List<String> users = List.copyOf(candy.server().room(room).presence().keySet());
        ws.send(Json.object("type", "members", "roomId", roomId, "users", users));
      }
    };
  }

  /**
   * {@code /feed/{roomId}?since=N}: each {@code {"text":T}} reaches every member of the feed, the
   * sender included, as {@code {"type":"message","text":T,"offset":O}}. A socket that connects with
   * {@code since=N} first receives every message after offset N that the feed still holds (its last
   * 100), in order, then the live ones; when the feed no longer holds them all it first gets {@code
   * {"type":"reset","roomId":"feed/R","since":N,"oldest":O}}. Without {@code since}, only live
   * messages.
   *
   * @return the route's handler
   */
  @Produces
  @CandyRoute("/feed/{roomId}")
  CandyHandler feed() {
    return (ws, candy) -> {
      String room = "feed/" + candy.request().url("roomId");
      String since = candy.request().params().get("since");
      if (since == null) {
        ws.join(room);
      } else {
        try {
          ws.join(room, Long.parseLong(since));
        } catch (NumberFormatException e) {
          ws.close(CloseStatus.POLICY_VIOLATION, "since is not a whole number");
          return;
        }
      }
      ws.onMessage(
          data -> ws.to(room).send(Json.object("type", "message", "text", data.get("text"))));
    };
  }
}
