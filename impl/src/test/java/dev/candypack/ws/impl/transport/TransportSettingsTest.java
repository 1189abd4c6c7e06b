package dev.candypack.ws.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransportSettingsTest {

  private static TransportSettings read(Map<String, String> values) {
    return TransportSettings.from(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
  }

  @Test
  void offByDefault() {
    assertEquals(NativeMode.OFF, read(Map.of()).nativeMode());
    assertEquals(TransportSettings.DEFAULTS, read(Map.of("candy.ws.native-transport", " ")));
  }

  @ParameterizedTest
  @CsvSource({"off, OFF", "auto, AUTO", "on, ON", " Auto , AUTO", "ON, ON"})
  void readsEachMode(String value, NativeMode mode) {
    assertEquals(mode, read(Map.of("candy.ws.native-transport", value)).nativeMode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "true", "native", "o n"})
  void refusesAnyOtherValueNamingTheKey(String value) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> read(Map.of("candy.ws.native-transport", value)));
    assertTrue(refused.getMessage().contains("candy.ws.native-transport"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'" + value + "'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("off, auto or on"), refused.getMessage());
  }
}
