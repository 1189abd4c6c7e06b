package dev.candypack.ws.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A server process the load scenarios connect to. */
interface WsServer extends AutoCloseable {

  /**
   * The loopback port this server listens on.
   *
   * @return the port
   */
  int port();

  /**
   * A WebSocket address on this server.
   *
   * @param path the path, such as {@code /bench/echo}
   * @return the address on loopback
   */
  default URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port() + path);
  }

  /**
   * The process id, to measure its CPU time.
   *
   * @return the pid
   */
  long pid();

  @Override
  void close();

  /**
   * A free port on loopback, for a server to listen on.
   *
   * @return the port
   * @throws IOException when no port can be had
   */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Stops a server process: asks it to end, and kills it when it takes longer than the grace.
   *
   * @param process the server's process
   * @param graceSeconds how long it may take to stop by itself
   */
  static void stop(Process process, long graceSeconds) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
