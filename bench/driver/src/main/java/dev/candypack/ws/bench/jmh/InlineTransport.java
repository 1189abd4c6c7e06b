package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.connection.Transport;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A transport whose sends complete at once, as a container's do when the socket takes the frame.
 */
final class InlineTransport implements Transport {

  private final Blackhole sink;

  InlineTransport(Blackhole sink) {
    this.sink = sink;
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    sink.consume(text);
    done.accept(null);
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    sink.consume(data);
    done.accept(null);
  }

  @Override
  public void ping(ByteBuffer payload) {}

  @Override
  public void close(int code, String reason) {}

  @Override
  public void closeNow(int code, String reason) {}

  @Override
  public void end() {}

  @Override
  public boolean isOpen() {
    return true;
  }
}
