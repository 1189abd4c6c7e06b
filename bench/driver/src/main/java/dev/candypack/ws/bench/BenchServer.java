package dev.candypack.ws.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An application server running the benchmark WARs ({@code bench.war} at {@code /bench}, and {@code
 * bench-native.war} at {@code /bench-native} when the native twin runs), started and stopped by the
 * driver on free loopback ports.
 */
interface BenchServer extends WsServer {

  /** Starts a fresh server with the WARs. */
  interface Starter {
    /**
     * Starts it.
     *
     * @return the running server, every WAR answering
     * @throws Exception when it does not start in time
     */
    BenchServer start() throws Exception;
  }

  /**
   * An HTTP address on the server.
   *
   * @param path such as {@code /bench/stats}
   * @return the URI
   */
  default URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /**
   * The server's output.
   *
   * @return the log file
   */
  Path log();

  /**
   * Copies a process's output to a file, and completes once a line matches.
   *
   * @param process the server's process
   * @param log where to copy its output
   * @param ready the line that says it is ready
   * @param name the name of the copying thread
   * @return completed at the first matching line; failed when the output ends before one
   */
  static CompletableFuture<Void> copyOutput(
      Process process, Path log, Predicate<String> ready, String name) {
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                  out.println(line);
                  if (ready.test(line)) {
                    started.complete(null);
                  }
                }
                started.completeExceptionally(new IOException("the server stopped"));
              } catch (IOException e) {
                started.completeExceptionally(e);
              }
            },
            name);
    pump.setDaemon(true);
    pump.start();
    return started;
  }

  /**
   * Waits until every deployed WAR answers its stats page.
   *
   * @param server the server
   * @param wars the WARs, each at the context root of its file name
   * @param seconds the longest to wait
   * @throws Exception when one does not answer in time
   */
  static void awaitWars(BenchServer server, Iterable<Path> wars, long seconds) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (Path war : wars) {
      URI stats = server.http(contextRoot(war) + "/stats");
      while (!answers(http, stats)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(stats + " does not answer");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /**
   * The context root both servers give a WAR deployed without one: its file name.
   *
   * @param war such as {@code bench-native.war}
   * @return such as {@code /bench-native}
   */
  static String contextRoot(Path war) {
    String name = war.getFileName().toString();
    return "/" + name.substring(0, name.length() - ".war".length());
  }

  private static boolean answers(HttpClient http, URI uri) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false; // not yet
    }
  }
}
