package dev.candypack.ws.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    assertEquals(4L * 1024 * 1024, settings.maxBacklogBytes());
    assertEquals(0, settings.idleTimeoutMillis());
    assertEquals(List.of(), settings.allowedOrigins());
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
                    Map.entry("candy.ws.max-backlog-bytes", " 2048 "),
                    Map.entry("candy.ws.idle-timeout-ms", "30000"),
                    Map.entry("candy.ws.allowed-origins", "https://app.example"),
                    Map.entry("candy.ws.ping-interval-ms", "5000"),
                    Map.entry("candy.ws.max-backlog-messages", "16"),
                    Map.entry("candy.ws.open-timeout-ms", "2000"),
                    Map.entry("candy.ws.max-room-name", "32"),
                    Map.entry("candy.ws.max-rooms-per-connection", "3"))));

    assertEquals(
        new CandySettings(
            1024, 0, 250, 2048, 30_000, List.of("https://app.example"), 5000, 16, 2000, 32, 3),
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
                    "candy.ws.allowed-origins", "")));

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
    "max-backlog-bytes, 0",
    "max-backlog-bytes, 99999999999999999999",
    "idle-timeout-ms, -1",
    "idle-timeout-ms, 30s",
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
                Map.of(
                    "candy.ws.max-message-size", "1",
                    "candy.ws.rate-limit", "0",
                    "candy.ws.rate-limit-window-ms", "1",
                    "candy.ws.max-backlog-bytes", "1",
                    "candy.ws.idle-timeout-ms", "0",
                    "candy.ws.ping-interval-ms", "0",
                    "candy.ws.max-backlog-messages", "1",
                    "candy.ws.open-timeout-ms", "0",
                    "candy.ws.max-room-name", "1",
                    "candy.ws.max-rooms-per-connection", "1")));

    assertEquals(new CandySettings(1, 0, 1, 1, 0, List.of(), 0, 1, 0, 1, 1), settings);
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

  private static List<String> origins(String value) {
    return CandySettings.from(source(Map.of("candy.ws.allowed-origins", value))).allowedOrigins();
  }

  private static Function<String, Optional<String>> source(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }
}
