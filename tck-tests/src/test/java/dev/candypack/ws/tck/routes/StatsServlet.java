package dev.candypack.ws.tck.routes;

import dev.candypack.ws.CandyServer;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;

/**
 * The server's state and the server-wide API over plain HTTP, for assertions and to drive {@link
 * CandyServer} from outside a WebSocket route.
 */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject transient CandyServer server;
  @Inject transient Probe probe;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String room = request.getParameter("room");
    String closedId = request.getParameter("closed");
    Map<String, Object> body =
        TestRoutes.json(
            "clients",
            server.clientCount(),
            "clientIds",
            new ArrayList<>(server.clients().keySet()),
            "members",
            room == null ? 0 : server.room(room).members().size(),
            "clusterClients",
            server.clusterClientCount(),
            "clusterMembers",
            room == null ? 0 : server.room(room).clusterMemberCount(),
            "closed",
            closedId == null ? null : probe.closedRuns(closedId),
            "errors",
            closedId == null ? null : probe.errors(closedId),
            "waitingArrivals",
            probe.waitingArrivals());
    write(response, body);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String message = request.getParameter("msg");
    String room = request.getParameter("room");
    if ("arrived".equals(request.getParameter("op"))) {
      probe.arrived();
    } else if (room != null) {
      server.toRoom(room, TestRoutes.json("server", message));
    } else {
      server.broadcast(TestRoutes.json("server", message));
    }
    write(response, TestRoutes.json("ok", true));
  }

  private static void write(HttpServletResponse response, Object body) throws IOException {
    response.setContentType("application/json");
    response.getWriter().write(JSON.toJson(body));
  }
}
