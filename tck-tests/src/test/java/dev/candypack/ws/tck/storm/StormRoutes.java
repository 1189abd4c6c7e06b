package dev.candypack.ws.tck.storm;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routes that refuse every client, one for each way a server-side close can follow a handshake: the
 * handshake's own check, a guard, a handler that fails, and a handler that closes at once.
 */
@ApplicationScoped
public class StormRoutes {

  /** Refused by the handshake check: nobody is authenticated in this WAR. */
  @CandyRoute(value = "/storm/members", authenticated = true)
  void members(CandySocket ws) {
    ws.send("never");
  }

  /** Refused by its guard. */
  @CandyRoute(value = "/storm/guarded", guards = Refuse.class)
  void guarded(CandySocket ws) {
    ws.send("never");
  }

  /** Its handler fails: 1011. */
  @CandyRoute("/storm/failing")
  void failing(CandySocket ws) {
    throw new IllegalStateException("this route always fails");
  }

  /** Sends one message and closes at once, while opening. */
  @CandyRoute("/storm/closing")
  void closing(CandySocket ws, Candy candy) {
    ws.send("bye");
    ws.close(CloseStatus.NORMAL, "Closing at once");
  }

  /** A guard that refuses everyone. */
  @ApplicationScoped
  public static class Refuse implements CandyGuard {
    @Override
    public boolean allow(Candy candy) {
      return false;
    }
  }
}
