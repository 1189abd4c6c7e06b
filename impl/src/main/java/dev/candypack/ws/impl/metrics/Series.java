package dev.candypack.ws.impl.metrics;

/**
 * One metric, named as Prometheus prints it less the {@code _total} that counters get.
 *
 * @param name the name, such as {@code candy_ws_connections_opened}
 * @param counter whether it only grows (a counter) or goes up and down (a gauge)
 * @param help what it counts
 */
record Series(String name, boolean counter, String help) {

  static Series gauge(String name, String help) {
    return new Series(name, false, help);
  }

  static Series counter(String name, String help) {
    return new Series(name, true, help);
  }

  /**
   * The name as Prometheus prints it.
   *
   * @return the name, with {@code _total} for a counter
   */
  String prometheusName() {
    return counter ? name + "_total" : name;
  }

  /**
   * The name in Micrometer's and OpenTelemetry's dotted style, which their Prometheus output turns
   * back into {@link #prometheusName()}.
   *
   * @return the name, such as {@code candy.ws.connections.opened}
   */
  String dottedName() {
    return name.replace('_', '.');
  }
}
