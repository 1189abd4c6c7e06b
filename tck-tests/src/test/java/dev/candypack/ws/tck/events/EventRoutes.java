package dev.candypack.ws.tck.events;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Routes whose lifecycle {@link EventLog} records. Each sends its socket's id first. */
@ApplicationScoped
public class EventRoutes {

  /** Joins {@code lobby}; {@code join x} and {@code leave x} join and leave a room, then answer. */
  @CandyRoute("/watched")
  void watched(CandySocket ws) {
    ws.send(Map.of("id", ws.id()));
    ws.join("lobby");
    ws.onMessage(
        m -> {
          String text = m.text();
          if (text.startsWith("join ")) {
            ws.join(text.substring(5));
          } else if (text.startsWith("leave ")) {
            ws.leave(text.substring(6));
          }
          ws.send("ok:" + text);
        });
  }

  /** A route the route-qualified observers of {@code /watched} must not see. */
  @CandyRoute("/other")
  void other(CandySocket ws) {
    ws.send(Map.of("id", ws.id()));
    ws.join("lobby");
  }

  /** A route whose observer of {@code CandyOpened} throws; it echoes. */
  @CandyRoute("/throwing")
  void throwing(CandySocket ws) {
    ws.send(Map.of("id", ws.id()));
    ws.onMessage(m -> ws.send("ok:" + m.text()));
  }

  /** Only for authenticated users, and this WAR has none: refused with 4001. */
  @CandyRoute(value = "/locked", authenticated = true)
  void locked(CandySocket ws) {
    ws.send("never");
  }

  /** Its guard refuses everyone: refused with 4003. */
  @CandyRoute(value = "/guarded", guards = NoEntry.class)
  void guarded(CandySocket ws) {
    ws.send("never");
  }
}
