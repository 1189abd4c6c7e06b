package dev.candypack.ws.impl.transport.tyrus;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.transport.NativeSender;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Sends one session's messages as whole frames through its Tyrus web socket. A text message is
 * framed once for every connection it goes to; each send gets its own duplicate of the frame, a
 * writable one because Tyrus's servlet writer copies any buffer without an accessible array (a
 * read-only one) before writing it. Nothing writes to it.
 */
final class TyrusSender implements NativeSender {

  /**
   * How many frames a session is given before the first has completed, as on the Jakarta WebSocket
   * path: Tyrus writes raw frames one at a time under the session's lock, and its servlet writer
   * queues those the connection cannot take yet, completing them in order.
   */
  static final int WINDOW = 4;

  private final TyrusContainer container;
  private final Object socket;

  TyrusSender(TyrusContainer container, Object socket) {
    this.container = container;
    this.socket = socket;
  }

  @Override
  public void send(OutboundMessage.Text message, Consumer<Throwable> done) {
    ByteBuffer frame;
    try {
      frame = message.encoded(Frames.TEXT_FRAME).duplicate();
    } catch (RuntimeException | Error e) {
      done.accept(e);
      return;
    }
    send(frame, done);
  }

  @Override
  public void send(OutboundMessage.Binary message, Consumer<Throwable> done) {
    ByteBuffer frame;
    try {
      frame = Frames.binary(message.data());
    } catch (RuntimeException | Error e) {
      done.accept(e);
      return;
    }
    send(frame, done);
  }

  @Override
  public int window() {
    return WINDOW;
  }

  private void send(ByteBuffer frame, Consumer<Throwable> done) {
    Future<?> sent;
    try {
      sent = container.sendRawFrame(socket, frame);
    } catch (Throwable e) { // Tyrus throws when the socket is closed or has no writer
      done.accept(e);
      return;
    }
    if (sent instanceof CompletableFuture<?> completion) {
      completion.whenComplete(
          (result, failure) -> {
            if (failure == null) {
              container.completed();
            }
            done.accept(failure);
          });
    } else {
      done.accept(new IllegalStateException("Tyrus's sendRawFrame returned " + sent));
    }
  }
}
