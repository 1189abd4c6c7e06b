package dev.candypack.ws.tck.lifecycle;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How many {@link Helper}s CDI has destroyed so far, as {@code {"destroyed": n}}. */
@WebServlet("/stats")
public class LifecycleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.getWriter().write("{\"destroyed\":" + Helper.DESTROYED.get() + "}");
  }
}
