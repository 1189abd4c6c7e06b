package dev.candypack.ws.impl.transport.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.transport.NativeSender;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.core.BaseContainer;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the Tyrus the build compiles with (Payara 6's 2.1.5): a real Tyrus engine,
 * upgraded in memory, whose writer is this test's, so that every byte Tyrus writes is seen.
 */
class TyrusContainerTest {

  private final Container webSocketContainer = new Container();
  private final RecordingWriter writer = new RecordingWriter();
  private final AtomicReference<Session> opened = new AtomicReference<>();
  private TyrusContainer adapter;
  private Session session;
  private org.glassfish.tyrus.spi.ReadHandler reader;

  @BeforeEach
  void open() throws Exception {
    adapter = new TyrusContainer();
    TyrusWebSocketEngine engine = TyrusWebSocketEngine.builder(webSocketContainer).build();
    engine.register(
        ServerEndpointConfig.Builder.create(Opened.class, "/native")
            .configurator(
                new ServerEndpointConfig.Configurator() {
                  @Override
                  public <T> T getEndpointInstance(Class<T> type) {
                    return type.cast(new Opened(opened));
                  }
                })
            .build(),
        "");
    RequestContext request =
        RequestContext.Builder.create().requestURI(URI.create("/native")).build();
    Map<String, List<String>> headers = request.getHeaders();
    headers.put("Host", List.of("localhost"));
    headers.put("Upgrade", List.of("websocket"));
    headers.put("Connection", List.of("Upgrade"));
    headers.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
    headers.put("Sec-WebSocket-Version", List.of("13"));
    WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(request, new TyrusUpgradeResponse());
    assertEquals(WebSocketEngine.UpgradeStatus.SUCCESS, upgrade.getStatus());
    reader = upgrade.createConnection(writer, reason -> {}).getReadHandler();
    session = opened.get();
    assertNotNull(session, "the endpoint opened");
  }

  @AfterEach
  void stop() {
    webSocketContainer.shutdown();
  }

  @Test
  void aTextMessageGoesOutAsTheFrameBuiltOnceWithoutRestartingTheIdleTimer() throws Exception {
    NativeSender sender = adapter.sender(session).orElseThrow();
    OutboundMessage.Text message = new OutboundMessage.Text("héllo");
    int scheduledBefore = webSocketContainer.scheduled.get();
    List<Throwable> done = new ArrayList<>();

    sender.send(message, done::add);
    sender.send(message, done::add);

    assertEquals(java.util.Arrays.asList(null, null), done, "each send completed once");
    assertEquals(2, writer.frames.size());
    ByteBuffer framed = message.encoded(Frames.TEXT_FRAME);
    for (ByteBuffer frame : writer.frames) {
      assertEquals(framed.rewind(), frame);
      FramesTest.Decoded decoded = FramesTest.Decoded.of(frame);
      assertEquals(1, decoded.opcode());
      assertEquals("héllo", new String(decoded.payload(), StandardCharsets.UTF_8));
    }
    assertEquals(0, framed.position(), "each send had its own view of the shared frame");
    assertEquals(
        scheduledBefore,
        webSocketContainer.scheduled.get(),
        "no idle task was scheduled for a native send");
  }

  @Test
  void aJakartaWebSocketSendOfTheSameSessionDoesRestartTheIdleTimer() throws Exception {
    // What the native path saves: Tyrus schedules an idle task on every Jakarta WebSocket send.
    int scheduledBefore = webSocketContainer.scheduled.get();

    session.getAsyncRemote().sendText("héllo", result -> {});

    assertEquals(scheduledBefore + 1, webSocketContainer.scheduled.get());
    assertEquals(1, writer.frames.size());
  }

  @Test
  void aSessionThatSendsNativelyNoLongerSchedulesIdleTasksOnTheContainersScheduler() {
    adapter.sender(session).orElseThrow();
    int scheduledBefore = webSocketContainer.scheduled.get();

    reader.handle(clientText("in"));
    session.getAsyncRemote().sendText("out", result -> {});

    assertEquals(1, writer.frames.size(), "the Jakarta WebSocket send went out");
    assertEquals(scheduledBefore, webSocketContainer.scheduled.get(), "no idle task scheduled");
  }

  @Test
  void aSessionWithItsOwnIdleTimeoutKeepsItsIdleTasks() {
    session.setMaxIdleTimeout(60_000);
    adapter.sender(session).orElseThrow();
    int scheduledBefore = webSocketContainer.scheduled.get();

    reader.handle(clientText("in"));

    assertEquals(scheduledBefore + 1, webSocketContainer.scheduled.get());
  }

  @Test
  void theFilterHandsEveryOtherTaskToTheContainersScheduler() throws Exception {
    IdleTaskFilter filter =
        new IdleTaskFilter(
            webSocketContainer.getScheduledExecutorService(), Class.forName(IdleTasks.IDLE_TASK));
    java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
    int scheduledBefore = webSocketContainer.scheduled.get();

    filter.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);

    assertTrue(ran.await(10, TimeUnit.SECONDS));
    assertEquals(scheduledBefore + 1, webSocketContainer.scheduled.get());
  }

  /** A masked text frame from the client, as the server reads it. */
  private static ByteBuffer clientText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
    frame.put((byte) 0x81).put((byte) (0x80 | payload.length)).putInt(0); // a zero mask
    return frame.put(payload).flip();
  }

  @Test
  void aBinaryMessageGoesOutAsABinaryFrame() throws Exception {
    NativeSender sender = adapter.sender(session).orElseThrow();
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    OutboundMessage.Binary message = new OutboundMessage.Binary(ByteBuffer.wrap(bytes));
    List<Throwable> done = new ArrayList<>();

    sender.send(message, done::add);

    assertEquals(java.util.Collections.singletonList(null), done);
    FramesTest.Decoded decoded = FramesTest.Decoded.of(writer.frames.get(0));
    assertEquals(2, decoded.opcode());
    assertEquals(127, decoded.lengthForm());
    org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, decoded.payload());
  }

  @Test
  void aFailedWriteReachesDoneOnceWithItsFailure() {
    NativeSender sender = adapter.sender(session).orElseThrow();
    IOException broken = new IOException("Broken pipe");
    writer.failure = broken;
    List<Throwable> done = new ArrayList<>();

    sender.send(new OutboundMessage.Text("lost"), done::add);

    assertEquals(List.of(broken), done);
  }

  @Test
  void aSendOnAClosedSessionReachesDoneInsteadOfThrowing() throws Exception {
    NativeSender sender = adapter.sender(session).orElseThrow();
    session.close();
    List<Throwable> done = new ArrayList<>();

    sender.send(new OutboundMessage.Text("too late"), done::add);

    assertEquals(1, done.size());
    assertNotNull(done.get(0));
  }

  @Test
  void aWriteThatCompletesLaterCompletesTheSendThen() {
    NativeSender sender = adapter.sender(session).orElseThrow();
    writer.deferred = new CopyOnWriteArrayList<>();
    List<Throwable> done = new ArrayList<>();

    sender.send(new OutboundMessage.Text("later"), done::add);
    assertEquals(List.of(), done, "not before the writer has taken it");
    writer.deferred.get(0).completed(null);

    assertEquals(java.util.Collections.singletonList(null), done);
  }

  @Test
  void aSessionWithAnExtensionStaysOnJakartaWebSocket() {
    Session deflating =
        session(
            (method, args) ->
                switch (method) {
                  case "getNegotiatedExtensions" -> List.of(extension("permessage-deflate"));
                  default -> throw new AssertionError(method);
                });

    assertTrue(adapter.sender(deflating).isEmpty());
  }

  @Test
  void aSessionWhoseRemoteIsNotTyrusGetsNoSender() {
    jakarta.websocket.RemoteEndpoint.Async remote =
        (jakarta.websocket.RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {jakarta.websocket.RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  throw new AssertionError(method.getName());
                });
    Session foreign =
        session(
            (method, args) ->
                switch (method) {
                  case "getNegotiatedExtensions" -> List.of();
                  case "getAsyncRemote" -> remote;
                  default -> throw new AssertionError(method);
                });

    assertTrue(adapter.sender(foreign).isEmpty());
  }

  @Test
  void framesInFlightTogetherCompleteInTheirOrder() {
    NativeSender sender = adapter.sender(session).orElseThrow();
    writer.deferred = new CopyOnWriteArrayList<>();
    List<String> done = new ArrayList<>();

    for (int i = 0; i < sender.window(); i++) {
      String text = "m" + i;
      sender.send(new OutboundMessage.Text(text), failure -> done.add(text));
    }
    writer.deferred.forEach(handler -> handler.completed(null));

    assertEquals(List.of("m0", "m1", "m2", "m3"), done);
    assertEquals(4, writer.frames.size());
  }

  @Test
  void aSessionClosedBeforeItsSenderIsMadeStaysOnJakartaWebSocket() throws Exception {
    session.close();

    assertTrue(adapter.sender(session).isEmpty());
  }

  @Test
  void aClassLoaderWithoutTyrusFailsTheConstructor() {
    assertThrows(
        ClassNotFoundException.class,
        () -> new TyrusContainer(ClassLoader.getPlatformClassLoader()));
  }

  @Test
  void eachSendHasItsOwnBufferOverTheSharedFrame() throws Exception {
    NativeSender sender = adapter.sender(session).orElseThrow();
    OutboundMessage.Text message = new OutboundMessage.Text("shared");

    sender.send(message, failure -> assertNull(failure));
    sender.send(message, failure -> assertNull(failure));

    assertNotSame(writer.buffers.get(0), writer.buffers.get(1));
    assertSame(writer.buffers.get(0).array(), writer.buffers.get(1).array(), "one frame, shared");
  }

  // ---- the in-memory container ---------------------------------------------------------------

  /** An endpoint that only hands its session over. */
  public static final class Opened extends Endpoint {
    private final AtomicReference<Session> opened;

    Opened(AtomicReference<Session> opened) {
      this.opened = opened;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      opened.set(session);
    }
  }

  /** Keeps a copy of every buffer written, and completes, fails or defers as told. */
  private static final class RecordingWriter extends Writer {
    final List<ByteBuffer> frames = new ArrayList<>();
    final List<ByteBuffer> buffers = new ArrayList<>();
    volatile Throwable failure;
    volatile List<CompletionHandler<ByteBuffer>> deferred;

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
      buffers.add(buffer);
      ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
      copy.put(buffer.duplicate()).flip();
      frames.add(copy);
      if (failure != null) {
        completionHandler.failed(failure);
      } else if (deferred != null) {
        deferred.add(completionHandler);
      } else {
        completionHandler.completed(buffer);
      }
    }

    @Override
    public void close() {}
  }

  /** Tyrus's base container, counting the tasks its sessions schedule. */
  private static final class Container extends BaseContainer {
    final AtomicInteger scheduled = new AtomicInteger();
    private final ScheduledExecutorService scheduler =
        new ScheduledThreadPoolExecutor(1) {
          @Override
          public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
          }
        };

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
      return scheduler;
    }

    @Override
    public void shutdown() {
      scheduler.shutdownNow();
      super.shutdown();
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
      return 0;
    }

    @Override
    public void setAsyncSendTimeout(long timeout) {}

    @Override
    public Session connectToServer(Object endpoint, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(Class<?> endpoint, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(
        Endpoint endpoint, jakarta.websocket.ClientEndpointConfig config, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(
        Class<? extends Endpoint> endpoint,
        jakarta.websocket.ClientEndpointConfig config,
        URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
      return 0;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {}

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
      return Integer.MAX_VALUE;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {}

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
      return Integer.MAX_VALUE;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {}

    @Override
    public java.util.Set<jakarta.websocket.Extension> getInstalledExtensions() {
      return java.util.Set.of();
    }
  }

  private interface Answers {
    Object answer(String method, Object[] args);
  }

  private static Session session(Answers answers) {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> answers.answer(method.getName(), args));
  }

  private static jakarta.websocket.Extension extension(String name) {
    return new jakarta.websocket.Extension() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public List<Parameter> getParameters() {
        return List.of();
      }
    };
  }
}
