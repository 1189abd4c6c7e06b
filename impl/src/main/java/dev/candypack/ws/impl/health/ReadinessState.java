package dev.candypack.ws.impl.health;

import dev.candypack.ws.impl.CandyRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an application is ready for connections: its routes are registered and, when it is
 * clustered, its relay reaches the other nodes.
 *
 * @param up whether it is ready
 * @param data what the check shows: {@code routes}, {@code clustered}, and {@code reason} when down
 */
public record ReadinessState(boolean up, Map<String, Object> data) {

  /** The name of the check in {@code /health/ready}. */
  public static final String NAME = "candy-ws";

  /**
   * Reads the readiness of an application now.
   *
   * @param runtime the application's runtime
   * @return its readiness
   */
  public static ReadinessState of(CandyRuntime runtime) {
    Map<String, Object> data = new LinkedHashMap<>();
    int routes = runtime.routesServed();
    boolean clustered = runtime.fanout().clustered();
    data.put("routes", routes);
    data.put("clustered", clustered);
    Optional<String> reason =
        routes == 0
            ? Optional.of("the routes are not registered yet")
            : runtime.fanout().relayOutage().map(outage -> "cluster relay: " + outage);
    reason.ifPresent(why -> data.put("reason", why));
    return new ReadinessState(reason.isEmpty(), Map.copyOf(data));
  }
}
