package dev.candypack.ws.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeIdleTimeoutTest {

  @ParameterizedTest
  @CsvSource({
    "ON, org.glassfish.tyrus.servlet.TyrusServerContainer, true",
    "AUTO, org.glassfish.tyrus.servlet.TyrusServerContainer, true",
    "OFF, org.glassfish.tyrus.servlet.TyrusServerContainer, false",
    "ON, io.undertow.websockets.jsr.ServerWebSocketContainer, false",
  })
  void candyWsKeepsTheIdleTimeoutOnlyWhereNativeSendsSkipTyrussTimer(
      NativeMode mode, String container, boolean owned) {
    assertEquals(owned, new NativeTransports(mode).ownsIdleTimeout(container));
  }
}
