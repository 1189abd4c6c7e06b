package dev.candypack.ws.impl.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.testing.InProcessUndertow;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handlers of a session on a real Undertow servlet container with its Jakarta WebSocket layer,
 * dispatching to workers as WildFly does by default: an endpoint that answers each text with the
 * name of the thread its handler ran on, once as Undertow runs it and once after {@link
 * UndertowContainer#handleOnReadingThread}.
 */
class ReadingThreadDispatchTest {

  private static final long WAIT_SECONDS = 10;
  private static final String READING_THREAD = "reading-thread";

  /** What the endpoint saw: its sessions, the adapter's answers and the threads of its closes. */
  private static final BlockingQueue<Session> OPENED = new LinkedBlockingQueue<>();

  private static final BlockingQueue<Boolean> APPLIED = new LinkedBlockingQueue<>();
  private static final Map<String, CompletableFuture<String>> CLOSED_ON = new ConcurrentHashMap<>();

  private static UndertowContainer container;
  private static InProcessUndertow server;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WebSocket> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    container = new UndertowContainer();
    server =
        InProcessUndertow.start(
            1,
            deployment ->
                deployment
                    .websockets()
                    .addEndpoint(
                        ServerEndpointConfig.Builder.create(ThreadNames.class, "/worker").build())
                    .addEndpoint(
                        ServerEndpointConfig.Builder.create(ThreadNames.class, "/reading")
                            .build()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WebSocket::abort);
    OPENED.clear();
    APPLIED.clear();
    CLOSED_ON.clear();
  }

  @Test
  void undertowHandsEachMessageToAWorker() throws Exception {
    Client client = connect("/worker");
    String ioThread = ioThreadOf(OPENED.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    for (int i = 0; i < 20; i++) {
      String reply = client.ask("m" + i);
      assertTrue(reply.startsWith("m" + i + " "), reply);
      assertNotEquals(ioThread, threadOf(reply), "a worker, not the I/O thread, ran the handler");
    }
  }

  @Test
  void aSessionHandledOnItsReadingThreadRunsEveryCallbackThereInOrder() throws Exception {
    Client client = connect("/reading");
    assertEquals(Boolean.TRUE, APPLIED.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    Session session = OPENED.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    String ioThread = ioThreadOf(session);
    assertInstanceOf(
        ReadingThreadDispatch.IoThreadExecutor.class, ((UndertowSession) session).getExecutor());

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String text = "m" + i + "x".repeat(i * 37); // a few long enough to take several reads
      sent.add(text);
      client.socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    for (String text : sent) {
      String reply = client.next();
      assertEquals(text, reply.substring(0, reply.lastIndexOf(' ')), "in the order sent");
      assertEquals(ioThread, threadOf(reply));
    }

    client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ioThread, closedOn(session).get(WAIT_SECONDS, TimeUnit.SECONDS), "the close too");
  }

  @Test
  void aTaskFromAnotherThreadRunsOnTheSessionsIoThread() throws Exception {
    connect("/reading");
    assertEquals(Boolean.TRUE, APPLIED.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    Session session = OPENED.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<String> ranOn = new CompletableFuture<>();
    ((UndertowSession) session)
        .getExecutor()
        .execute(() -> ranOn.complete(Thread.currentThread().getName()));
    assertEquals(ioThreadOf(session), ranOn.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aSessionOfAnotherContainerIsLeftAlone() {
    Session notUndertow =
        (Session)
            java.lang.reflect.Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                  throw new AssertionError("touched: " + method);
                });
    assertFalse(container.handleOnReadingThread(notUndertow));
  }

  private static CompletableFuture<String> closedOn(Session session) {
    return CLOSED_ON.computeIfAbsent(session.getId(), id -> new CompletableFuture<>());
  }

  private static String ioThreadOf(Session session) {
    assertNotNull(session, "the endpoint opened");
    return ((UndertowSession) session).getWebSocketChannel().getIoThread().getName();
  }

  private static String threadOf(String reply) {
    return reply.substring(reply.lastIndexOf(' ') + 1).replace('_', ' ');
  }

  private Client connect(String path) throws Exception {
    Client client = new Client();
    client.socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(server.ws(path)), client)
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    clients.add(client.socket);
    return client;
  }

  /** A JDK client that keeps every text it reads. */
  private static final class Client implements WebSocket.Listener {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    String ask(String text) throws Exception {
      socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
      return next();
    }

    String next() throws InterruptedException {
      String text = texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(text, "an answer within " + WAIT_SECONDS + " s");
      return text;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  /**
   * Answers each text with itself, a space and the name of the thread its handler ran on (spaces in
   * the name as underscores); on {@code /reading} it asks the adapter for the reading thread first.
   */
  public static final class ThreadNames extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      if (session.getRequestURI().getPath().endsWith("/reading")) {
        APPLIED.add(container.handleOnReadingThread(session));
      }
      session.addMessageHandler(
          String.class,
          (MessageHandler.Whole<String>)
              text ->
                  session
                      .getAsyncRemote()
                      .sendText(text + " " + Thread.currentThread().getName().replace(' ', '_')));
      OPENED.add(session);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closedOn(session).complete(Thread.currentThread().getName());
    }
  }
}
