package dev.candypack.ws.impl.transport;

import dev.candypack.ws.impl.config.SettingsReader;

/**
 * How an application's connections send.
 *
 * @param nativeMode whether through the container's native API ({@code candy.ws.native-transport})
 */
public record TransportSettings(NativeMode nativeMode) {

  /** The key of the native mode, under {@code candy.ws.}. */
  static final String NATIVE_KEY = "native-transport";

  /** The settings when no key is set: Jakarta WebSocket only. */
  public static final TransportSettings DEFAULTS = new TransportSettings(NativeMode.OFF);

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the settings
   * @throws IllegalArgumentException when a value is invalid; the message names the key
   */
  public static TransportSettings from(SettingsReader settings) {
    return new TransportSettings(
        settings
            .text(NATIVE_KEY)
            .map(
                value -> {
                  try {
                    return NativeMode.parse(value);
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        "candy-ws: candy.ws." + NATIVE_KEY + " " + e.getMessage(), e);
                  }
                })
            .orElse(DEFAULTS.nativeMode()));
  }
}
