package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

  private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void clientsWithoutAnOriginPass(String origin) {
    assertTrue(sameOriginOnly.allows(origin, "example.com"));
    assertTrue(sameOriginOnly.allows(origin, null));
  }

  @ParameterizedTest
  @CsvSource({
    "http://example.com, example.com",
    "https://example.com, example.com",
    "http://example.com, example.com:80",
    "https://example.com, example.com:443",
    "http://example.com:8080, example.com:8080",
    "https://example.com:8443, example.com:8443",
    "HTTPS://Example.COM, example.com",
    "https://example.com, EXAMPLE.com",
    "https://example.com/, example.com",
    "http://localhost:8080, localhost:8080",
    "http://127.0.0.1:8080, 127.0.0.1:8080",
    "'http://[::1]:8080', '[::1]:8080'",
  })
  void theServersOwnOriginPasses(String origin, String host) {
    assertTrue(sameOriginOnly.allows(origin, host));
  }

  @ParameterizedTest
  @CsvSource({
    "https://evil.example, example.com",
    "https://example.com.evil.example, example.com",
    "https://sub.example.com, example.com",
    "http://example.com, example.com:8080",
    "http://example.com:8080, example.com",
    "https://example.com, example.com:80",
    "http://example.com, example.com:443",
    "http://example.com:8081, example.com:8080",
    "http://localhost:3000, localhost:8080",
    "not an origin, example.com",
    "example.com, example.com",
    "https://example.com, 'example.com:port'",
    "https://example.com, 'exa mple.com'",
  })
  void otherOriginsAreRefused(String origin, String host) {
    assertFalse(sameOriginOnly.allows(origin, host));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void anUnknownHostRefusesABrowserOrigin(String host) {
    assertFalse(sameOriginOnly.allows("https://example.com", host));
  }

  @Test
  void configuredOriginsPassCaseInsensitiveWithoutTrailingSlash() {
    OriginPolicy policy =
        new OriginPolicy(List.of("https://app.example", "HTTP://Admin.Example:8080/"));

    assertTrue(policy.allows("https://app.example", "api.example"));
    assertTrue(policy.allows("HTTPS://APP.EXAMPLE", "api.example"));
    assertTrue(policy.allows("https://app.example/", "api.example"));
    assertTrue(policy.allows(" https://app.example ", "api.example"));
    assertTrue(policy.allows("http://admin.example:8080", "api.example"));
    assertTrue(policy.allows("https://app.example", null));
    assertTrue(policy.allows("https://api.example", "api.example"));

    assertFalse(policy.allows("http://app.example", "api.example"));
    assertFalse(policy.allows("https://app.example:8443", "api.example"));
    assertFalse(policy.allows("http://admin.example", "api.example"));
    assertFalse(policy.allows("https://evil.example", "api.example"));
    assertFalse(policy.allows("https://evil.example", null));
  }

  @Test
  void starAllowsEveryOrigin() {
    OriginPolicy any = new OriginPolicy(List.of("*"));

    assertTrue(any.allows("https://evil.example", "example.com"));
    assertTrue(any.allows("https://evil.example", null));
    assertTrue(any.allows("null", "example.com"));
    assertTrue(any.allows("not an origin", null));
  }

  @Test
  void theNullOriginIsRefusedUnlessConfigured() {
    assertFalse(sameOriginOnly.allows("null", "example.com"));
    assertFalse(sameOriginOnly.allows("null", "null"));
    assertFalse(sameOriginOnly.allows("null", null));
    assertFalse(new OriginPolicy(List.of("https://app.example")).allows("null", "example.com"));

    assertTrue(new OriginPolicy(List.of("null")).allows("null", "example.com"));
    assertTrue(new OriginPolicy(List.of("null")).allows("NULL", null));
  }
}
