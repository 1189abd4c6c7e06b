package dev.candypack.ws;

/**
 * The code of a route, run once for every connection when it opens: CandyPack's {@code (ws, Candy)
 * => { … }}.
 *
 * <pre>{@code
 * CandyHandler chat = (ws, candy) -> {
 *   ws.send(Map.of("type", "welcome", "message", "Connected!"));
 *   ws.onMessage(msg -> ws.send(Map.of("type", "echo", "data", msg.data())));
 * };
 * }</pre>
 *
 * <p>Messages that arrive while the handler runs are held and delivered, in order, to the message
 * handlers it registers. If the handler throws, the connection is closed with {@link
 * CloseStatus#INTERNAL_ERROR} (1011).
 *
 * @see AsyncCandyHandler for a handler that finishes later
 */
@FunctionalInterface
public interface CandyHandler {

  /**
   * Sets up one connection.
   *
   * @param ws the new connection
   * @param candy the request that opened it
   * @throws Exception to refuse the connection; it is closed with 1011
   */
  void handle(CandySocket ws, Candy candy) throws Exception;
}
