package dev.candypack.ws.impl.auth;

import dev.candypack.ws.impl.config.SettingsReader;

/**
 * What the end of an HTTP session does to the connections opened under it.
 *
 * @param closeOnSessionEnd {@code candy.ws.close-on-session-end}: close them with 4001 "Session
 *     ended" when the session is invalidated or expires; default {@code true}
 */
public record SessionSettings(boolean closeOnSessionEnd) {

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the settings
   * @throws IllegalArgumentException naming the key when a value is invalid
   */
  public static SessionSettings from(SettingsReader settings) {
    return new SessionSettings(settings.bool("close-on-session-end", true));
  }
}
