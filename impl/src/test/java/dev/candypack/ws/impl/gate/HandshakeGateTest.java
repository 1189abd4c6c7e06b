package dev.candypack.ws.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.CandySettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {

  private static HandshakeGate gate(Map<String, String> settings) {
    return new HandshakeGate(CandySettings.from(key -> Optional.ofNullable(settings.get(key))));
  }

  private static UpgradeRequest request(String peer, boolean secure, String... headers) {
    Map<String, List<String>> values = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      values.computeIfAbsent(headers[i], name -> new java.util.ArrayList<>()).add(headers[i + 1]);
    }
    return new UpgradeRequest(
        "/app/chat", peer, secure, name -> values.getOrDefault(name, List.of()));
  }

  @Test
  void byDefaultEveryNonBrowserHandshakePassesUncounted() {
    HandshakeGate gate = gate(Map.of());

    Admission admission = gate.admit(request("203.0.113.7", false, "Host", "chat.example.com"));

    assertTrue(admission.admitted());
    assertNull(admission.slot());
    assertEquals(0, gate.slots().inUse());
  }

  @Test
  void aHostNotListedIsRefusedWith403() {
    HandshakeGate gate = gate(Map.of("candy.ws.allowed-hosts", "chat.example.com"));

    assertEquals(403, gate.admit(request("1.2.3.4", false, "Host", "rebound.example")).status());
    assertEquals(403, gate.admit(request("1.2.3.4", false)).status());
    assertTrue(gate.admit(request("1.2.3.4", false, "Host", "chat.example.com:8080")).admitted());
  }

  @Test
  void aRebindingPageIsItsOwnOriginButNotAnAllowedHost() {
    UpgradeRequest rebound =
        request("1.2.3.4", false, "Host", "rebound.example", "Origin", "http://rebound.example");

    assertTrue(gate(Map.of()).admit(rebound).admitted());
    assertEquals(
        403, gate(Map.of("candy.ws.allowed-hosts", "chat.example.com")).admit(rebound).status());
  }

  @Test
  void aPageOverTheOtherSchemeIsRefusedWith403() {
    HandshakeGate gate = gate(Map.of());

    assertEquals(
        403,
        gate.admit(request("1.2.3.4", false, "Host", "h.example", "Origin", "https://h.example"))
            .status());
    assertEquals(
        403,
        gate.admit(request("1.2.3.4", true, "Host", "h.example", "Origin", "http://h.example"))
            .status());
    assertTrue(
        gate.admit(request("1.2.3.4", true, "Host", "h.example", "Origin", "https://h.example"))
            .admitted());
  }

  @Test
  void aTrustedProxyTellsTheSchemeTheClientUsed() {
    HandshakeGate gate = gate(Map.of("candy.ws.trusted-proxies", "10.0.0.5"));
    String[] tlsAtTheProxy = {
      "Host", "h.example", "Origin", "https://h.example", "X-Forwarded-Proto", "https"
    };

    assertTrue(gate.admit(request("10.0.0.5", false, tlsAtTheProxy)).admitted());
    assertEquals(403, gate.admit(request("10.0.0.6", false, tlsAtTheProxy)).status());
  }

  @Test
  void overTheCapsHandshakesAreRefusedWith429Or503() {
    HandshakeGate gate =
        gate(
            Map.of(
                "candy.ws.max-connections", "3",
                "candy.ws.max-connections-per-ip", "2",
                "candy.ws.trusted-proxies", "10.0.0.5"));

    Slot first = gate.admit(request("1.1.1.1", false)).slot();
    assertNotNull(first);
    assertNotNull(gate.admit(request("1.1.1.1", false)).slot());
    assertEquals(429, gate.admit(request("1.1.1.1", false)).status());
    assertEquals(
        429,
        gate.admit(request("1.1.1.1", false, "X-Forwarded-For", "2.2.2.2")).status(),
        "an untrusted peer's X-Forwarded-For does not count");
    assertNotNull(gate.admit(request("10.0.0.5", false, "X-Forwarded-For", "2.2.2.2")).slot());
    assertEquals(
        503, gate.admit(request("10.0.0.5", false, "X-Forwarded-For", "3.3.3.3")).status());

    first.release();
    assertTrue(gate.admit(request("10.0.0.5", false, "X-Forwarded-For", "3.3.3.3")).admitted());
  }

  @Test
  void aRefusedHostOrOriginTakesNoSlot() {
    HandshakeGate gate =
        gate(Map.of("candy.ws.max-connections", "1", "candy.ws.allowed-hosts", "h.example"));

    gate.admit(request("1.1.1.1", false, "Host", "other.example"));
    gate.admit(request("1.1.1.1", false, "Host", "h.example", "Origin", "http://evil.example"));

    assertEquals(0, gate.slots().inUse());
  }

  @Test
  void invalidEntriesFailNamingTheKey() {
    IllegalArgumentException proxies =
        assertThrows(
            IllegalArgumentException.class,
            () -> gate(Map.of("candy.ws.trusted-proxies", "proxy.example")));
    IllegalArgumentException hosts =
        assertThrows(
            IllegalArgumentException.class,
            () -> gate(Map.of("candy.ws.allowed-hosts", "https://h.example")));

    assertTrue(proxies.getMessage().contains("candy.ws.trusted-proxies"));
    assertTrue(hosts.getMessage().contains("candy.ws.allowed-hosts"));
  }
}
