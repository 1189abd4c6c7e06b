package dev.candypack.ws.tck.gate;

import dev.candypack.ws.CandyServer;
import dev.candypack.ws.impl.gate.ConnectionSlots;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /stats}: {@code {"slots":n,"addresses":a,"clients":c}}, the slots held under the
 * connection caps (read from the context attribute candy-ws leaves for tests), the addresses that
 * hold one, and the open connections.
 */
@WebServlet("/stats")
public class GateStatsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient CandyServer server;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ConnectionSlots slots =
        (ConnectionSlots) getServletContext().getAttribute(ConnectionSlots.class.getName());
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            "{\"slots\":"
                + slots.inUse()
                + ",\"addresses\":"
                + slots.addresses()
                + ",\"clients\":"
                + server.clientCount()
                + "}");
  }
}
