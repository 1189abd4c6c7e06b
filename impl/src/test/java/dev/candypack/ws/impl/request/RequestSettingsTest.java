package dev.candypack.ws.impl.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSettingsTest {

  private static RequestSettings read(Map<String, String> values) {
    return RequestSettings.from(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
  }

  @Test
  void defaults() {
    RequestSettings settings = read(Map.of());
    assertEquals(64, settings.maxPending());
    assertEquals(30_000, settings.timeoutMillis());
    assertEquals(RequestSettings.DEFAULTS, settings);
  }

  @Test
  void readsBothKeys() {
    RequestSettings settings =
        read(Map.of("candy.ws.max-pending-requests", " 2 ", "candy.ws.request-timeout-ms", "1500"));
    assertEquals(new RequestSettings(2, 1500), settings);
  }

  @ParameterizedTest
  @CsvSource({
    "max-pending-requests, 0",
    "max-pending-requests, -1",
    "max-pending-requests, many",
    "max-pending-requests, 1000001",
    "request-timeout-ms, 0",
    "request-timeout-ms, 86400001",
    "request-timeout-ms, 1.5"
  })
  void refusesInvalidValuesNamingTheKey(String key, String value) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("candy.ws." + key, value)));
    assertTrue(refused.getMessage().contains("candy.ws." + key), refused.getMessage());
    assertTrue(refused.getMessage().contains("'" + value + "'"), refused.getMessage());
  }
}
