package dev.candypack.ws.impl.transport.undertow;

import dev.candypack.ws.impl.transport.NativeContainer;
import dev.candypack.ws.impl.transport.NativeSender;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Undertow's native send path. WildFly adds the modules {@code io.undertow.core} and {@code
 * io.undertow.websocket} to every web deployment, libraries in {@code WEB-INF/lib} included; where
 * they are missing or lack a method the sender calls, the constructor fails and the sessions stay
 * on Jakarta WebSocket. The handlers of a non-blocking route run on the connection's I/O thread
 * ({@link ReadingThreadDispatch}) where this Undertow lets candy-ws reach its frame handlers.
 */
public final class UndertowContainer implements NativeContainer {

  private static final Logger LOG = Logger.getLogger(UndertowContainer.class.getName());

  private final Optional<ReadingThreadDispatch> dispatch = readingThreadDispatch();
  private final AtomicBoolean dispatchFailed = new AtomicBoolean();

  /**
   * Checks that the Undertow methods the sender calls are there.
   *
   * @throws NoSuchMethodException when this Undertow lacks one of them
   */
  public UndertowContainer() throws NoSuchMethodException {
    UndertowSession.class.getMethod("getWebSocketChannel");
    WebSockets.class.getMethod(
        "sendText", ByteBuffer.class, WebSocketChannel.class, WebSocketCallback.class);
    WebSockets.class.getMethod(
        "sendBinary", ByteBuffer.class, WebSocketChannel.class, WebSocketCallback.class);
  }

  @Override
  public Optional<NativeSender> sender(Session session) {
    // An extension (per-message deflate) stays with Jakarta WebSocket, as with every adapter.
    if (session instanceof UndertowSession undertow
        && session.getNegotiatedExtensions().isEmpty()) {
      return Optional.of(new UndertowSender(undertow::getWebSocketChannel));
    }
    return Optional.empty();
  }

  @Override
  public boolean handleOnReadingThread(Session session) {
    if (!(session instanceof UndertowSession undertow) || dispatch.isEmpty()) {
      return false;
    }
    try {
      return dispatch.get().apply(undertow);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (dispatchFailed.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "candy-ws: non-blocking routes' handlers stay on Undertow's worker threads",
            e);
      }
      return false;
    }
  }

  private static Optional<ReadingThreadDispatch> readingThreadDispatch() {
    try {
      return Optional.of(new ReadingThreadDispatch());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(
          Level.INFO,
          "candy-ws: this Undertow keeps its frame handlers to itself; non-blocking routes' handlers"
              + " stay on its worker threads",
          e);
      return Optional.empty();
    }
  }
}
