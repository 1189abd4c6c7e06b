package dev.candypack.ws.tck.routes;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Routes that expose every part of the API to a test client. */
@ApplicationScoped
public class TestRoutes {

  @Inject Probe probe;

  /** A JSON object from alternating keys and values, keeping nulls. */
  static Map<String, Object> json(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** A chat line for the typed handler. */
  public record Chat(String text, int count) {}

  /** Echoes text as raw text, JSON flag and parsed value; echoes binary as binary. */
  @CandyRoute("/echo")
  void echo(CandySocket ws) {
    ws.onMessage(m -> ws.send(json("text", m.text(), "json", m.isJson(), "data", m.data())));
    ws.onBinary(ws::sendBinary);
  }

  /** Binds messages to {@link Chat}; binding errors come back as error messages. */
  @CandyRoute("/typed")
  void typed(CandySocket ws) {
    ws.onMessage(
        Chat.class, chat -> ws.send(new Chat(chat.text().toUpperCase(), chat.count() + 1)));
    ws.onError(e -> ws.send(json("error", e.getClass().getSimpleName())));
  }

  /** A message handler that throws on "boom"; the connection stays open. */
  @CandyRoute("/throwing-message")
  void throwingMessage(CandySocket ws) {
    ws.onMessage(
        m -> {
          if (m.text().equals("boom")) {
            throw new IllegalStateException("boom");
          }
          ws.send("ok:" + m.text());
        });
    ws.onError(e -> ws.send("error:" + e.getMessage()));
  }

  /** A message handler that throws with no error handler: logged, connection open. */
  @CandyRoute("/throwing-unhandled")
  void throwingUnhandled(CandySocket ws) {
    ws.onMessage(
        m -> {
          if (m.text().equals("boom")) {
            throw new IllegalStateException("boom");
          }
          ws.send("ok:" + m.text());
        });
  }

  /** A route handler that throws: the connection closes with 1011. */
  @Produces
  @CandyRoute("/throwing-handler")
  CandyHandler throwingHandler() {
    return (ws, candy) -> {
      ws.send("before the failure");
      throw new IllegalStateException("the handler failed");
    };
  }

  /** An asynchronous handler that registers its message handler late. */
  @Produces
  @CandyRoute("/async")
  AsyncCandyHandler async() {
    return (ws, candy) -> {
      CountDownLatch firstMessageArrived = new CountDownLatch(1);
      probe.onArrival(ws.id(), firstMessageArrived);
      return CompletableFuture.runAsync(
          () -> {
            await(firstMessageArrived);
            ws.onMessage(m -> ws.send("late:" + m.text()));
          });
    };
  }

  /** An asynchronous handler whose stage fails: 1011. */
  @Produces
  @CandyRoute("/async-failing")
  AsyncCandyHandler asyncFailing() {
    return (ws, candy) ->
        CompletableFuture.failedFuture(new IllegalStateException("async failure"));
  }

  /** Reports what the handler sees of the request. */
  @CandyRoute("/info/{a}/{b}")
  void info(CandySocket ws, Candy candy) {
    ws.send(
        json(
            "id", ws.id(),
            "state", ws.state().name(),
            "path", candy.request().path(),
            "params", candy.request().params(),
            "a", candy.request().url("a"),
            "header", candy.request().header("x-candy-test"),
            "authenticated", candy.auth().check(),
            "user", candy.auth().user().map(p -> p.getName()).orElse(null),
            "clients", candy.server().clientCount()));
  }

  /** Reports the handshake headers its handler sees; the guard needs the credentials. */
  @CandyRoute(value = "/headers", guards = CredentialsGuard.class)
  void headers(CandySocket ws, Candy candy) {
    ws.send(headersSeen(candy));
  }

  /** The headers a handler sees: their names, in lower case, and the ones that carry secrets. */
  private static Map<String, Object> headersSeen(Candy candy) {
    return json(
        "names",
        candy.request().headers().keySet().stream().map(String::toLowerCase).sorted().toList(),
        "authorization",
        candy.request().header("authorization"),
        "cookie",
        candy.request().header("cookie"),
        "protocol",
        String.join(
            ", ", candy.request().headers().getOrDefault("sec-websocket-protocol", List.of())),
        "test",
        candy.request().header("x-candy-test"));
  }

  /** On the first message: answers "bye", then closes with the code and reason of the path. */
  @CandyRoute("/close/{code}/{reason}")
  void close(CandySocket ws, Candy candy) {
    // On the first message, not while opening: on Payara Micro 6 a close from the upgrade
    // request's thread can race the container (docs/architecture.md, "Known container issues").
    ws.onMessage(
        m -> {
          ws.send("bye");
          ws.close(Integer.parseInt(candy.request().url("code")), candy.request().url("reason"));
          ws.send("dropped: sent after close");
        });
  }

  /**
   * A command route: each JSON message {@code {"op": …}} calls one method of the connection, so
   * that a test can drive the whole API.
   */
  @CandyRoute("/cmd")
  void command(CandySocket ws, Candy candy) {
    String name = candy.request().url("name");
    if (name != null) {
      ws.data().put("name", name);
    }
    AtomicInteger received = new AtomicInteger();
    ws.onPong(payload -> ws.send(json("event", "pong")));
    ws.onClose(status -> probe.closed(ws.id(), status, ws.rooms()));
    ws.onError(error -> probe.failed(ws.id(), error));
    ws.onMessage(m -> received.incrementAndGet());
    ws.onMessage(
        m -> {
          String room = (String) m.get("room");
          Object message = m.get("msg");
          switch (String.valueOf(m.get("op"))) {
            case "id" -> ws.send(json("id", ws.id()));
            case "off" -> {}
            case "join" -> ws.join(room);
            case "leave" -> ws.leave(room);
            case "rooms" -> ws.send(json("rooms", new ArrayList<>(ws.rooms())));
            case "to" -> ws.to(room).send(message);
            case "to-binary" -> ws.to(room).sendBinary(String.valueOf(message).getBytes());
            case "broadcast" -> ws.broadcast(message);
            case "send-binary" -> ws.sendBinary(String.valueOf(message).getBytes());
            case "ping" -> ws.ping();
            case "put" -> ws.data().put((String) m.get("key"), message);
            case "get" -> ws.send(json("value", ws.data().get((String) m.get("key"))));
            case "count" -> ws.send(json("received", received.get()));
            case "close" -> ws.close(((Number) m.get("code")).intValue(), (String) m.get("reason"));
            case "close-twice" -> {
              ws.close(((Number) m.get("code")).intValue(), (String) m.get("reason"));
              ws.close(4000, "second close is ignored");
            }
            case "close-invalid" -> {
              try {
                ws.close(1006, "not sendable");
                ws.send(json("closeInvalid", "accepted"));
              } catch (IllegalArgumentException e) {
                ws.send(json("closeInvalid", "rejected"));
              }
            }
            case "flood" ->
                flood(
                    ws,
                    ((Number) m.get("threads")).intValue(),
                    ((Number) m.get("each")).intValue());
            default -> ws.send(json("error", "unknown op " + m.text()));
          }
        });
    ws.onMessage(
            m -> {
              if ("off".equals(m.get("op"))) {
                ws.send(json("off", "removing the counter"));
              }
            })
        .remove();
  }

  /** Sends {@code each} messages from each of {@code threads} threads at once to one socket. */
  private static void flood(CandySocket ws, int threads, int each) {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger failures = new AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread sender =
          new Thread(
              () -> {
                await(start);
                for (int i = 0; i < each; i++) {
                  try {
                    ws.send("t" + thread + "-" + i + "-" + "x".repeat(64));
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                  }
                }
              });
      sender.start();
      senders.add(sender);
    }
    start.countDown();
    senders.forEach(TestRoutes::join);
    ws.send(json("flooded", threads * each, "failures", failures.get()));
  }

  private static void join(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Closes right away with {@link CloseStatus#UNAUTHORIZED} when there is no user. */
  @CandyRoute("/whoami")
  void whoami(CandySocket ws, Candy candy) {
    if (!candy.auth().check()) {
      ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
      return;
    }
    ws.send(json("user", candy.auth().user().orElseThrow().getName()));
  }
}
