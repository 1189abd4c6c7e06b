package dev.candypack.ws.example;

import dev.candypack.ws.CandyServer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** HTTP endpoints that reach WebSocket clients through the injected {@link CandyServer}. */
@Path("/")
@RequestScoped
public class NotifyResource {

  @Inject CandyServer server;
  @Inject Notifications notifications;

  static String roomOf(String user) {
    return "user-" + user;
  }

  /**
   * {@code POST /api/notify/{user}} with {@code {"message": M}}: logs the notification and sends it
   * in one transaction; once it commits, every open {@code /notifications} socket of that user gets
   * {@code {"type":"notification","message":M}}. With {@code ?rollback=true} the transaction rolls
   * back after the send: the answer is 409 and no socket gets anything.
   *
   * @param user the user's name
   * @param rollback whether to roll the transaction back
   * @param body the request body
   * @return {@code {"delivered": sockets, "logged": n}}: how many sockets it went to and how many
   *     notifications the user has had; 409 with {@code "delivered": 0} when rolled back
   */
  @POST
  @Path("notify/{user}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response notify(
      @PathParam("user") String user,
      @QueryParam("rollback") boolean rollback,
      Map<String, Object> body) {
    Object message = message(body);
    int sockets = server.room(roomOf(user)).members().size();
    try {
      int logged = notifications.notify(user, message, rollback);
      return Response.ok(Json.object("delivered", sockets, "logged", logged)).build();
    } catch (Notifications.Cancelled cancelled) {
      return Response.status(Response.Status.CONFLICT)
          .entity(Json.object("delivered", 0, "error", cancelled.getMessage()))
          .build();
    }
  }

  /**
   * {@code POST /api/users/{user}/messages} with {@code {"message": M}}: every open socket of that
   * user, on any route ({@code /secure}, {@code /notifications}) and any node, gets {@code
   * {"type":"direct","message":M}}, with no room involved.
   *
   * @param user the user's name
   * @param body the request body
   * @return {@code {"sockets": n}}: how many of the user's sockets are open on this node
   */
  @POST
  @Path("users/{user}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> toUser(@PathParam("user") String user, Map<String, Object> body) {
    Object message = message(body);
    server.toUser(user, Json.object("type", "direct", "message", message));
    return Json.object("sockets", server.user(user).count());
  }

  private static Object message(Map<String, Object> body) {
    if (body == null || !body.containsKey("message")) {
      throw new BadRequestException("expected {\"message\": …}");
    }
    return body.get("message");
  }

  /**
   * {@code GET /api/clients}: how many WebSocket connections are open, on this node and on every
   * node of the cluster (the same number without a cluster).
   *
   * @return {@code {"count": n, "cluster": m}}
   */
  @GET
  @Path("clients")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> clients() {
    return Json.object("count", server.clientCount(), "cluster", server.clusterClientCount());
  }

  /**
   * {@code GET /api/rooms/{roomId}/users}: who is in a {@code /presence} room, on every node.
   *
   * @param roomId the room's id
   * @return {@code {"users": [sorted user ids]}}
   */
  @GET
  @Path("rooms/{roomId}/users")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> users(@PathParam("roomId") String roomId) {
    return Json.object(
        "users", List.copyOf(server.room(DeliveryRoutes.presenceRoom(roomId)).presence().keySet()));
  }
}
