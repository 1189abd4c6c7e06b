package dev.candypack.ws;

import java.util.concurrent.CompletionStage;

/**
 * A route handler that finishes asynchronously: CandyPack's {@code async (ws, Candy) => { … }}.
 *
 * <pre>{@code
 * @Produces
 * @CandyRoute("/profile")
 * AsyncCandyHandler profile(ProfileService profiles) {
 *   return (ws, candy) -> profiles.load(candy.auth().user().orElseThrow())
 *       .thenAccept(profile -> ws.send(profile));
 * }
 * }</pre>
 *
 * <p>Until the returned stage completes, incoming messages are held; then they are delivered, in
 * order, to the message handlers registered so far. A stage that completes exceptionally closes the
 * connection with {@link CloseStatus#INTERNAL_ERROR} (1011).
 */
@FunctionalInterface
public interface AsyncCandyHandler {

  /**
   * Sets up one connection.
   *
   * @param ws the new connection
   * @param candy the request that opened it
   * @return a stage that completes when the connection is set up
   * @throws Exception to refuse the connection; it is closed with 1011
   */
  CompletionStage<?> handle(CandySocket ws, Candy candy) throws Exception;
}
