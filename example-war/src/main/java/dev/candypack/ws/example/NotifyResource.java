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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** HTTP endpoints that reach WebSocket clients through the injected {@link CandyServer}. */
@Path("/")
@RequestScoped
public class NotifyResource {

  @Inject CandyServer server;

  static String roomOf(String user) {
    return "user-" + user;
  }

  /**
   * {@code POST /api/notify/{user}} with {@code {"message": M}}: every open {@code /notifications}
   * socket of that user gets {@code {"type":"notification","message":M}}.
   *
   * @param user the user's name
   * @param body the request body
   * @return how many sockets the notification went to
   */
  @POST
  @Path("notify/{user}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> notify(@PathParam("user") String user, Map<String, Object> body) {
    if (body == null || !body.containsKey("message")) {
      throw new BadRequestException("expected {\"message\": …}");
    }
    var room = server.room(roomOf(user));
    int sockets = room.members().size();
    room.send(Json.object("type", "notification", "message", body.get("message")));
    return Json.object("delivered", sockets);
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
