package dev.candypack.ws.impl.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application-wide settings; route attributes override the per-route ones.
 *
 * @param maxMessageSize {@code candy.ws.max-message-size}: the largest message in bytes
 * @param rateLimit {@code candy.ws.rate-limit}: messages per window and connection, 0 for none
 * @param rateWindowMillis {@code candy.ws.rate-limit-window-ms}: the rate limit's window
 * @param rateLimitBurst {@code candy.ws.rate-limit-burst}: the most messages a connection may send
 *     at once, the size of its token bucket; 0 when not set, for twice the route's rate limit
 * @param maxBacklogBytes {@code candy.ws.max-backlog-bytes}: how much may wait to be sent to one
 *     connection before it is closed as too slow
 * @param idleTimeoutMillis {@code candy.ws.idle-timeout-ms}: close connections idle this long, 0
 *     for the container's default
 * @param allowedOrigins {@code candy.ws.allowed-origins}: browser origins allowed besides the
 *     server's own, comma-separated; {@code *} allows any
 * @param keepSecretHeaders {@code candy.ws.keep-secret-headers}: whether a route's handler sees the
 *     handshake's credentials ({@code Cookie}, {@code Authorization}, {@code Proxy-Authorization},
 *     {@code candy-token-…} subprotocol entries); guards always do
 * @param maxConnections {@code candy.ws.max-connections}: open connections of the application, 0
 *     for no limit
 * @param maxConnectionsPerIp {@code candy.ws.max-connections-per-ip}: open connections from one
 *     client address, 0 for no limit
 * @param trustedProxies {@code candy.ws.trusted-proxies}: the addresses (or CIDR ranges) of the
 *     proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} count, comma-separated
 * @param allowedHosts {@code candy.ws.allowed-hosts}: the {@code Host} names a handshake may name,
 *     comma-separated; empty for any
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
    int rateLimitBurst,
    long maxBacklogBytes,
    long idleTimeoutMillis,
    List<String> allowedOrigins,
    boolean keepSecretHeaders,
    int maxConnections,
    int maxConnectionsPerIp,
    List<String> trustedProxies,
    List<String> allowedHosts,
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
          0,
          4L * 1024 * 1024,
          0,
          List.of(),
          false,
          0,
          0,
          List.of(),
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
    return from(new SettingsReader(source));
  }

  /**
   * Reads the settings through a reader, with the defaults for what it lacks.
   *
   * @param read the reader
   * @return the settings
   * @throws IllegalArgumentException naming the key whose value is not valid
   */
  public static CandySettings from(SettingsReader read) {
    int max = Integer.MAX_VALUE;
    return new CandySettings(
        read.number("max-message-size", DEFAULTS.maxMessageSize, 1),
        read.integer("rate-limit", DEFAULTS.rateLimit, 0, max),
        read.number("rate-limit-window-ms", DEFAULTS.rateWindowMillis, 1),
        read.integer("rate-limit-burst", DEFAULTS.rateLimitBurst, 1, max),
        read.number("max-backlog-bytes", DEFAULTS.maxBacklogBytes, 1),
        read.number("idle-timeout-ms", DEFAULTS.idleTimeoutMillis, 0),
        read.list("allowed-origins"),
        read.bool("keep-secret-headers", DEFAULTS.keepSecretHeaders),
        read.integer("max-connections", DEFAULTS.maxConnections, 0, max),
        read.integer("max-connections-per-ip", DEFAULTS.maxConnectionsPerIp, 0, max),
        read.list("trusted-proxies"),
        read.list("allowed-hosts"),
        read.number("ping-interval-ms", DEFAULTS.pingIntervalMillis, 0),
        read.integer("max-backlog-messages", DEFAULTS.maxBacklogMessages, 1, max),
        read.number("open-timeout-ms", DEFAULTS.openTimeoutMillis, 0),
        read.integer("max-room-name", DEFAULTS.maxRoomName, 1, max),
        read.integer("max-rooms-per-connection", DEFAULTS.maxRoomsPerConnection, 1, max));
  }
}
