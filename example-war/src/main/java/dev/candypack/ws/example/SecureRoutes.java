package dev.candypack.ws.example;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.CompletableFuture;

/** The authentication examples: routes that need the user the container authenticated. */
@ApplicationScoped
public class SecureRoutes {

  /**
   * {@code /secure}: CandyPack's async auth example. Without a user it answers {@code
   * {"error":"Unauthorized"}} and closes with 4001; with one it welcomes them by name.
   *
   * @return the route's handler
   */
  @Produces
  @CandyRoute("/secure")
  AsyncCandyHandler secure() {
    return (ws, candy) ->
        CompletableFuture.supplyAsync(() -> candy.auth().user())
            .thenAccept(
                user -> {
                  if (user.isEmpty()) {
                    ws.send(Json.object("error", "Unauthorized"));
                    ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
                    return;
                  }
                  ws.data().put("user", user.get().getName());
                  ws.send(Json.object("type", "welcome", "user", user.get().getName()));
                });
  }

  /**
   * {@code /notifications}: each user's sockets join the room {@code user-<name>}, which {@link
   * NotifyResource} sends to.
   *
   * @param ws the connection
   * @param candy the request
   */
  @CandyRoute("/notifications")
  void notifications(CandySocket ws, Candy candy) {
    if (!candy.auth().check()) {
      ws.close(CloseStatus.UNAUTHORIZED, "Unauthorized");
      return;
    }
    ws.join(NotifyResource.roomOf(candy.auth().user().orElseThrow().getName()));
    ws.send(Json.object("type", "connected"));
  }
}
