package dev.candypack.ws.tck.gate;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** Routes for the handshake gate's tests. */
@ApplicationScoped
public class GateRoutes {

  /** Says hello, then echoes. */
  @CandyRoute("/echo")
  void echo(CandySocket ws) {
    ws.send("hello");
    ws.onMessage(m -> ws.send(m.text()));
  }

  /** Only for authenticated users: without one, the handshake ends in a 4001 close. */
  @CandyRoute(value = "/members", authenticated = true)
  void members(CandySocket ws) {
    ws.send("never without a user");
  }
}
