package dev.candypack.ws.example;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** The binary example: every binary frame comes back unchanged. */
@ApplicationScoped
public class BinaryRoutes {

  /**
   * {@code /binary}: echoes binary frames byte for byte.
   *
   * @param ws the connection
   */
  @CandyRoute("/binary")
  void binary(CandySocket ws) {
    ws.onBinary(ws::sendBinary);
  }
}
