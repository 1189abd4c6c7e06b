package dev.candypack.ws.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandySettingsTest {

  @Test
  void defaultsAreCandyPacks() {
    CandySettings settings = CandySettings.from(key -> Optional.empty());

    assertEquals(10L * 1024 * 1024, settings.maxMessageSize());
    assertEquals(50, settings.rateLimit());
    assertEquals(1000, settings.rateWindowMillis());
    assertEquals(0, settings.rateLimitBurst(), "not set: twice the route's rate limit");
    assertEquals(4L * 1024 * 1024, settings.maxBacklogBytes());
    assertEquals(0, settings.idleTimeoutMillis());
    assertEquals(List.of(), settings.allowedOrigins());
    assertFalse(settings.keepSecretHeaders(), "credentials are not kept by default");
    assertEquals(0, settings.maxConnections());
    assertEquals(0, settings.maxConnectionsPerIp());
    assertEquals(List.of(), settings.trustedProxies());
    assertEquals(List.of(), settings.allowedHosts());
    assertEquals(30_000, settings.pingIntervalMillis());
    assertEquals(1024, settings.maxBacklogMessages());
    assertEquals(30_000, settings.openTimeoutMillis());
    assertEquals(256, settings.maxRoomName());
    assertEquals(100, settings.maxRoomsPerConnection());
    assertEquals(CandySettings.DEFAULTS, settings);
  }

  @Test
  void readsEveryKey() {
    CandySettings settings =
        CandySettings.from(
            source(
                Map.ofEntries(
                    Map.entry("candy.ws.max-message-size", "1024"),
                    Map.entry("candy.ws.rate-limit", "0"),
                    Map.entry("candy.ws.rate-limit-window-ms", "250"),
                    Map.entry("candy.ws.rate-limit-burst", "7"),
                    Map.entry("candy.ws.max-backlog-bytes", " 2048 "),
                    Map.entry("candy.ws.idle-timeout-ms", "30000"),
                    Map.entry("candy.ws.allowed-origins", "https://app.example"),
                    Map.entry("candy.ws.keep-secret-headers", " TRUE "),
                    Map.entry("candy.ws.max-connections", "10000"),
                    Map.entry("candy.ws.max-connections-per-ip", "50"),
                    Map.entry("candy.ws.trusted-proxies", "10.0.0.5, 192.168.0.0/16"),
                    Map.entry("candy.ws.allowed-hosts", "chat.example.com"),
                    Map.entry("candy.ws.ping-interval-ms", "5000"),
                    Map.entry("candy.ws.max-backlog-messages", "16"),
                    Map.entry("candy.ws.open-timeout-ms", "2000"),
                    Map.entry("candy.ws.max-room-name", "32"),
                    Map.entry("candy.ws.max-rooms-per-connection", "3"))));

    assertEquals(
        new CandySettings(
            1024,
            0,
            250,
            7,
            2048,
            30_000,
            List.of("https://app.example"),
            true,
            10_000,
            50,
            List.of("10.0.0.5", "192.168.0.0/16"),
            List.of("chat.example.com"),
            5000,
            16,
            2000,
            32,
            3),
        settings);
  }

  @Test
  void emptyValuesTakeTheDefaults() {
    CandySettings settings =
        CandySettings.from(
            source(
                Map.of(
                    "candy.ws.max-message-size", "",
                    "candy.ws.rate-limit", "  ",
                    "candy.ws.allowed-origins", "",
                    "candy.ws.max-connections", "",
                    "candy.ws.trusted-proxies", " ",
                    "candy.ws.allowed-hosts", "")));

    assertEquals(CandySettings.DEFAULTS, settings);
  }

  @Test
  void unrelatedKeysAreIgnored() {
    CandySettings settings =
        CandySettings.from(
            source(Map.of("max-message-size", "1", "candy.max-message-size", "x", "rate", "x")));

    assertEquals(CandySettings.DEFAULTS, settings);
  }

  @Test
  void allowedOriginsAreACommaSeparatedList() {
    assertEquals(
        List.of("https://a.example", "http://b.example:8080", "*"),
        origins(" https://a.example ,http://b.example:8080,, * ,"));
    assertEquals(List.of("https://a.example"), origins("https://a.example"));
    assertEquals(List.of(), origins(" , ,"));
  }

  @ParameterizedTest
  @CsvSource({
    "max-message-size, ten",
    "max-message-size, 10MiB",
    "max-message-size, 0",
    "max-message-size, -1",
    "max-message-size, 1.5",
    "rate-limit, -1",
    "rate-limit, fifty",
    "rate-limit-window-ms, 0",
    "rate-limit-window-ms, 1s",
    "rate-limit-burst, 0",
    "rate-limit-burst, -1",
    "rate-limit-burst, 2147483648",
    "max-backlog-bytes, 0",
    "max-backlog-bytes, 99999999999999999999",
    "idle-timeout-ms, -1",
    "idle-timeout-ms, 30s",
    "max-connections, -1",
    "max-connections, many",
    "max-connections, 2147483648",
    "max-connections-per-ip, -1",
    "max-connections-per-ip, 1.5",
    "max-connections-per-ip, 2147483648",
    "ping-interval-ms, -1",
    "ping-interval-ms, 30s",
    "max-backlog-messages, 0",
    "max-backlog-messages, 2147483648",
    "open-timeout-ms, -1",
    "max-room-name, 0",
    "max-room-name, 2147483648",
    "max-rooms-per-connection, 0",
    "max-rooms-per-connection, many",
  })
  void invalidNumbersThrowNamingTheKey(String key, String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CandySettings.from(source(Map.of("candy.ws." + key, value))));

    assertTrue(e.getMessage().contains("candy.ws." + key), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void smallestValidNumbers() {
    CandySettings settings =
        CandySettings.from(
            source(
                Map.ofEntries(
                    Map.entry("candy.ws.max-message-size", "1"),
                    Map.entry("candy.ws.rate-limit", "0"),
                    Map.entry("candy.ws.rate-limit-window-ms", "1"),
                    Map.entry("candy.ws.rate-limit-burst", "1"),
                    Map.entry("candy.ws.max-backlog-bytes", "1"),
                    Map.entry("candy.ws.idle-timeout-ms", "0"),
                    Map.entry("candy.ws.max-connections", "0"),
                    Map.entry("candy.ws.max-connections-per-ip", "0"),
                    Map.entry("candy.ws.ping-interval-ms", "0"),
                    Map.entry("candy.ws.max-backlog-messages", "1"),
                    Map.entry("candy.ws.open-timeout-ms", "0"),
                    Map.entry("candy.ws.max-room-name", "1"),
                    Map.entry("candy.ws.max-rooms-per-connection", "1"))));

    assertEquals(
        new CandySettings(
            1, 0, 1, 1, 1, 0, List.of(), false, 0, 0, List.of(), List.of(), 0, 1, 0, 1, 1),
        settings);
  }

  @ParameterizedTest
  @CsvSource({"rate-limit, 4294967296", "rate-limit, 3000000000", "rate-limit, 2147483648"})
  void numbersTooLargeForAnIntThrowNamingTheKey(String key, String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CandySettings.from(source(Map.of("candy.ws." + key, value))));

    assertTrue(e.getMessage().contains("candy.ws." + key), e.getMessage());
  }

  @Test
  void theLargestIntIsAValidRateLimit() {
    CandySettings settings =
        CandySettings.from(source(Map.of("candy.ws.rate-limit", "2147483647")));

    assertEquals(Integer.MAX_VALUE, settings.rateLimit());
  }

  @ParameterizedTest
  @CsvSource({"yes", "1", "on", "ture"})
  void keepSecretHeadersIsTrueOrFalseAndAnythingElseIsNamed(String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CandySettings.from(source(Map.of("candy.ws.keep-secret-headers", value))));

    assertTrue(e.getMessage().contains("candy.ws.keep-secret-headers = '" + value + "'"));
  }

  @Test
  void proxiesAndHostsAreCommaSeparatedLists() {
    CandySettings settings =
        CandySettings.from(
            source(
                Map.of(
                    "candy.ws.trusted-proxies", " 10.0.0.5 ,, ::1, 10.1.0.0/16 ,",
                    "candy.ws.allowed-hosts", "chat.example.com,chat.example.com:8443 , ")));

    assertEquals(List.of("10.0.0.5", "::1", "10.1.0.0/16"), settings.trustedProxies());
    assertEquals(List.of("chat.example.com", "chat.example.com:8443"), settings.allowedHosts());
  }

  private static List<String> origins(String value) {
    return CandySettings.from(source(Map.of("candy.ws.allowed-origins", value))).allowedOrigins();
  }

  private static Function<String, Optional<String>> source(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }
}
