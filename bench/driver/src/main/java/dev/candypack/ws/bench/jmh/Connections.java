package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import dev.candypack.ws.impl.connection.ConnectionLimits;
import dev.candypack.ws.impl.connection.Transport;
import dev.candypack.ws.impl.policy.RateLimiter;
import java.util.UUID;

/** Opens connections the way the container adapter does, with the benchmark WAR's limits. */
final class Connections {

  private Connections() {}

  static Connection open(CandyRuntime runtime, Transport transport) {
    Connection connection =
        new Connection(
            UUID.randomUUID().toString(),
            "/bench/room/{room}",
            transport,
            runtime,
            new ConnectionLimits(
                8L * 1024 * 1024,
                new RateLimiter(0, 1000, 1),
                256L * 1024 * 1024,
                Integer.MAX_VALUE, // no one answers the pings that confirm reading: no count
                256,
                100));
    connection.opened();
    return connection;
  }
}
