package dev.candypack.ws.example;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;

/** Request-reply: the browser client's {@code ws.request(data)} and the route's answers. */
@ApplicationScoped
public class RpcRoutes {

  /**
   * {@code /rpc}: answers {@code {"op":"add","a":A,"b":B}} with A + B, and {@code
   * {"op":"ask","question":Q}} with what the client answers when the route asks it Q in turn (5 s
   * at most); any other request gets the error reply {@code Request handler failed}.
   *
   * @param ws the connection
   */
  @CandyRoute("/rpc")
  void rpc(CandySocket ws) {
    ws.onRequest(
        req ->
            switch (String.valueOf(req.get("op"))) {
              case "add" -> number(req, "a").add(number(req, "b"));
              case "ask" ->
                  ws.request(req.get("question"), Duration.ofSeconds(5))
                      .thenApply(CandyMessage::data);
              default -> throw new IllegalArgumentException("unknown op: " + req.get("op"));
            });
  }

  private static BigDecimal number(CandyMessage req, String key) {
    if (req.get(key) instanceof BigDecimal number) {
      return number;
    }
    throw new IllegalArgumentException(key + " is not a number");
  }
}
