package dev.candypack.ws.impl.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates {@code candy.ws.*} values. Each feature keeps its own small settings record
 * and reads it through one of these, so that adding a key touches only that feature:
 *
 * <pre>{@code
 * record HistorySettings(int size) {
 *   static HistorySettings from(SettingsReader settings) {
 *     return new HistorySettings(settings.integer("history.size", 100, 0, 100_000));
 *   }
 * }
 * }</pre>
 *
 * An invalid value is an {@link IllegalArgumentException} that names the key, the value and what it
 * should be; an unset or blank key is the default.
 */
public final class SettingsReader {

  private final Function<String, Optional<String>> source;

  /**
   * Reads from a source of values.
   *
   * @param source the value of a full key ({@code candy.ws.…}), if set
   */
  public SettingsReader(Function<String, Optional<String>> source) {
    this.source = source;
  }

  /**
   * The raw value of a key, if set and not blank.
   *
   * @param key the key without the {@code candy.ws.} prefix
   * @return the trimmed value
   */
  public Optional<String> text(String key) {
    return source.apply(CandySettings.PREFIX + key).map(String::trim).filter(v -> !v.isEmpty());
  }

  /**
   * A comma-separated list; blank entries are dropped, an unset key is the empty list.
   *
   * @param key the key without the prefix
   * @return the entries
   */
  public List<String> list(String key) {
    return text(key)
        .map(
            list ->
                Arrays.stream(list.split(","))
                    .map(String::trim)
                    .filter(entry -> !entry.isEmpty())
                    .toList())
        .orElse(List.of());
  }

  /**
   * {@code true} or {@code false}, in any case.
   *
   * @param key the key without the prefix
   * @param fallback the default
   * @return the value
   */
  public boolean bool(String key, boolean fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.get());
    }
    throw new IllegalArgumentException(
        "candy-ws: "
            + CandySettings.PREFIX
            + key
            + " = '"
            + value.get()
            + "' is neither true nor false");
  }

  /**
   * A whole number in a range.
   *
   * @param key the key without the prefix
   * @param fallback the default
   * @param minimum the smallest valid value
   * @param maximum the largest valid value
   * @return the value
   */
  public long number(String key, long fallback, long minimum, long maximum) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.get());
      if (number < minimum || number > maximum) {
        throw new NumberFormatException("out of range");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "candy-ws: "
              + CandySettings.PREFIX
              + key
              + " = '"
              + value.get()
              + "' is not a whole number from "
              + minimum
              + " to "
              + maximum,
          e);
    }
  }

  /**
   * A whole number from {@code minimum} up.
   *
   * @param key the key without the prefix
   * @param fallback the default
   * @param minimum the smallest valid value
   * @return the value
   */
  public long number(String key, long fallback, long minimum) {
    return number(key, fallback, minimum, Long.MAX_VALUE);
  }

  /**
   * An {@code int} in a range.
   *
   * @param key the key without the prefix
   * @param fallback the default
   * @param minimum the smallest valid value
   * @param maximum the largest valid value
   * @return the value
   */
  public int integer(String key, int fallback, int minimum, int maximum) {
    return (int) number(key, fallback, minimum, maximum);
  }
}
