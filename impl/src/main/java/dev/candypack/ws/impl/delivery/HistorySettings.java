package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.spi.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which rooms keep a history and how much: {@code candy.ws.history.rooms} lists room-name prefixes,
 * each optionally with its own size and time ({@code feed/:500:60}); the others use {@code
 * candy.ws.history.size} messages and {@code candy.ws.history.ttl-seconds} (0: no time limit).
 * {@code candy.ws.history.max-rooms} bounds the rooms a node keeps in memory without a cluster.
 *
 * @param rules the prefixes with their limits, longest first
 * @param maxRooms the most history rooms kept in memory on this node
 */
public record HistorySettings(List<Rule> rules, int maxRooms) {

  /** No room keeps a history. */
  public static final HistorySettings NONE = new HistorySettings(List.of(), 10_000);

  /**
   * One prefix and its limits.
   *
   * @param prefix the start of the rooms' names
   * @param limits how much of each such room's history is kept
   */
  public record Rule(String prefix, HistoryStore.Limits limits) {}

  /**
   * Reads the settings.
   *
   * @param settings the application's settings
   * @return the settings
   * @throws IllegalArgumentException naming the key and value when one is invalid
   */
  public static HistorySettings from(SettingsReader settings) {
    int size = settings.integer("history.size", 100, 1, 1_000_000);
    long ttl = settings.number("history.ttl-seconds", 0, 0, 365L * 24 * 3600);
    int maxRooms = settings.integer("history.max-rooms", 10_000, 1, 10_000_000);
    List<Rule> rules = new ArrayList<>();
    for (String entry : settings.list("history.rooms")) {
      rules.add(rule(entry, size, ttl));
    }
    rules.sort((a, b) -> b.prefix().length() - a.prefix().length());
    return new HistorySettings(List.copyOf(rules), maxRooms);
  }

  private static Rule rule(String entry, int size, long ttl) {
    String[] parts = entry.split(":", -1);
    try {
      if (parts.length > 3 || parts[0].isEmpty()) {
        throw new NumberFormatException();
      }
      int capacity = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : size;
      long seconds = parts.length > 2 ? Long.parseLong(parts[2].trim()) : ttl;
      if (capacity < 1 || capacity > 1_000_000 || seconds < 0) {
        throw new NumberFormatException();
      }
      return new Rule(parts[0].trim(), new HistoryStore.Limits(capacity, seconds));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "candy-ws: candy.ws.history.rooms entry '"
              + entry
              + "' is not prefix[:size[:ttl-seconds]] with a size from 1 to 1000000 and a time of"
              + " 0 or more seconds",
          e);
    }
  }

  /**
   * The limits of a room's history, if it keeps one.
   *
   * @param room the room's name
   * @return the limits of the longest prefix that matches, or empty
   */
  public Optional<HistoryStore.Limits> limits(String room) {
    for (Rule rule : rules) {
      if (room.startsWith(rule.prefix())) {
        return Optional.of(rule.limits());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether any room keeps a history.
   *
   * @return {@code true} when a prefix is configured
   */
  public boolean any() {
    return !rules.isEmpty();
  }
}
