package dev.candypack.ws.tck.requests;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.RequestFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Routes that answer requests, ask their clients, and one that never opted in. */
@ApplicationScoped
public class RequestRoutes {

  /**
   * Answers {@code {"op":"add"}} with a + b, {@code "hang"} never (a stage that never completes),
   * {@code "later"} from another thread, and anything else by throwing.
   */
  @CandyRoute("/answer")
  void answer(CandySocket ws) {
    ws.onRequest(
        req ->
            switch (String.valueOf(req.get("op"))) {
              case "add" -> ((BigDecimal) req.get("a")).add((BigDecimal) req.get("b"));
              case "hang" -> new CompletableFuture<>();
              case "later" -> CompletableFuture.supplyAsync(() -> Map.of("done", true));
              default -> throw new IllegalArgumentException("unknown op");
            });
    ws.onError(error -> {}); // the thrown ones are expected
  }

  /**
   * On each message {@code ask <timeout ms>}, asks the client the message's number and tells the
   * room {@code outcomes} (and the client, while it is open) how the request ended: {@code
   * {"asked":n,"reply":…}} or {@code {"asked":n,"failed":"TIMED_OUT"}}.
   */
  @CandyRoute("/ask")
  void ask(CandySocket ws) {
    int[] count = {0};
    ws.onMessage(
        message -> {
          int n = ++count[0];
          long timeout = Long.parseLong(message.text().substring("ask ".length()));
          ws.request(Map.of("n", n), Duration.ofMillis(timeout))
              .whenComplete(
                  (reply, failure) -> {
                    Object outcome =
                        failure == null
                            ? Map.of("asked", n, "reply", String.valueOf(reply.data()))
                            : Map.of("asked", n, "failed", reason(failure));
                    ws.to("outcomes").send(outcome);
                    ws.send(outcome);
                  });
        });
  }

  private static String reason(Throwable failure) {
    return failure instanceof RequestFailedException e ? e.reason().name() : failure.toString();
  }

  /** Joins the room {@code outcomes}: sees how {@code /ask}'s requests ended. */
  @CandyRoute("/outcomes")
  void outcomes(CandySocket ws) {
    ws.join("outcomes");
    ws.send("watching");
  }

  /** A plain route that never opted in: echoes every text as it came. */
  @CandyRoute("/plain")
  void plain(CandySocket ws) {
    ws.onMessage((CandyMessage message) -> ws.send(message.text()));
  }
}
