package dev.candypack.ws.impl.transaction;

import dev.candypack.ws.impl.config.SettingsReader;

/**
 * Whether sends follow the transaction they are made in.
 *
 * @param transactionalSends {@code candy.ws.transactional-sends}, {@code true} by default: a send
 *     made inside an active JTA transaction goes out after the commit, or never
 */
public record TransactionSettings(boolean transactionalSends) {

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the settings
   * @throws IllegalArgumentException when the value is neither {@code true} nor {@code false}
   */
  public static TransactionSettings from(SettingsReader settings) {
    return new TransactionSettings(settings.bool("transactional-sends", true));
  }
}
