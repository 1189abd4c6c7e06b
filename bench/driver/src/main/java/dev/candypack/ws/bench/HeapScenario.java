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
 * (which holds nothing of its own: the container's cost alone), then N to each candy-ws route. The
 * server's heap is read after full collections; what candy-ws adds is the difference.
 */
final class HeapScenario {

  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");

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
   * @param server the server
   * @param connections N
   * @return the result
   * @throws Exception when the connections cannot be opened or the server does not answer
   */
  static Result run(Clients clients, PayaraServer server, int connections) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long empty = heap(http, server);
    long raw = heapWith(clients, http, server, "/raw/echo", "rawEcho", connections);
    long echo = heapWith(clients, http, server, "/bench/echo", "candy", connections);
    long room = heapWith(clients, http, server, "/bench/room/heap", "candy", connections);
    double container = (raw - empty) / (double) connections;
    return new Result(
        connections,
        container,
        (echo - raw) / (double) connections,
        (room - raw) / (double) connections);
  }

  private static long heapWith(
      Clients clients,
      HttpClient http,
      PayaraServer server,
      String path,
      String counter,
      int connections)
      throws Exception {
    List<WebSocket> sockets =
        clients.openAll(
            server.ws(path),
            connections,
            i ->
                new Clients.TextListener() {
                  @Override
                  void onMessage(WebSocket webSocket, CharSequence text) {}
                });
    try {
      awaitCount(http, server, counter, connections);
      // The median of three readings, each after full collections.
      long[] readings = {heap(http, server), heap(http, server), heap(http, server)};
      java.util.Arrays.sort(readings);
      return readings[1];
    } finally {
      Clients.closeAll(sockets);
      awaitCount(http, server, counter, 0);
    }
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

  private static long heap(HttpClient http, PayaraServer server) throws Exception {
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
