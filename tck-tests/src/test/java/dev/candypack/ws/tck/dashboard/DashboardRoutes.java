package dev.candypack.ws.tck.dashboard;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** What the dashboard test watches: {@code /echo?room=R} joins room R and echoes every message. */
@ApplicationScoped
public class DashboardRoutes {

  /**
   * Joins the room of the query, then echoes.
   *
   * @param ws the connection
   * @param candy the request
   */
  @CandyRoute("/echo")
  void echo(CandySocket ws, Candy candy) {
    ws.join(candy.request().params().getOrDefault("room", "lobby"));
    ws.onMessage(message -> ws.send(message.text()));
  }
}
