package dev.candypack.ws.impl.transport.undertow;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.transport.NativeSender;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Sends one Undertow session's messages through {@link WebSockets} on its channel, the calls its
 * Jakarta WebSocket layer makes too, minus that layer's encoding of each text per session.
 *
 * <p>Any thread may send: Undertow queues the frame and writes it from the channel's I/O thread.
 * Undertow keeps data frames in the order they were queued, while pings and pongs may overtake
 * queued data; the outbound queue hands over a ping or a close only when every message before it
 * has been written, so pings and closes sent through Jakarta WebSocket on the same channel keep the
 * queue's order.
 */
final class UndertowSender implements NativeSender {

  /**
   * A text's UTF-8 bytes in a read-only direct buffer, made once per message and shared by every
   * connection it goes to: the socket writes a direct buffer as it is, where a heap buffer is first
   * copied into a direct one, on every send. Only for a {@linkplain OutboundMessage.Text#shared()
   * shared} message: for one that goes to one connection (an echo), allocating a direct buffer
   * costs more than the copy it saves.
   */
  static final Function<String, ByteBuffer> DIRECT_UTF8 =
      text -> utf8(text, ByteBuffer::allocateDirect);

  /** How many messages a connection hands over before the first has completed. */
  static final int WINDOW = 4;

  private final Supplier<WebSocketChannel> channel;

  /**
   * A sender.
   *
   * @param channel the session's channel, asked on each send
   */
  UndertowSender(Supplier<WebSocketChannel> channel) {
    this.channel = channel;
  }

  /**
   * As many as the Jakarta WebSocket path is given: Undertow queues a frame sent while others are
   * in progress behind them, in the order of the calls, which the outbound queue makes one at a
   * time.
   */
  @Override
  public int window() {
    return WINDOW;
  }

  @Override
  public void send(OutboundMessage.Text message, Consumer<Throwable> done) {
    Completion completion = new Completion(done);
    try {
      WebSockets.sendText(payload(message), channel.get(), completion);
    } catch (RuntimeException | LinkageError e) {
      completion.failed(e);
    }
  }

  /**
   * A text's bytes for one send: its own view of the shared direct encoding, or, for a message to
   * this connection alone, its UTF-8 bytes on the heap.
   */
  static ByteBuffer payload(OutboundMessage.Text message) {
    return message.shared()
        ? message.encoded(DIRECT_UTF8).duplicate()
        : ByteBuffer.wrap(message.text().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends the message's own bytes. A binary message has no slot for a shared copy, so a heap buffer
   * is copied into a direct one on each send either way; the socket's own copy, into a buffer it
   * keeps per thread, is cheaper than allocating a direct buffer here.
   */
  @Override
  public void send(OutboundMessage.Binary message, Consumer<Throwable> done) {
    Completion completion = new Completion(done);
    try {
      WebSockets.sendBinary(message.view(), channel.get(), completion);
    } catch (RuntimeException | LinkageError e) {
      completion.failed(e);
    }
  }

  /**
   * A text's UTF-8 bytes, read-only, in a buffer from {@code allocate}; on the heap when it has no
   * room. Direct memory is freed only when the collector finds its buffer unreachable, so a burst
   * of large messages can use up {@code -XX:MaxDirectMemorySize} before then (the JDK first tries a
   * full collection); the message then still goes out, copied by the socket as on the Jakarta
   * WebSocket path.
   */
  static ByteBuffer utf8(String text, IntFunction<ByteBuffer> allocate) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer;
    try {
      buffer = allocate.apply(bytes.length);
    } catch (OutOfMemoryError e) {
      buffer = ByteBuffer.allocate(bytes.length);
    }
    return buffer.put(bytes).flip().asReadOnlyBuffer();
  }

  /**
   * Reports one send's end to {@code done}, once: Undertow may report a send twice (its flushing
   * listener can run again), and a failure may follow a success.
   */
  static final class Completion extends AtomicReference<Consumer<Throwable>>
      implements WebSocketCallback<Void> {

    private static final long serialVersionUID = 1L;

    Completion(Consumer<Throwable> done) {
      super(done);
    }

    @Override
    public void complete(WebSocketChannel channel, Void context) {
      finish(null);
    }

    @Override
    public void onError(WebSocketChannel channel, Void context, Throwable failure) {
      finish(failure);
    }

    void failed(Throwable failure) {
      finish(failure);
    }

    private void finish(Throwable failure) {
      Consumer<Throwable> done = getAndSet(null);
      if (done != null) {
        done.accept(failure);
      }
    }
  }
}
