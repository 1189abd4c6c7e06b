package dev.candypack.ws.impl.request;

import dev.candypack.ws.impl.config.SettingsReader;

/**
 * The settings of request-reply, the same for every connection of the application.
 *
 * @param maxPending how many requests one connection may have waiting in each direction: asked by
 *     the client and not yet answered by the route, and asked by the route and not yet answered by
 *     the client ({@code candy.ws.max-pending-requests})
 * @param timeoutMillis how long a route's request handler may take before the client gets an error
 *     reply ({@code candy.ws.request-timeout-ms})
 */
public record RequestSettings(int maxPending, long timeoutMillis) {

  /** The settings when no key is set. */
  public static final RequestSettings DEFAULTS = new RequestSettings(64, 30_000);

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the settings
   * @throws IllegalArgumentException when a value is invalid; the message names the key
   */
  public static RequestSettings from(SettingsReader settings) {
    return new RequestSettings(
        settings.integer("max-pending-requests", DEFAULTS.maxPending(), 1, 1_000_000),
        settings.number("request-timeout-ms", DEFAULTS.timeoutMillis(), 1, 86_400_000L));
  }
}
