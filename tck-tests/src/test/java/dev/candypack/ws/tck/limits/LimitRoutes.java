package dev.candypack.ws.tck.limits;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandyServer;
import dev.candypack.ws.CandySocket;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Routes with limits and security options, for the hardening tests. */
@ApplicationScoped
public class LimitRoutes {

  /** The close codes seen by members of the room {@code flood}. */
  static final List<Integer> FLOOD_CLOSES = new CopyOnWriteArrayList<>();

  /** The close codes seen by members of the room {@code empty}. */
  static final List<Integer> EMPTY_CLOSES = new CopyOnWriteArrayList<>();

  /** The asynchronous handlers of {@code /held} that have not finished yet. */
  static final List<CompletableFuture<Void>> HELD = new CopyOnWriteArrayList<>();

  @Inject CandyServer server;

  /** At most 1,024 bytes a message, no rate limit. */
  @CandyRoute(value = "/small", maxMessageSize = 1024, rateLimit = 0)
  void small(CandySocket ws) {
    ws.onMessage(m -> ws.send("ok:" + m.text().length()));
    ws.onBinary(bytes -> ws.send("ok:" + bytes.length));
  }

  /** At most 5 messages at once, then 1 a window. */
  @CandyRoute(value = "/rated", rateLimit = 1, rateLimitBurst = 5)
  void rated(CandySocket ws) {
    ws.onMessage(m -> ws.send("ok:" + m.text()));
  }

  /** The application's limits: CandyPack's defaults unless configured. */
  @CandyRoute("/defaults")
  void defaults(CandySocket ws) {
    ws.onMessage(m -> ws.send("ok:" + m.text().length()));
  }

  /** Only for authenticated users. */
  @CandyRoute(value = "/members", authenticated = true)
  void members(CandySocket ws, Candy candy) {
    ws.send("welcome " + candy.auth().user().orElseThrow().getName());
  }

  /** Only for users in the role admin. */
  @RolesAllowed("admin")
  @CandyRoute("/admin")
  void admin(CandySocket ws, Candy candy) {
    ws.send("admin " + candy.auth().user().orElseThrow().getName());
  }

  /** Guarded: the header must say yes, then the second guard must allow too. */
  @CandyRoute(
      value = "/guarded",
      guards = {HeaderGuard.class, CountingGuard.class})
  void guarded(CandySocket ws) {
    ws.send("through the guards");
  }

  /** A guard that throws. */
  @CandyRoute(value = "/failing-guard", guards = FailingGuard.class)
  void failingGuard(CandySocket ws) {
    ws.send("never");
  }

  /** Needs the CSRF token of the HTTP session. */
  @CandyRoute(value = "/csrf", csrf = true)
  void csrf(CandySocket ws) {
    ws.send("token accepted");
  }

  /**
   * Joins the room named by each message and says so to the room, or says why it may not. No rate
   * limit, so that a test can join as many rooms as a connection may.
   */
  @CandyRoute(value = "/join", rateLimit = 0)
  void join(CandySocket ws) {
    ws.onMessage(
        m -> {
          try {
            ws.join(m.text());
            ws.to(m.text()).send("joined:" + m.text().length());
          } catch (IllegalArgumentException refused) {
            ws.send("refused:" + refused.getMessage());
          }
        });
  }

  /** Reports the credentials its handler sees: this WAR keeps them. */
  @CandyRoute("/headers")
  void headers(CandySocket ws, Candy candy) {
    ws.send(
        Map.of(
            "authorization", String.valueOf(candy.request().header("authorization")),
            "cookie", String.valueOf(candy.request().header("cookie")),
            "protocol",
                String.join(
                    ", ",
                    candy.request().headers().getOrDefault("sec-websocket-protocol", List.of()))));
  }

  /** Joins the room {@code flood}. */
  @CandyRoute("/flood-member")
  void floodMember(CandySocket ws) {
    ws.join("flood");
    ws.onClose(close -> FLOOD_CLOSES.add(close.code()));
    ws.send("joined");
  }

  /** Joins the room {@code empty}. */
  @CandyRoute("/empty-member")
  void emptyMember(CandySocket ws) {
    ws.join("empty");
    ws.onClose(close -> EMPTY_CLOSES.add(close.code()));
  }

  /**
   * On {@code N}: sends empty messages to the room {@code empty} as fast as it can until the room
   * has no member left or N are sent, then answers {@code sent:COUNT}.
   */
  @CandyRoute(value = "/empty-trigger", rateLimit = 0)
  void emptyTrigger(CandySocket ws) {
    ws.onMessage(
        m -> {
          int most = Integer.parseInt(m.text());
          int sent = 0;
          while (sent < most && (sent % 256 != 0 || !server.room("empty").members().isEmpty())) {
            server.toRoom("empty", "");
            sent++;
          }
          ws.send("sent:" + sent);
        });
  }

  /**
   * An asynchronous handler that finishes only when {@code /limits?what=open} says so: messages
   * meanwhile are held. Answers each message with its length.
   */
  @Produces
  @CandyRoute(value = "/held", rateLimit = 0)
  AsyncCandyHandler held() {
    return (ws, candy) -> {
      ws.onMessage(m -> ws.send("ok:" + m.text().length()));
      CompletableFuture<Void> finished = new CompletableFuture<>();
      HELD.add(finished);
      return finished;
    };
  }

  /** Finishes every waiting handler of {@code /held}. */
  static void finishHeld() {
    HELD.forEach(finished -> finished.complete(null));
    HELD.clear();
  }

  /**
   * On {@code N SIZE}: sends N messages of SIZE bytes to the room {@code flood}, paced at about one
   * a millisecond so that a reading member keeps well within its backlog, then answers {@code
   * done}.
   */
  @CandyRoute(value = "/flood-trigger", rateLimit = 0)
  void floodTrigger(CandySocket ws) {
    ws.onMessage(
        m -> {
          String[] args = m.text().split(" ");
          int count = Integer.parseInt(args[0]);
          String padding = "x".repeat(Integer.parseInt(args[1]) - 8);
          for (int i = 0; i < count; i++) {
            server.toRoom("flood", String.format("%07d", i) + ":" + padding);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
          }
          ws.send("done");
        });
  }
}
