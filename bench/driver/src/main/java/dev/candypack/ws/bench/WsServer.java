package dev.candypack.ws.bench;

import java.net.URI;

/** A server process the load scenarios connect to. */
interface WsServer extends AutoCloseable {

  /**
   * A WebSocket address on this server.
   *
   * @param path the path, such as {@code /bench/echo}
   * @return the address on loopback
   */
  URI ws(String path);

  /**
   * The process id, to measure its CPU time.
   *
   * @return the pid
   */
  long pid();

  @Override
  void close();
}
