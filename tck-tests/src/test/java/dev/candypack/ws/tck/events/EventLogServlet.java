package dev.candypack.ws.tck.events;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** What the {@link EventLog}'s observers have seen, as {@code {"watched": [...], ...}}. */
@WebServlet("/stats")
public class EventLogServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient EventLog log;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("watched", array(log.watched()))
                .add("all", array(log.all()))
                .add("async", array(log.async()))
                .build()
                .toString());
  }

  private static JsonArrayBuilder array(List<String> events) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    events.forEach(array::add);
    return array;
  }
}
