package dev.candypack.ws.bench.war;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw twin of {@code /bench/echo}: a plain annotated endpoint that echoes each text frame with
 * the basic remote, under the session's lock as the API requires when other threads may send.
 */
@ServerEndpoint("/raw/echo")
public class RawEcho {

  private static final AtomicInteger OPEN = new AtomicInteger();

  /** Counts the connection, for the stats page; it holds nothing per connection. */
  @OnOpen
  public void onOpen() {
    OPEN.incrementAndGet();
  }

  /** Counts the connection out. */
  @OnClose
  public void onClose() {
    OPEN.decrementAndGet();
  }

  /**
   * How many connections are open.
   *
   * @return the count
   */
  static int open() {
    return OPEN.get();
  }

  /**
   * Echoes a text frame.
   *
   * @param session the connection
   * @param text the frame
   * @throws IOException when the send fails; the container closes the connection
   */
  @OnMessage
  public void onMessage(Session session, String text) throws IOException {
    synchronized (session) {
      session.getBasicRemote().sendText(text);
    }
  }
}
