package dev.candypack.ws.impl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardSettingsTest {

  private static DashboardSettings read(Map<String, String> values) {
    return DashboardSettings.from(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
  }

  @Test
  void offByDefaultForTheAdminRoleEverySecondForSixteenWatchers() {
    assertEquals(new DashboardSettings(false, "candy-ws-admin", 1000, 16), read(Map.of()));
  }

  @Test
  void readsEveryKey() {
    assertEquals(
        new DashboardSettings(true, "ops", 250, 2),
        read(
            Map.of(
                "candy.ws.dashboard.enabled", "TRUE",
                "candy.ws.dashboard.role", " ops ",
                "candy.ws.dashboard.interval-ms", "250",
                "candy.ws.dashboard.max-watchers", "2")));
  }

  @Test
  void aBlankRoleIsTheDefault() {
    assertEquals("candy-ws-admin", read(Map.of("candy.ws.dashboard.role", "  ")).role());
  }

  @ParameterizedTest
  @CsvSource({
    "enabled, yes",
    "interval-ms, 99",
    "interval-ms, 60001",
    "interval-ms, 1s",
    "max-watchers, 0",
    "max-watchers, 257"
  })
  void refusesInvalidValuesNamingTheKey(String key, String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> read(Map.of("candy.ws.dashboard." + key, value)));
    assertTrue(e.getMessage().contains("candy.ws.dashboard." + key), e.getMessage());
    assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
  }
}
