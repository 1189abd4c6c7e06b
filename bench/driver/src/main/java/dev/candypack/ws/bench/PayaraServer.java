package dev.candypack.ws.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro serving the benchmark WARs, each at the context root of its file name, on a free
 * loopback port, started and stopped by the driver. Its log goes to a file next to the WARs.
 */
final class PayaraServer implements BenchServer {

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
   * Starts Payara Micro and waits until it says it is ready and every WAR answers.
   *
   * @param micro the Payara Micro jar
   * @param wars the benchmark WARs
   * @param jvmOptions options for the server's JVM, such as its heap
   * @return the running server
   * @throws Exception when it does not start in time
   */
  static PayaraServer start(Path micro, List<Path> wars, List<String> jvmOptions) throws Exception {
    int port = WsServer.freePort();
    Path dir = micro.toAbsolutePath().getParent();
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
    command.addAll(List.of("-jar", micro.toAbsolutePath().toString()));
    for (Path war : wars) {
      command.addAll(List.of("--deploy", war.toAbsolutePath().toString()));
    }
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--nocluster",
            "--prebootcommandfile",
            preboot.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    PayaraServer server = new PayaraServer(process, port, log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    CompletableFuture<Void> ready =
        BenchServer.copyOutput(
            process,
            log,
            line -> line.contains("Payara Micro") && line.contains("ready"),
            "payara-log");
    try {
      ready.get(START_SECONDS, TimeUnit.SECONDS);
      BenchServer.awaitWars(server, wars, 60);
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("Payara Micro did not start; see " + log, e);
    }
    return server;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Path log() {
    return log;
  }

  @Override
  public void close() {
    WsServer.stop(process, 30);
  }
}
