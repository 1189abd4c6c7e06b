package dev.candypack.ws.impl.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import dev.candypack.ws.spi.HistoryStore.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistorySettingsTest {

  private static HistorySettings read(Map<String, String> values) {
    return HistorySettings.from(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
  }

  @Test
  void noRoomKeepsAHistoryByDefault() {
    HistorySettings settings = read(Map.of());
    assertFalse(settings.any());
    assertEquals(10_000, settings.maxRooms());
    assertEquals(Optional.empty(), settings.limits("feed/1"));
  }

  @Test
  void prefixesTakeTheDefaultsOrTheirOwnLimitsAndTheLongestWins() {
    HistorySettings settings =
        read(
            Map.of(
                "candy.ws.history.rooms", "feed/, feed/big/:500:60 ,audit:7",
                "candy.ws.history.size", "20",
                "candy.ws.history.ttl-seconds", "30",
                "candy.ws.history.max-rooms", "5"));
    assertTrue(settings.any());
    assertEquals(5, settings.maxRooms());
    assertEquals(Optional.of(new Limits(20, 30)), settings.limits("feed/1"));
    assertEquals(Optional.of(new Limits(500, 60)), settings.limits("feed/big/1"));
    assertEquals(Optional.of(new Limits(7, 30)), settings.limits("audit-log"));
    assertEquals(Optional.empty(), settings.limits("chat"));
  }

  @Test
  void invalidValuesNameTheKey() {
    for (Map<String, String> bad :
        List.of(
            Map.of("candy.ws.history.size", "0"),
            Map.of("candy.ws.history.size", "x"),
            Map.of("candy.ws.history.ttl-seconds", "-1"),
            Map.of("candy.ws.history.max-rooms", "0"))) {
      String key = bad.keySet().iterator().next();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bad));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
    for (String rule : new String[] {"feed/:0", "feed/:x", "feed/:5:-1", ":5", "a:1:2:3"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> read(Map.of("candy.ws.history.rooms", rule)));
      assertTrue(e.getMessage().contains("candy.ws.history.rooms"), e.getMessage());
    }
  }
}
