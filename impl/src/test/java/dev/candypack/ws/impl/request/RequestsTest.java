package dev.candypack.ws.impl.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.Registration;
import dev.candypack.ws.RequestFailedException;
import dev.candypack.ws.RequestFailedException.Reason;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestsTest {

  private static final String ADD =
      "{\"candy:request\":7,\"data\":{\"op\":\"add\",\"a\":1,\"b\":2}}";

  /** Public so that JSON-B may read it, and fail. */
  public static final class Unserializable {
    public String getValue() {
      throw new IllegalStateException("no value");
    }
  }

  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private final JsonCodec codec = new JsonCodec();
  private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  {
    timer.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() {
    timer.shutdownNow();
    codec.close();
  }

  private Requests requests(int maxPending, long timeoutMillis) {
    return new Requests(
        new RequestSettings(maxPending, timeoutMillis),
        codec,
        () -> timer,
        Runnable::run,
        message -> sent.add(((OutboundMessage.Text) message).text()),
        failures::add);
  }

  private Requests requests() {
    return requests(64, 30_000);
  }

  private String nextSent() throws InterruptedException {
    String next = sent.poll(10, TimeUnit.SECONDS);
    assertTrue(next != null, "nothing was sent");
    return next;
  }

  private static Object add(CandyMessage req) {
    return ((BigDecimal) req.get("a")).add((BigDecimal) req.get("b"));
  }

  private static Throwable failure(CompletionStage<?> stage) {
    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    return failed.getCause();
  }

  private static Reason reason(CompletionStage<?> stage) {
    return assertInstanceOf(RequestFailedException.class, failure(stage)).reason();
  }

  // ---- the client asks, the route answers ------------------------------------------------------

  @Test
  void theHandlersValueIsTheReply() throws Exception {
    Requests requests = requests();
    requests.onRequest(RequestsTest::add);
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"data\":3}", nextSent());
  }

  @Test
  void stringIdsComeBackAsTheyWereSentAndStringsAsJsonStrings() throws Exception {
    Requests requests = requests();
    requests.onRequest(req -> "hi " + req.data());
    assertTrue(requests.take("{\"candy:request\":\"tab-\\\"1\",\"data\":\"ann\"}"));
    assertEquals("{\"candy:reply\":\"tab-\\\"1\",\"data\":\"hi ann\"}", nextSent());
    requests.onRequest(req -> null);
    assertTrue(requests.take("{\"candy:request\":2}"));
    assertEquals("{\"candy:reply\":2,\"data\":null}", nextSent());
  }

  @Test
  void withoutAHandlerRequestsAreOrdinaryMessages() {
    Requests requests = requests();
    assertFalse(requests.take(ADD));
    Registration first = requests.onRequest(req -> 1);
    Registration second = requests.onRequest(req -> 2);
    first.remove(); // replaced already: removes nothing
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"data\":2}", sent.poll());
    second.remove();
    assertFalse(requests.take(ADD));
    assertFalse(requests.take("{\"op\":\"add\"}"));
    assertTrue(sent.isEmpty());
  }

  @Test
  void malformedEnvelopesAreOrdinaryMessages() {
    Requests requests = requests();
    requests.onRequest(req -> 1);
    assertFalse(requests.take("{\"candy:request\":[1],\"data\":2}"));
    assertFalse(requests.take("{\"candy:request\":1,\"data\":"));
    assertTrue(sent.isEmpty());
  }

  @Test
  void aFailingHandlerGetsAnErrorReplyAndReachesTheErrorHandlers() throws Exception {
    Requests requests = requests();
    IllegalArgumentException thrown = new IllegalArgumentException("unknown op");
    requests.onRequest(
        req -> {
          throw thrown;
        });
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"error\":\"Request handler failed\"}", nextSent());
    assertEquals(List.of(thrown), failures);
  }

  @Test
  void aReplyThatDoesNotSerializeIsAnErrorReply() throws Exception {
    Requests requests = requests();
    requests.onRequest(req -> new Unserializable());
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"error\":\"Request handler failed\"}", nextSent());
    assertEquals(1, failures.size());
  }

  @Test
  void aStageIsAwaitedAndItsFailureIsAnErrorReply() throws Exception {
    Requests requests = requests();
    CompletableFuture<Object> later = new CompletableFuture<>();
    CompletableFuture<Object> failing = new CompletableFuture<>();
    requests.onRequest(req -> req.get("fail") == null ? later : failing);
    assertTrue(requests.take("{\"candy:request\":1,\"data\":{}}"));
    assertTrue(requests.take("{\"candy:request\":2,\"data\":{\"fail\":true}}"));
    assertTrue(sent.isEmpty());
    IllegalStateException broken = new IllegalStateException("db down");
    failing.completeExceptionally(broken);
    assertEquals("{\"candy:reply\":2,\"error\":\"Request handler failed\"}", nextSent());
    later.complete(Map.of("ok", true));
    assertEquals("{\"candy:reply\":1,\"data\":{\"ok\":true}}", nextSent());
    assertEquals(List.of(broken), failures);
    assertEquals(0, timer.getQueue().size(), "both timeouts cancelled");
  }

  @Test
  void aStageThatHasCompletedAlreadyIsAnsweredAtOnce() throws Exception {
    Requests requests = requests();
    requests.onRequest(req -> CompletableFuture.completedFuture(3));
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"data\":3}", nextSent());
    assertEquals(0, timer.getQueue().size(), "no timeout left behind");
  }

  @Test
  void aStageThatNeverCompletesTimesOutWithAnErrorReply() throws Exception {
    Requests requests = requests(64, 50);
    CompletableFuture<Object> never = new CompletableFuture<>();
    requests.onRequest(req -> never);
    assertTrue(requests.take(ADD));
    assertEquals("{\"candy:reply\":7,\"error\":\"Request timed out\"}", nextSent());
    never.complete(3); // too late: nothing more is sent
    assertNull(sent.poll(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void requestsBeyondTheBoundAreRefusedWithoutCallingTheHandler() throws Exception {
    Requests requests = requests(2, 30_000);
    AtomicInteger calls = new AtomicInteger();
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    requests.onRequest(
        req -> {
          calls.incrementAndGet();
          CompletableFuture<Object> stage = new CompletableFuture<>();
          stages.add(stage);
          return stage;
        });
    assertTrue(requests.take("{\"candy:request\":1}"));
    assertTrue(requests.take("{\"candy:request\":2}"));
    assertTrue(requests.take("{\"candy:request\":3}"));
    assertEquals("{\"candy:reply\":3,\"error\":\"Too many pending requests\"}", nextSent());
    assertEquals(2, calls.get());
    stages.get(0).complete("one");
    assertEquals("{\"candy:reply\":1,\"data\":\"one\"}", nextSent());
    assertTrue(requests.take("{\"candy:request\":4}"));
    assertEquals(3, calls.get(), "a slot is free again");
    assertTrue(sent.isEmpty());
  }

  @Test
  void closingForgetsRunningRequestsAndTheHandler() throws Exception {
    Requests requests = requests();
    CompletableFuture<Object> running = new CompletableFuture<>();
    requests.onRequest(req -> running);
    assertTrue(requests.take(ADD));
    assertEquals(1, timer.getQueue().size());
    requests.close();
    assertEquals(0, timer.getQueue().size(), "the timeout is cancelled");
    running.complete(3);
    assertFalse(requests.take(ADD), "no handler any more");
    Registration late = requests.onRequest(req -> 1);
    late.remove();
    assertFalse(requests.take(ADD), "a handler added after the close is not kept");
    assertTrue(sent.isEmpty());
  }

  // ---- the route asks, the client answers ------------------------------------------------------

  @Test
  void aReplyCompletesTheRequest() throws Exception {
    Requests requests = requests();
    CompletionStage<CandyMessage> reply =
        requests.request(Map.of("q", "name?"), Duration.ofSeconds(30));
    assertEquals("{\"candy:request\":1,\"data\":{\"q\":\"name?\"}}", nextSent());
    assertEquals(1, timer.getQueue().size());
    assertTrue(requests.take("{\"candy:reply\":1,\"data\":{\"name\":\"ann\"}}"));
    CandyMessage answer = reply.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("ann", answer.get("name"));
    assertEquals("{\"name\":\"ann\"}", answer.text());
    assertEquals(0, timer.getQueue().size(), "the timeout is cancelled");
    requests.request("second", Duration.ofSeconds(30));
    assertEquals("{\"candy:request\":2,\"data\":\"second\"}", nextSent());
  }

  @Test
  void repliesAreOrdinaryMessagesUntilTheRouteHasAsked() throws Exception {
    Requests requests = requests();
    assertFalse(requests.take("{\"candy:reply\":1,\"data\":3}"));
    requests.request(1, Duration.ofSeconds(30));
    assertTrue(requests.take("{\"candy:reply\":99,\"data\":3}"), "unknown: taken and dropped");
    assertTrue(requests.take("{\"candy:reply\":\"1\",\"data\":3}"), "not our id: dropped");
    assertFalse(requests.take("{\"candy:reply\":1,\"data\":"), "malformed: ordinary");
  }

  @Test
  void anErrorReplyFailsTheRequestWithThePeersError() {
    Requests requests = requests();
    CompletionStage<CandyMessage> reply = requests.request(1, Duration.ofSeconds(30));
    requests.take("{\"candy:reply\":1,\"error\":\"no such question\"}");
    RequestFailedException refused = assertInstanceOf(RequestFailedException.class, failure(reply));
    assertEquals(Reason.REFUSED, refused.reason());
    assertEquals("no such question", refused.getMessage());
  }

  @Test
  void noReplyInTimeFailsTheRequest() throws Exception {
    Requests requests = requests();
    CompletionStage<CandyMessage> reply = requests.request(1, Duration.ofMillis(50));
    assertEquals(Reason.TIMED_OUT, reason(reply));
    assertTrue(requests.take("{\"candy:reply\":1,\"data\":3}"), "the late reply is dropped");
  }

  @Test
  void requestsBeyondTheBoundFailAtOnceUnsent() throws Exception {
    Requests requests = requests(2, 30_000);
    CompletionStage<CandyMessage> first = requests.request(1, Duration.ofSeconds(30));
    requests.request(2, Duration.ofSeconds(30));
    CompletionStage<CandyMessage> third = requests.request(3, Duration.ofSeconds(30));
    assertEquals(Reason.TOO_MANY, reason(third));
    assertEquals(2, sent.size());
    requests.take("{\"candy:reply\":1,\"data\":null}");
    assertNull(first.toCompletableFuture().get(10, TimeUnit.SECONDS).data());
    requests.request(4, Duration.ofSeconds(30));
    assertEquals(3, sent.size(), "a slot is free again");
  }

  @Test
  void closingFailsEveryPendingRequestAndLaterOnes() {
    Requests requests = requests();
    CompletionStage<CandyMessage> a = requests.request(1, Duration.ofSeconds(30));
    CompletionStage<CandyMessage> b = requests.request(2, Duration.ofSeconds(30));
    requests.close();
    assertEquals(Reason.CLOSED, reason(a));
    assertEquals(Reason.CLOSED, reason(b));
    assertEquals(0, timer.getQueue().size(), "no timeout left behind");
    assertEquals(Reason.CLOSED, reason(requests.request(3, Duration.ofSeconds(30))));
    assertEquals(2, sent.size(), "the last was never sent");
  }

  @Test
  void aTimeoutMustBePositive() {
    Requests requests = requests();
    assertThrows(IllegalArgumentException.class, () -> requests.request(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> requests.request(1, Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> requests.request(1, null));
    assertTrue(sent.isEmpty());
  }

  @Test
  void aStoppingApplicationFailsTheRequest() {
    Requests requests = requests();
    timer.shutdownNow();
    assertEquals(Reason.CLOSED, reason(requests.request(1, Duration.ofSeconds(30))));
  }
}
