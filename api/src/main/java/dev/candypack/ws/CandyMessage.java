package dev.candypack.ws;

/**
 * One text message from the client, offered raw and as JSON.
 *
 * <pre>{@code
 * ws.onMessage(msg -> {
 *   if (msg.isJson()) {
 *     ws.send(Map.of("echo", msg.get("text")));
 *   } else {
 *     ws.send("plain: " + msg.text());
 *   }
 * });
 * }</pre>
 *
 * <p>JSON is parsed on first use, once; a handler that only needs the text pays nothing for it.
 */
public interface CandyMessage {

  /**
   * The message exactly as it arrived.
   *
   * @return the text
   */
  String text();

  /**
   * Whether the text is valid JSON.
   *
   * @return {@code true} when {@link #data()} is parsed JSON
   */
  boolean isJson();

  /**
   * The message as CandyPack's handlers see it: the parsed JSON value when the text is valid JSON
   * (a {@code Map<String, Object>}, a {@code List<Object>}, a {@code String}, a {@code BigDecimal},
   * a {@code Boolean} or {@code null}), otherwise the text itself.
   *
   * @return the parsed value, or the text
   */
  Object data();

  /**
   * A member of a JSON object message.
   *
   * @param key the member's name
   * @return its parsed value, or {@code null} when the message is not a JSON object or lacks the
   *     member
   */
  Object get(String key);

  /**
   * Binds the JSON text to a class through JSON-B.
   *
   * @param type the class
   * @param <T> the type
   * @return the bound value
   * @throws BindingException when the text is not JSON of that shape
   */
  <T> T as(Class<T> type);

  /** A message's text could not be bound to the requested class. */
  final class BindingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the JSON-B error
     */
    public BindingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
