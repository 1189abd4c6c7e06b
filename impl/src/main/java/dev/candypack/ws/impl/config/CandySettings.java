package dev.candypack.ws.impl.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application-wide settings; route attributes override the per-route ones.
 *
 * @param maxMessageSize {@code candy.ws.max-message-size}: the largest message in bytes
 * @param rateLimit {@code candy.ws.rate-limit}: messages per window and connection, 0 for none
 * @param rateWindowMillis {@code candy.ws.rate-limit-window-ms}: the rate limit's window
 * @param maxBacklogBytes {@code candy.ws.max-backlog-bytes}: how much may wait to be sent to one
 *     connection before it is closed as too slow
 * @param idleTimeoutMillis {@code candy.ws.idle-timeout-ms}: close connections idle this long, 0
 *     for the container's default
 * @param allowedOrigins {@code candy.ws.allowed-origins}: browser origins allowed besides the
 *     server's own, comma-separated; {@code *} allows any
 * @param pingIntervalMillis {@code candy.ws.ping-interval-ms}: how often every connection is
 *     pinged; a peer that has not answered the previous ping by the next one is ended. 0 for no
 *     pings
 * @param maxBacklogMessages {@code candy.ws.max-backlog-messages}: how many messages may wait to be
 *     sent to one connection (or, while its route's handler runs, wait to be handled)
 * @param openTimeoutMillis {@code candy.ws.open-timeout-ms}: how long an asynchronous route handler
 *     may take before its connection is closed with 1011; 0 for no limit
 * @param maxRoomName {@code candy.ws.max-room-name}: the longest room name a connection may join,
 *     in characters
 * @param maxRoomsPerConnection {@code candy.ws.max-rooms-per-connection}: how many rooms one
 *     connection may be in at once
 */
public record CandySettings(
    long maxMessageSize,
    int rateLimit,
    long rateWindowMillis,
    long maxBacklogBytes,
    long idleTimeoutMillis,
    List<String> allowedOrigins,
    long pingIntervalMillis,
    int maxBacklogMessages,
    long openTimeoutMillis,
    int maxRoomName,
    int maxRoomsPerConnection) {

  /** The prefix of every key. */
  public static final String PREFIX = "candy.ws.";

  /** CandyPack's defaults. */
  public static final CandySettings DEFAULTS =
      new CandySettings(
          10L * 1024 * 1024,
          50,
          1000,
          4L * 1024 * 1024,
          0,
          List.of(),
          30_000,
          1024,
          30_000,
          256,
          100);

  /**
   * Reads the settings from a source of values, with the defaults for what it lacks.
   *
   * @param source the value of a key, if set
   * @return the settings
   * @throws IllegalArgumentException naming the key whose value is not valid
   */
  public static CandySettings from(Function<String, Optional<String>> source) {
    return new CandySettings(
        number(source, "max-message-size", DEFAULTS.maxMessageSize, 1),
        (int) number(source, "rate-limit", DEFAULTS.rateLimit, 0, Integer.MAX_VALUE),
        number(source, "rate-limit-window-ms", DEFAULTS.rateWindowMillis, 1),
        number(source, "max-backlog-bytes", DEFAULTS.maxBacklogBytes, 1),
        number(source, "idle-timeout-ms", DEFAULTS.idleTimeoutMillis, 0),
        source
            .apply(PREFIX + "allowed-origins")
            .map(
                list ->
                    Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(origin -> !origin.isEmpty())
                        .toList())
            .orElse(DEFAULTS.allowedOrigins),
        number(source, "ping-interval-ms", DEFAULTS.pingIntervalMillis, 0),
        (int)
            number(
                source, "max-backlog-messages", DEFAULTS.maxBacklogMessages, 1, Integer.MAX_VALUE),
        number(source, "open-timeout-ms", DEFAULTS.openTimeoutMillis, 0),
        (int) number(source, "max-room-name", DEFAULTS.maxRoomName, 1, Integer.MAX_VALUE),
        (int)
            number(
                source,
                "max-rooms-per-connection",
                DEFAULTS.maxRoomsPerConnection,
                1,
                Integer.MAX_VALUE));
  }

  private static long number(
      Function<String, Optional<String>> source, String key, long fallback, long minimum) {
    return number(source, key, fallback, minimum, Long.MAX_VALUE);
  }

  private static long number(
      Function<String, Optional<String>> source,
      String key,
      long fallback,
      long minimum,
      long maximum) {
    Optional<String> value = source.apply(PREFIX + key).map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
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
              + PREFIX
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
}
