package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.ReadyState;
import dev.candypack.ws.RequestFailedException;
import dev.candypack.ws.RequestFailedException.Reason;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.StubTransport.Mode;
import dev.candypack.ws.impl.policy.RateLimiter;
import dev.candypack.ws.impl.request.RequestSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request-reply as a route sees it: through the connection's inbound events and its close. */
class ConnectionRequestsTest {

  private static final String ADD =
      "{\"candy:request\":7,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}";

  private final CandyRuntime runtime = new CandyRuntime();
  private final StubTransport transport = new StubTransport(Mode.INLINE);
  private final List<String> messages = new ArrayList<>();
  private Connection ws;

  {
    runtime.useExecutor(Runnable::run);
    runtime.useRequestSettings(new RequestSettings(2, 30_000));
    ws =
        new Connection(
            "ws",
            "/rpc",
            transport,
            runtime,
            new ConnectionLimits(
                Long.MAX_VALUE,
                new RateLimiter(0, 60_000, 1),
                Long.MAX_VALUE,
                Integer.MAX_VALUE,
                256,
                100));
  }

  @AfterEach
  void stop() {
    runtime.stopTimer();
    runtime.codec().close();
  }

  private static Object add(CandyMessage req) {
    return ((BigDecimal) req.get("a")).add((BigDecimal) req.get("b"));
  }

  @Test
  void aPlainRouteSeesRequestsAsOrdinaryMessages() {
    ws.onMessage(message -> messages.add(message.text()));
    ws.opened();
    ws.receivedText(ADD);
    ws.receivedText("{\"candy:reply\":1,\"data\":3}");
    assertEquals(List.of(ADD, "{\"candy:reply\":1,\"data\":3}"), messages);
    assertEquals(List.of(), transport.frames(), "nothing answered");
  }

  @Test
  void requestsHeldWhileTheHandlerRunsAreAnsweredInOrderWithMessages() {
    ws.receivedText("first");
    ws.receivedText(ADD);
    ws.receivedText("last");
    // The route's handler registers both while the three wait.
    ws.onMessage(message -> messages.add(message.text()));
    ws.onRequest(ConnectionRequestsTest::add);
    ws.opened();
    assertEquals(List.of("first", "last"), messages);
    assertEquals(List.of("{\"candy:reply\":7,\"data\":3}"), transport.frames());
  }

  @Test
  void requestsBeyondTheBoundAreRefusedAndTheConnectionStaysOpen() {
    ws.onRequest(req -> new CompletableFuture<>());
    ws.opened();
    for (int id = 1; id <= 3; id++) {
      ws.receivedText("{\"candy:request\":" + id + "}");
    }
    assertEquals(
        List.of("{\"candy:reply\":3,\"error\":\"Too many pending requests\"}"), transport.frames());
    assertEquals(ReadyState.OPEN, ws.state());
  }

  @Test
  void theRoutesRequestIsAnsweredByTheClient() throws Exception {
    ws.opened();
    CompletionStage<CandyMessage> reply = ws.request("which room?", Duration.ofSeconds(30));
    assertEquals(List.of("{\"candy:request\":1,\"data\":\"which room?\"}"), transport.frames());
    ws.receivedText("{\"candy:reply\":1,\"data\":\"lobby\"}");
    assertEquals("lobby", reply.toCompletableFuture().get(10, TimeUnit.SECONDS).data());
  }

  @Test
  void closingFailsPendingRequestsAndForgetsRunningOnes() throws Exception {
    CompletableFuture<Object> running = new CompletableFuture<>();
    ws.onRequest(req -> running);
    ws.opened();
    ws.receivedText(ADD);
    CompletionStage<CandyMessage> asked = ws.request(1, Duration.ofSeconds(30));
    ws.request(2, Duration.ofSeconds(30));
    CompletionStage<CandyMessage> third = ws.request(3, Duration.ofSeconds(30));
    assertEquals(Reason.TOO_MANY, reason(third));
    assertEquals(
        3,
        ((ScheduledThreadPoolExecutor) runtime.timer()).getQueue().size(),
        "one running, two asked");

    ws.closed(new CloseStatus(CloseStatus.ABNORMAL, ""));

    assertEquals(Reason.CLOSED, reason(asked));
    assertEquals(
        0,
        ((ScheduledThreadPoolExecutor) runtime.timer()).getQueue().size(),
        "every timeout cancelled");
    running.complete(3);
    assertEquals(Reason.CLOSED, reason(ws.request(4, Duration.ofSeconds(30))));
    assertEquals(2, transport.frames().size(), "only the two requests were ever sent");
  }

  @Test
  void aRequestOnAConnectionThatClosedBeforeItsFirstRequestFailsAtOnce() {
    ws.closed(new CloseStatus(CloseStatus.NORMAL, ""));
    assertEquals(Reason.CLOSED, reason(ws.request(1, Duration.ofSeconds(30))));
    assertEquals(List.of(), transport.frames());
  }

  private static Reason reason(CompletionStage<?> stage) {
    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof RequestFailedException, failed.toString());
    return assertInstanceOf(RequestFailedException.class, failed.getCause()).reason();
  }
}
