package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A connection's {@link Transport} on a Jakarta WebSocket session, sending asynchronously. */
final class SessionTransport implements Transport {

  private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

  private final Session session;

  SessionTransport(Session session) {
    this.session = session;
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    session.getAsyncRemote().sendText(text, result -> done.accept(result.getException()));
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    session.getAsyncRemote().sendBinary(data, result -> done.accept(result.getException()));
  }

  @Override
  public void ping() throws Exception {
    session.getAsyncRemote().sendPing(NO_DATA.duplicate());
  }

  @Override
  public void close(int code, String reason) throws Exception {
    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
  }
}
