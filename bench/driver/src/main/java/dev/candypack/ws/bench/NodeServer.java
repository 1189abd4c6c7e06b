package dev.candypack.ws.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Node.js twin, for scale: {@code bench/node/relay.mjs} (the {@code ws} package, one process)
 * on a free loopback port, started and stopped by the driver.
 */
final class NodeServer implements WsServer {

  private final Process process;
  private final int port;

  private NodeServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the relay and waits until it listens.
   *
   * @param dir the folder of {@code relay.mjs}, with its {@code node_modules} installed
   * @return the running relay
   * @throws Exception when Node or the {@code ws} package is missing, or it does not start
   */
  static NodeServer start(Path dir) throws Exception {
    if (!Files.isDirectory(dir.resolve("node_modules/ws"))) {
      throw new IllegalStateException("run 'npm ci --prefix " + dir + "' first");
    }
    int port = WsServer.freePort();
    Process process =
        new ProcessBuilder("node", dir.resolve("relay.mjs").toString(), String.valueOf(port))
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = output.readLine();
    if (first == null || !first.startsWith("listening")) {
      process.destroyForcibly();
      throw new IllegalStateException("the Node relay did not start: " + first);
    }
    return new NodeServer(process, port);
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
  public void close() {
    WsServer.stop(process, 10);
  }
}
