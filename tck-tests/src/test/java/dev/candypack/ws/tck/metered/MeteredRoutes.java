package dev.candypack.ws.tck.metered;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** A route whose traffic the metrics test counts: it echoes text and closes with 4001 on "bye". */
@ApplicationScoped
public class MeteredRoutes {

  /** The close code of "bye". */
  public static final int BYE = 4001;

  @CandyRoute("/metered/{room}")
  void metered(CandySocket ws) {
    ws.onMessage(
        m -> {
          if (m.text().equals("bye")) {
            ws.close(BYE, "bye");
          } else {
            ws.send(m.text());
          }
        });
  }
}
