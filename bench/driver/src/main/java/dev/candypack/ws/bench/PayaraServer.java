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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro serving the benchmark WAR at the context root, on a free loopback port, started
 * and stopped by the driver. Its log goes to a file next to the WAR.
 */
final class PayaraServer implements WsServer {

  private static final long START_SECONDS = 240;

  private final Process process;
  private final int port;
  private final Path log;

  private PayaraServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Payara Micro and waits until it says it is ready and the WAR answers.
   *
   * @param micro the Payara Micro jar
   * @param war the benchmark WAR
   * @param jvmOptions options for the server's JVM, such as its heap
   * @return the running server
   * @throws Exception when it does not start in time
   */
  static PayaraServer start(Path micro, Path war, List<String> jvmOptions) throws Exception {
    int port = WsServer.freePort();
    Path dir = war.toAbsolutePath().getParent();
    Path log = dir.resolve("payara-" + port + ".log");
    // Payara Micro listens on every interface by default; the benchmark keeps to loopback.
    Path preboot = dir.resolve("payara-preboot.asadmin");
    Files.writeString(
        preboot,
        "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address=127.0.0.1\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar",
            micro.toAbsolutePath().toString(),
            "--deploy",
            war.toAbsolutePath().toString(),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            "--nocluster",
            "--prebootcommandfile",
            preboot.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    PayaraServer server = new PayaraServer(process, port, log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> server.copyLog(ready), "payara-log");
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(START_SECONDS, TimeUnit.SECONDS);
      server.awaitWar();
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("Payara Micro did not start; see " + log, e);
    }
    return server;
  }

  private void copyLog(CompletableFuture<Void> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.contains("Payara Micro") && line.contains("ready")) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IOException("the server stopped"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  private void awaitWar() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(http("/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the benchmark WAR does not answer");
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /**
   * An address on the server.
   *
   * @param path such as {@code /bench/echo}
   * @return the WebSocket URI
   */
  @Override
  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  /**
   * An HTTP address on the server.
   *
   * @param path such as {@code /stats}
   * @return the URI
   */
  URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * The process id, to profile it.
   *
   * @return the pid
   */
  @Override
  public long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    WsServer.stop(process, 30);
  }
}
