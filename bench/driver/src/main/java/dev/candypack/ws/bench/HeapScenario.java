package dev.candypack.ws.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap per open connection on the server, side by side: N idle connections to the raw echo endpoint
 * (which holds nothing of its own: the container's cost alone), then N to each candy-ws route. Each
 * twin gets a fresh server, since the container keeps pools of objects from closed connections that
 * would blur a shared one; the heap is read after full collections before and after opening, and
 * what candy-ws adds is the difference between the twins.
 */
final class HeapScenario {

  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");

  /** Starts a fresh server. */
  interface Servers {
    PayaraServer start() throws Exception;
  }

  /**
   * The result.
   *
   * @param connections N
   * @param container heap bytes per raw connection, the container's own cost
   * @param candyEcho heap bytes per {@code /bench/echo} connection beyond the container's
   * @param candyRoom heap bytes per {@code /bench/room/{room}} connection beyond the container's
   */
  record Result(int connections, double container, double candyEcho, double candyRoom) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "heap      connections=%d container=%.0f B/conn candy-echo=%+.0f B/conn"
              + " candy-room=%+.0f B/conn",
          connections,
          container,
          candyEcho,
          candyRoom);
    }
  }

  private HeapScenario() {}

  /**
   * Runs the scenario.
   *
   * @param clients the client pool
   * @param servers starts a fresh server for each twin
   * @param connections N
   * @return the result
   * @throws Exception when the connections cannot be opened or the server does not answer
   */
  static Result run(Clients clients, Servers servers, int connections) throws Exception {
    double raw = perConnection(clients, servers, "/raw/echo", "rawEcho", connections);
    double echo = perConnection(clients, servers, "/bench/echo", "candy", connections);
    double room = perConnection(clients, servers, "/bench/room/heap", "candy", connections);
    return new Result(connections, raw, echo - raw, room - raw);
  }

  private static double perConnection(
      Clients clients, Servers servers, String path, String counter, int connections)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (PayaraServer server = servers.start()) {
      // Load the classes and fill the pools one connection's life needs, then measure.
      close(http, server, counter, open(clients, server, path, Math.min(200, connections)));
      awaitCount(http, server, counter, 0);
      long before = heap(http, server);
      List<WebSocket> sockets = open(clients, server, path, connections);
      awaitCount(http, server, counter, connections);
      long after = heap(http, server);
      close(http, server, counter, sockets);
      return (after - before) / (double) connections;
    }
  }

  private static List<WebSocket> open(
      Clients clients, PayaraServer server, String path, int connections) throws Exception {
    return clients.openAll(
        server.ws(path),
        connections,
        i ->
            new Clients.TextListener() {
              @Override
              void onMessage(WebSocket webSocket, CharSequence text) {}
            });
  }

  private static void close(
      HttpClient http, PayaraServer server, String counter, List<WebSocket> sockets)
      throws Exception {
    Clients.closeAll(sockets);
    awaitCount(http, server, counter, 0);
  }

  /** The median of three readings, each after full collections. */
  private static long heap(HttpClient http, PayaraServer server) throws Exception {
    long[] readings = {gcHeap(http, server), gcHeap(http, server), gcHeap(http, server)};
    java.util.Arrays.sort(readings);
    return readings[1];
  }

  private static void awaitCount(HttpClient http, PayaraServer server, String counter, long want)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stat(http, server, counter, false) != want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(counter + " did not reach " + want);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static long gcHeap(HttpClient http, PayaraServer server) throws Exception {
    return stat(http, server, "heapUsed", true);
  }

  static long stat(HttpClient http, PayaraServer server, String name, boolean gc) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.http("/stats" + (gc ? "?gc=true" : ""))).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher matcher = NUMBER.matcher(response.body());
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return Long.parseLong(matcher.group(2));
      }
    }
    throw new IllegalStateException("no " + name + " in " + response.body());
  }
}
