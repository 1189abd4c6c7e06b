package dev.candypack.ws.impl.dashboard;

import dev.candypack.ws.impl.config.SettingsReader;

/**
 * The dashboard's settings, {@code candy.ws.dashboard.*}.
 *
 * @param enabled whether the dashboard's route exists ({@code enabled}, default {@code false})
 * @param role the role a user needs to watch it ({@code role}, default {@value #DEFAULT_ROLE})
 * @param intervalMillis how often a snapshot is sent ({@code interval-ms}, default 1000)
 * @param maxWatchers how many dashboard connections may be open at once ({@code max-watchers},
 *     default 16); more are closed with 1013
 */
public record DashboardSettings(
    boolean enabled, String role, long intervalMillis, int maxWatchers) {

  /** The role a user needs unless {@code candy.ws.dashboard.role} names another. */
  public static final String DEFAULT_ROLE = "candy-ws-admin";

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the dashboard's settings
   * @throws IllegalArgumentException naming the key of an invalid value
   */
  public static DashboardSettings from(SettingsReader settings) {
    return new DashboardSettings(
        settings.bool("dashboard.enabled", false),
        settings.text("dashboard.role").orElse(DEFAULT_ROLE),
        settings.number("dashboard.interval-ms", 1000, 100, 60_000),
        settings.integer("dashboard.max-watchers", 16, 1, 256));
  }
}
