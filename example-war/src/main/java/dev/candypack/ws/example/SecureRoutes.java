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

  /**
   * {@code /board}: every signed-in user reads the board, only editors post to it. A post from
   * someone else is refused on its own, {@code
   * {"type":"error","error":"Forbidden","role":"editor"}}, and the connection stays open: {@code
   * inRole} answers at message time from the roles the handshake checked. Anonymous clients are
   * closed with 4001 before the handler runs; a page's socket opened under a logged-in session
   * closes with 4001 "Session ended" at logout.
   *
   * @param ws the connection
   * @param candy the request
   */
  @CandyRoute(value = "/board", authenticated = true)
  void board(CandySocket ws, Candy candy) {
    String user = candy.auth().user().orElseThrow().getName();
    ws.join("board");
    ws.send(Json.object("type", "welcome", "user", user, "editor", candy.auth().inRole("editor")));
    ws.onMessage(
        message -> {
          if (!candy.auth().inRole("editor")) {
            ws.send(Json.object("type", "error", "error", "Forbidden", "role", "editor"));
            return;
          }
          ws.to("board")
              .send(Json.object("type", "post", "user", user, "text", message.get("text")));
        });
  }
}
