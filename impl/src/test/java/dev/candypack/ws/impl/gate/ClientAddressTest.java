package dev.candypack.ws.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

  private final ClientAddress noProxies = new ClientAddress(List.of());
  private final ClientAddress behindProxies =
      new ClientAddress(List.of("10.0.0.5", "192.168.0.0/16", "::1", "fd00::/8"));

  @Test
  void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
    assertEquals("203.0.113.7", noProxies.of("203.0.113.7", List.of()));
    assertEquals("203.0.113.7", noProxies.of("203.0.113.7", List.of("198.51.100.1")));
    assertEquals("10.0.0.5", noProxies.of("10.0.0.5", List.of("198.51.100.1")));
  }

  @Test
  void forwardedForCountsOnlyWhenThePeerIsATrustedProxy() {
    assertEquals("198.51.100.1", behindProxies.of("10.0.0.5", List.of("198.51.100.1")));
    assertEquals("198.51.100.1", behindProxies.of("192.168.3.4", List.of("198.51.100.1")));
    assertEquals("10.0.0.6", behindProxies.of("10.0.0.6", List.of("198.51.100.1")));
    assertEquals("192.169.0.1", behindProxies.of("192.169.0.1", List.of("198.51.100.1")));
  }

  @Test
  void theClientIsTheLastAddressThatIsNoTrustedProxy() {
    // The client wrote the first entry itself; the proxies appended the rest.
    assertEquals(
        "198.51.100.1",
        behindProxies.of("10.0.0.5", List.of("1.2.3.4, 198.51.100.1, 192.168.1.1")));
    assertEquals(
        "198.51.100.1", behindProxies.of("10.0.0.5", List.of("1.2.3.4", "198.51.100.1,10.0.0.5")));
  }

  @Test
  void whenEveryHopIsTrustedTheFirstIsTheClient() {
    assertEquals("192.168.9.9", behindProxies.of("10.0.0.5", List.of("192.168.9.9, 10.0.0.5")));
  }

  @Test
  void aTrustedPeerWithoutTheHeaderIsTheClient() {
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", List.of()));
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", List.of(" , ")));
  }

  @Test
  void anEntryThatIsNoAddressEndsTheWalk() {
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", List.of("unknown")));
    assertEquals(
        "192.168.1.1", behindProxies.of("10.0.0.5", List.of("1.2.3.4, evil.example, 192.168.1.1")));
  }

  @Test
  void addressesAreCanonical() {
    assertEquals("0:0:0:0:0:0:0:1", noProxies.of("::1", List.of()));
    assertEquals("0:0:0:0:0:0:0:1", noProxies.of("[0:0:0:0:0:0:0:1]", List.of()));
    assertEquals("127.0.0.1", noProxies.of("::ffff:127.0.0.1", List.of()));
    assertEquals("2001:db8:0:0:0:0:0:1", behindProxies.of("::1", List.of("[2001:DB8::1]:4711")));
    assertEquals("198.51.100.1", behindProxies.of("::1", List.of("198.51.100.1:4711")));
    assertEquals("fe80:0:0:0:0:0:0:1", noProxies.of("fe80::1%eth0", List.of()));
  }

  @Test
  void aPeerThatIsNoAddressIsKeptAsItIs() {
    assertEquals("unix-socket", behindProxies.of("unix-socket", List.of("198.51.100.1")));
    assertEquals("", behindProxies.of(null, List.of("198.51.100.1")));
  }

  @Test
  void cidrRangesMatchTheirPrefixOnly() {
    ClientAddress ranges = new ClientAddress(List.of("10.0.0.0/8", "172.16.0.0/12", "fd00::/8"));

    assertEquals("1.1.1.1", ranges.of("10.255.255.255", List.of("1.1.1.1")));
    assertEquals("1.1.1.1", ranges.of("172.31.0.1", List.of("1.1.1.1")));
    assertEquals("172.32.0.1", ranges.of("172.32.0.1", List.of("1.1.1.1")));
    assertEquals("1.1.1.1", ranges.of("fdab::1", List.of("1.1.1.1")));
    assertEquals("fe00:0:0:0:0:0:0:1", ranges.of("fe00::1", List.of("1.1.1.1")));
    assertEquals("11.0.0.1", ranges.of("11.0.0.1", List.of("1.1.1.1")));
  }

  @Test
  void everyAddressIsTrustedWithTheWholeRanges() {
    ClientAddress all = new ClientAddress(List.of("0.0.0.0/0", "::/0"));

    assertEquals("1.1.1.1", all.of("203.0.113.7", List.of("1.1.1.1")));
    assertEquals("1.1.1.1", all.of("2001:db8::1", List.of("1.1.1.1")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "proxy.example",
        "10.0.0.256",
        "10.0.0",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/x",
        "::1/129",
        "*",
        "1:2"
      })
  void anEntryThatIsNoAddressOrRangeIsRefusedNamingTheKey(String entry) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of(entry)));

    assertTrue(e.getMessage().contains("candy.ws.trusted-proxies"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.5, false, https, true",
    "10.0.0.5, true, http, false",
    "10.0.0.5, false, 'HTTPS, http', true",
    "10.0.0.5, false, wss, true",
    "10.0.0.5, true, ws, false",
    "10.0.0.5, false, gopher, false",
    "10.0.0.5, true, gopher, true",
    "203.0.113.7, false, https, false",
    "203.0.113.7, true, http, true",
  })
  void forwardedProtoCountsOnlyFromATrustedProxy(
      String peer, boolean secure, String forwardedProto, boolean expected) {
    assertEquals(expected, behindProxies.secure(peer, secure, List.of(forwardedProto)));
  }

  @Test
  void withoutForwardedProtoTheRequestsOwnSchemeCounts() {
    assertTrue(behindProxies.secure("10.0.0.5", true, List.of()));
    assertFalse(behindProxies.secure("10.0.0.5", false, List.of()));
    assertFalse(noProxies.secure("10.0.0.5", false, List.of("https")));
  }
}
