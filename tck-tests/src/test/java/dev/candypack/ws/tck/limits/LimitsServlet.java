package dev.candypack.ws.tck.limits;

import dev.candypack.ws.CandyCsrf;
import dev.candypack.ws.CandyServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /limits?what=token} answers the session's CSRF token; {@code what=state} answers
 * {@code clients members guardRuns heapBytes}; {@code what=closes} and {@code what=empty-closes}
 * the close codes the members of the rooms {@code flood} and {@code empty} saw; {@code what=open}
 * finishes the waiting handlers of {@code /held}.
 */
@WebServlet("/limits")
public class LimitsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient CandyCsrf csrf;
  @Inject transient CandyServer server;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    if ("token".equals(request.getParameter("what"))) {
      response.getWriter().write(csrf.token());
      return;
    }
    if ("closes".equals(request.getParameter("what"))) {
      response.getWriter().write(LimitRoutes.FLOOD_CLOSES.toString());
      return;
    }
    if ("empty-closes".equals(request.getParameter("what"))) {
      response.getWriter().write(LimitRoutes.EMPTY_CLOSES.toString());
      return;
    }
    if ("open".equals(request.getParameter("what"))) {
      LimitRoutes.finishHeld();
      response.getWriter().write("opened");
      return;
    }
    long heap = 0;
    if (request.getParameter("heap") != null) {
      System.gc();
      System.gc();
      heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
    String room = request.getParameter("room");
    response
        .getWriter()
        .write(
            server.clientCount()
                + " "
                + (room == null ? 0 : server.room(room).members().size())
                + " "
                + CountingGuard.RUNS.get()
                + " "
                + heap);
  }
}
