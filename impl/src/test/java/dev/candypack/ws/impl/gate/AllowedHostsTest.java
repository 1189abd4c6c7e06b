package dev.candypack.ws.impl.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedHostsTest {

  private final AllowedHosts chat =
      new AllowedHosts(List.of("chat.example.com", "admin.example.com:8443", "[::1]", "10.0.0.5"));

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"evil.example", "anything:1"})
  void withoutEntriesAnyHostPasses(String host) {
    assertTrue(new AllowedHosts(List.of()).allows(host));
    assertTrue(new AllowedHosts(List.of("*")).allows(host));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "chat.example.com",
        "chat.example.com:443",
        "chat.example.com:8080",
        "CHAT.Example.COM",
        "chat.example.com.",
        "admin.example.com:8443",
        "[::1]:8080",
        "10.0.0.5:80",
      })
  void listedHostsPass(String host) {
    assertTrue(chat.allows(host));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "evil.example",
        "evil.example:443",
        "sub.chat.example.com",
        "chat.example.com.evil.example",
        "admin.example.com",
        "admin.example.com:443",
        "10.0.0.6",
        "[::2]",
        "chat.example.com/path",
        "user@chat.example.com",
        "chat example.com",
        "  ",
      })
  void otherHostsAreRefused(String host) {
    assertFalse(chat.allows(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://chat.example.com", "chat.example.com/", "::1", "a b", "host:x"})
  void anEntryThatIsNoHostIsRefusedNamingTheKey(String entry) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new AllowedHosts(List.of(entry)));

    assertTrue(e.getMessage().contains("candy.ws.allowed-hosts"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
  }
}
