package dev.candypack.ws.impl.route;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A route's handler for one connection, with the CDI context it was created in; {@link #release()}
 * destroys the dependent objects CDI made for it.
 */
public final class RouteHandler {

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final AsyncCandyHandler code;
  private final CreationalContext<?> context;

  private RouteHandler(AsyncCandyHandler code, CreationalContext<?> context) {
    this.code = code;
    this.context = context;
  }

  static RouteHandler ofSync(CandyHandler handler, CreationalContext<?> context) {
    return new RouteHandler(
        (ws, candy) -> {
          handler.handle(ws, candy);
          return DONE;
        },
        context);
  }

  static RouteHandler ofAsync(AsyncCandyHandler handler, CreationalContext<?> context) {
    return new RouteHandler(handler, context);
  }

  /**
   * Runs the route's code.
   *
   * @param ws the connection
   * @param candy the request context
   * @return a stage that completes when the handler has finished
   * @throws Exception what the handler threw
   */
  public CompletionStage<?> handle(CandySocket ws, Candy candy) throws Exception {
    CompletionStage<?> stage = code.handle(ws, candy);
    return stage == null ? DONE : stage;
  }

  /** Lets CDI destroy what it created for this connection. Called once, when it closes. */
  public void release() {
    context.release();
  }
}
