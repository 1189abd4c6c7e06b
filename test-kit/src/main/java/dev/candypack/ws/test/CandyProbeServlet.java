package dev.candypack.ws.test;

import dev.candypack.ws.CandyServer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The probe that {@link CandyWar#addProbe} puts in a test WAR: the application's injectable {@link
 * CandyServer} over HTTP, for {@link CandyApp}. {@code GET ?room=r} answers {@code
 * {"clients":n,"room":"r","members":m}}; {@code POST ?room=r} sends the request's body to the room,
 * {@code POST} without a room to every connection. Not for production WARs: it answers anyone.
 */
@WebServlet("/" + CandyApp.PROBE)
public class CandyProbeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Created by the servlet container. */
  public CandyProbeServlet() {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(ProbeReport.of(server(), request.getParameter("room")).toString());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String room = request.getParameter("room");
    if (room != null) {
      server().toRoom(room, text);
    } else {
      server().broadcast(text);
    }
    response.setContentType("application/json");
    response.getWriter().write("{\"sent\":true}");
  }

  private static CandyServer server() {
    return CDI.current().select(CandyServer.class).get();
  }
}
