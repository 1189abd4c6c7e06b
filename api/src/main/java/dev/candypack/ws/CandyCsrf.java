package dev.candypack.ws;

/**
 * The CSRF token of the current user's HTTP session, for routes declared with {@code csrf = true}.
 * Inject it where you render pages or answer the page's first request, and hand the token to the
 * browser client ({@code Candy.ws(path, {token})}), which sends it as the {@code
 * candy-token-<token>} entry of {@code Sec-WebSocket-Protocol}.
 *
 * <pre>{@code
 * @Path("token")
 * public class TokenResource {
 *   @Inject CandyCsrf csrf;
 *
 *   @GET
 *   public String token() {
 *     return csrf.token();
 *   }
 * }
 * }</pre>
 */
public interface CandyCsrf {

  /**
   * The token of the current HTTP session, created with the session if needed. Call it while a
   * request is active.
   *
   * @return a random, URL-safe token, the same for the whole session
   * @throws IllegalStateException outside an HTTP request
   */
  String token();
}
