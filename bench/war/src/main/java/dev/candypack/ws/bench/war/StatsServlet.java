package dev.candypack.ws.bench.war;

import dev.candypack.ws.CandyServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * {@code GET /stats}: the open candy-ws connections, the members of the raw rooms and the heap in
 * use; {@code ?gc=true} collects the garbage first, several times, so that the heap figure is what
 * is live. The load driver reads it to measure heap bytes per connection.
 */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject private transient CandyServer server;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    if (Boolean.parseBoolean(request.getParameter("gc"))) {
      long previous = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        memory.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        if (Math.abs(previous - used) < 64 * 1024) {
          break;
        }
        previous = used;
      }
    }
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            "{\"candy\":"
                + server.clientCount()
                + ",\"rawEcho\":"
                + RawEcho.open()
                + ",\"rawRoom\":"
                + RawRoom.members()
                + ",\"heapUsed\":"
                + memory.getHeapMemoryUsage().getUsed()
                + "}");
  }
}
