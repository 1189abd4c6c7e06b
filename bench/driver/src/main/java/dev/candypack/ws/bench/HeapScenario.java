package dev.candypack.ws.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap per open connection on the server, side by side: N idle connections to the raw echo endpoint
 * (which holds nothing of its own: the container's cost alone), then N to each candy-ws route of
 * each candy-ws twin. Each measurement gets a fresh server, since the container keeps pools of
 * objects from closed connections that would blur a shared one; the heap is read after full
 * collections before and after opening, and what candy-ws adds is the difference between the twins.
 */
final class HeapScenario {

  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");

  /**
   * What one candy-ws twin adds to the container's cost.
   *
   * @param twin {@code candy} or {@code native}
   * @param echo heap bytes per echo connection beyond the container's
   * @param room heap bytes per room connection beyond the container's
   */
  record Added(Twin twin, double echo, double room) {}

  /**
   * The result.
   *
   * @param connections N
   * @param container heap bytes per raw connection, the container's own cost
   * @param added what each candy-ws twin adds per connection
   */
  record Result(int connections, double container, List<Added> added) {

    /** The most any candy-ws route adds per connection. */
    double mostAdded() {
      return added.stream().mapToDouble(a -> Math.max(a.echo(), a.room())).max().orElse(0);
    }

    @Override
    public String toString() {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "heap      connections=%d container=%.0f B/conn",
                  connections,
                  container));
      for (Added a : added) {
        line.append(
            String.format(
                Locale.ROOT,
                " %s-echo=%+.0f B/conn %s-room=%+.0f B/conn",
                a.twin(),
                a.echo(),
                a.twin(),
                a.room()));
      }
      return line.toString();
    }
  }

  private HeapScenario() {}

  /**
   * Runs the scenario.
   *
   * @param clients the client pool
   * @param servers starts a fresh server for each measurement
   * @param connections N
   * @param twins the candy-ws twins to measure
   * @param histogram how many of the classes that grew most to print per measurement (0: none)
   * @return the result
   * @throws Exception when the connections cannot be opened or the server does not answer
   */
  static Result run(
      Clients clients,
      BenchServer.Starter servers,
      int connections,
      List<Twin> twins,
      int histogram)
      throws Exception {
    Measure measure =
        (app, path, counter) ->
            perConnection(clients, servers, app, path, counter, connections, histogram);
    double raw = measure.perConnection(Twin.RAW.app(), Twin.RAW.echo(), "rawEcho");
    List<Added> added = new ArrayList<>();
    for (Twin twin : twins) {
      double echo = measure.perConnection(twin.app(), twin.echo(), "candy");
      double room = measure.perConnection(twin.app(), twin.room() + "heap", "candy");
      added.add(new Added(twin, echo - raw, room - raw));
    }
    return new Result(connections, raw, added);
  }

  /** One measurement on a fresh server. */
  private interface Measure {
    double perConnection(String app, String path, String counter) throws Exception;
  }

  private static double perConnection(
      Clients clients,
      BenchServer.Starter servers,
      String app,
      String path,
      String counter,
      int connections,
      int histogram)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (BenchServer server = servers.start()) {
      // Load the classes and fill the pools one connection's life needs, then measure.
      close(http, server, app, counter, open(clients, server, path, Math.min(200, connections)));
      awaitCount(http, server, app, counter, 0);
      long before = heap(http, server, app);
      ClassHistogram classesBefore = histogram > 0 ? ClassHistogram.of(server.pid()) : null;
      List<WebSocket> sockets = open(clients, server, path, connections);
      awaitCount(http, server, app, counter, connections);
      long after = heap(http, server, app);
      if (classesBefore != null) {
        System.out.println(
            "heap      grown most on "
                + path
                + ":\n"
                + ClassHistogram.of(server.pid())
                    .grownSince(classesBefore, connections, histogram));
      }
      close(http, server, app, counter, sockets);
      return (after - before) / (double) connections;
    }
  }

  private static List<WebSocket> open(
      Clients clients, BenchServer server, String path, int connections) throws Exception {
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
      HttpClient http, BenchServer server, String app, String counter, List<WebSocket> sockets)
      throws Exception {
    Clients.closeAll(sockets);
    awaitCount(http, server, app, counter, 0);
  }

  /** The median of three readings, each after full collections. */
  private static long heap(HttpClient http, BenchServer server, String app) throws Exception {
    long[] readings = {
      stat(http, server, app, "heapUsed", true),
      stat(http, server, app, "heapUsed", true),
      stat(http, server, app, "heapUsed", true)
    };
    java.util.Arrays.sort(readings);
    return readings[1];
  }

  private static void awaitCount(
      HttpClient http, BenchServer server, String app, String counter, long want) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stat(http, server, app, counter, false) != want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(app + " " + counter + " did not reach " + want);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /**
   * One figure of a WAR's stats page.
   *
   * @param http the client
   * @param server the server
   * @param app the WAR's context root, such as {@code /bench}
   * @param name {@code candy}, {@code rawEcho}, {@code rawRoom} or {@code heapUsed}
   * @param gc whether to collect the garbage first
   * @return the figure
   * @throws Exception when the page does not answer or lacks the figure
   */
  static long stat(HttpClient http, BenchServer server, String app, String name, boolean gc)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.http(app + "/stats" + (gc ? "?gc=true" : ""))).build(),
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
