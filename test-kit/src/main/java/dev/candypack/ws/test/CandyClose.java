package dev.candypack.ws.test;

/**
 * How a connection ended, as the client saw it: the close frame's code and reason, or {@code 1006}
 * when the connection ended without one.
 *
 * <pre>{@code
 * assertEquals(new CandyClose(4001, "Unauthorized"), client.awaitClose());
 * }</pre>
 *
 * @param code the close code, such as {@code 1000} or {@code 4001}; {@code 1006} when the
 *     connection was lost without a close frame
 * @param reason the close frame's reason; for {@code 1006}, what the client's I/O reported
 */
public record CandyClose(int code, String reason) {

  /** The code of a connection that ended without a close frame, as browsers report it. */
  public static final int ABNORMAL = 1006;
}
