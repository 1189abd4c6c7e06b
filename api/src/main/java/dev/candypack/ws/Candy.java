package dev.candypack.ws;

/**
 * What a route handler knows besides its connection: CandyPack's {@code Candy} argument.
 *
 * <pre>{@code
 * (ws, candy) -> {
 *   String room = candy.request().url("room");
 *   if (!candy.auth().check()) {
 *     ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
 *   }
 * }
 * }</pre>
 */
public interface Candy {

  /**
   * The handshake request that opened the connection.
   *
   * @return the request
   */
  CandyRequest request();

  /**
   * The user of the handshake request, CandyPack's {@code Candy.Auth}.
   *
   * @return the authentication view
   */
  CandyAuth auth();

  /**
   * The whole server: every connection and room of the application.
   *
   * @return the server
   */
  CandyServer server();
}
