package dev.candypack.ws.impl.transport;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.connection.Transport;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A connection's transport whose queued messages go out natively, and everything else (pings,
 * closes, the ends of a connection) through its Jakarta WebSocket transport. The outbound queue
 * hands over one frame at a time, so both paths stay in the queue's order.
 */
final class NativeTransport implements Transport {

  private final Transport standard;
  private final NativeSender sender;

  NativeTransport(Transport standard, NativeSender sender) {
    this.standard = standard;
    this.sender = sender;
  }

  @Override
  public void send(OutboundMessage.Text message, Consumer<Throwable> done) {
    sender.send(message, done);
  }

  @Override
  public void send(OutboundMessage.Binary message, Consumer<Throwable> done) {
    sender.send(message, done);
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    sender.send(new OutboundMessage.Text(text), done);
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    sender.send(new OutboundMessage.Binary(data), done);
  }

  @Override
  public int window() {
    return sender.window();
  }

  @Override
  public void ping(ByteBuffer payload) throws Exception {
    standard.ping(payload);
  }

  @Override
  public void close(int code, String reason) throws Exception {
    standard.close(code, reason);
  }

  @Override
  public void closeNow(int code, String reason) throws Exception {
    standard.closeNow(code, reason);
  }

  @Override
  public void end() throws Exception {
    standard.end();
  }

  @Override
  public boolean isOpen() {
    return standard.isOpen();
  }
}
