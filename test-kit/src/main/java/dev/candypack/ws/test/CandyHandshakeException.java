package dev.candypack.ws.test;

import java.io.IOException;

/**
 * The server refused the WebSocket handshake with an HTTP status instead of upgrading the
 * connection, for example {@code 404} for a path without a route or {@code 403} for a foreign
 * origin.
 *
 * <pre>{@code
 * CandyHandshakeException refused =
 *     assertThrows(CandyHandshakeException.class, () -> app.connect("no/such/route"));
 * assertEquals(404, refused.status());
 * }</pre>
 */
public class CandyHandshakeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the server's answer. */
  private final int status;

  /**
   * A refused handshake.
   *
   * @param status the HTTP status of the server's answer
   * @param cause what the JDK's client reported
   */
  public CandyHandshakeException(int status, Throwable cause) {
    super("the server refused the WebSocket handshake with HTTP " + status, cause);
    this.status = status;
  }

  /**
   * The HTTP status the server answered with.
   *
   * @return the status, such as {@code 401}, {@code 403} or {@code 404}
   */
  public int status() {
    return status;
  }
}
