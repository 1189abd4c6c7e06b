package dev.candypack.ws.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

  private static SessionSettings read(Map<String, String> values) {
    return SessionSettings.from(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
  }

  @Test
  void aSessionsEndClosesItsConnectionsByDefault() {
    assertTrue(read(Map.of()).closeOnSessionEnd());
    assertTrue(read(Map.of("candy.ws.close-on-session-end", " ")).closeOnSessionEnd());
  }

  @Test
  void itCanBeTurnedOff() {
    assertFalse(read(Map.of("candy.ws.close-on-session-end", "FALSE")).closeOnSessionEnd());
    assertTrue(read(Map.of("candy.ws.close-on-session-end", "true")).closeOnSessionEnd());
  }

  @Test
  void anythingElseIsAnErrorNamingTheKey() {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class,
            () -> read(Map.of("candy.ws.close-on-session-end", "yes")));
    assertEquals(
        "candy-ws: candy.ws.close-on-session-end = 'yes' is neither true nor false",
        failure.getMessage());
  }
}
