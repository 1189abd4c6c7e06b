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

/**
 * Undertow's native send path. WildFly adds the modules {@code io.undertow.core} and {@code
 * io.undertow.websocket} to every web deployment, libraries in {@code WEB-INF/lib} included; where
 * they are missing or lack a method the sender calls, the constructor fails and the sessions stay
 * on Jakarta WebSocket.
 */
public final class UndertowContainer implements NativeContainer {

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
}
