package dev.candypack.ws.example;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyHandler;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The chat examples of the CandyPack docs: a welcome and echo route, a game lobby with rooms, and
 * rooms with URL parameters.
 */
@ApplicationScoped
public class ChatRoutes {

  /**
   * {@code /chat}: greets, then echoes every message back, parsed.
   *
   * @param ws the connection
   */
  @CandyRoute("/chat")
  void chat(CandySocket ws) {
    ws.send(Json.object("type", "welcome", "message", "Connected!"));
    ws.onMessage(data -> ws.send(Json.object("type", "echo", "data", data.data())));
  }

  /**
   * {@code /game?room=R}: joins room R (or {@code lobby}) and relays each {@code {"message": M}} to
   * every member, the sender included.
   *
   * @return the route's handler
   */
  @Produces
  @CandyRoute("/game")
  CandyHandler game() {
    return (ws, candy) -> {
      String room = candy.request().params().getOrDefault("room", "lobby");
      ws.join(room);
      ws.onMessage(
          data -> ws.to(room).send(Json.object("type", "chat", "message", data.get("message"))));
      ws.onClose(close -> ws.leave(room));
    };
  }

  /**
   * {@code /room/{roomId}/user/{userId}}: joins the room, remembers the user in the connection's
   * data, and relays each {@code {"text": T}} to the room with the sender's id.
   *
   * @return the route's handler
   */
  @Produces
  @CandyRoute("/room/{roomId}/user/{userId}")
  CandyHandler room() {
    return (ws, candy) -> {
      String roomId = candy.request().url("roomId");
      String userId = candy.request().url("userId");
      ws.join(roomId);
      ws.data().put("userId", userId);
      ws.send(Json.object("type", "joined", "roomId", roomId, "userId", userId));
      ws.onMessage(
          data ->
              ws.to(roomId)
                  .send(
                      Json.object(
                          "type",
                          "message",
                          "userId",
                          ws.data().get("userId"),
                          "text",
                          data.get("text"),
                          "room",
                          roomId)));
    };
  }

  /**
   * {@code /broadcast}: each {@code {"type": "broadcast", "message": M}} becomes an announcement to
   * every other socket of the application. The clock is injected by CDI, like any other parameter.
   *
   * @param ws the connection
   * @param candy the request
   * @param clock the clock for the timestamp
   */
  @CandyRoute("/broadcast")
  void broadcast(CandySocket ws, Candy candy, Clock clock) {
    ws.onMessage(
        data -> {
          if ("broadcast".equals(data.get("type"))) {
            ws.broadcast(
                Json.object(
                    "type", "announcement",
                    "message", data.get("message"),
                    "timestamp", clock.millis()));
          }
        });
  }

  /**
   * The clock the routes use; a test could replace it.
   *
   * @return the system clock
   */
  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }
}
