package dev.candypack.ws.bench.war;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The candy-ws side of the benchmark: the same behaviour as {@link RawEcho} and {@link RawRoom},
 * written as a user of candy-ws writes it. Limits are off so that they do not decide the figures.
 * Neither route ever blocks, so both say {@code nonBlocking}: with the native send path on WildFly
 * their handlers run on the I/O thread that read the message (the {@code candy} twin, native off,
 * ignores it, as the attribute says). The paths are under the WAR's context root: {@code
 * /bench/echo} in {@code bench.war}, {@code /bench-native/echo} in the copy the driver makes with
 * the native send path on.
 */
@ApplicationScoped
public class BenchRoutes {

  /** Large enough for any benchmark message; Tyrus's own buffer (10 MiB) stays the larger. */
  static final long MAX_MESSAGE = 8L * 1024 * 1024;

  /**
   * Echoes each text frame verbatim.
   *
   * @param ws the connection
   * @param candy the request context
   */
  @CandyRoute(value = "/echo", rateLimit = 0, maxMessageSize = MAX_MESSAGE, nonBlocking = true)
  void echo(CandySocket ws, Candy candy) {
    ws.onMessage(message -> ws.send(message.text()));
  }

  /**
   * Joins the room of the path and relays each text frame verbatim to every member, the sender
   * included.
   *
   * @param ws the connection
   * @param candy the request context
   */
  @CandyRoute(
      value = "/room/{room}",
      rateLimit = 0,
      maxMessageSize = MAX_MESSAGE,
      nonBlocking = true)
  void room(CandySocket ws, Candy candy) {
    String name = candy.request().url("room");
    ws.join(name);
    CandyRoom room = ws.to(name);
    ws.onMessage(message -> room.send(message.text()));
  }
}
