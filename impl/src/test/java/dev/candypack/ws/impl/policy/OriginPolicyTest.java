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
    assertTrue(sameOriginOnly.allows(origin, "example.com", false));
    assertTrue(sameOriginOnly.allows(origin, "example.com", true));
    assertTrue(sameOriginOnly.allows(origin, null, false));
  }

  @ParameterizedTest
  @CsvSource({
    "http://example.com, example.com, false",
    "https://example.com, example.com, true",
    "http://example.com, example.com:80, false",
    "https://example.com, example.com:443, true",
    "http://example.com:8080, example.com:8080, false",
    "https://example.com:8443, example.com:8443, true",
    "HTTPS://Example.COM, example.com, true",
    "https://example.com, EXAMPLE.com, true",
    "https://example.com/, example.com, true",
    "http://localhost:8080, localhost:8080, false",
    "http://127.0.0.1:8080, 127.0.0.1:8080, false",
    "'http://[::1]:8080', '[::1]:8080', false",
  })
  void theServersOwnOriginPasses(String origin, String host, boolean secure) {
    assertTrue(sameOriginOnly.allows(origin, host, secure));
  }

  @ParameterizedTest
  @CsvSource({
    "https://example.com, example.com, false",
    "http://example.com, example.com, true",
    "https://example.com:8080, example.com:8080, false",
    "http://example.com:8443, example.com:8443, true",
    "https://localhost:8080, localhost:8080, false",
    "http://example.com:443, example.com, true",
    "https://example.com:80, example.com, false",
  })
  void theSchemeIsPartOfTheOrigin(String origin, String host, boolean secure) {
    assertFalse(sameOriginOnly.allows(origin, host, secure));
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
    "ftp://example.com, example.com",
    "https://example.com, 'example.com:port'",
    "https://example.com, 'exa mple.com'",
  })
  void otherOriginsAreRefusedOverEitherScheme(String origin, String host) {
    assertFalse(sameOriginOnly.allows(origin, host, false));
    assertFalse(sameOriginOnly.allows(origin, host, true));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void anUnknownHostRefusesABrowserOrigin(String host) {
    assertFalse(sameOriginOnly.allows("https://example.com", host, true));
    assertFalse(sameOriginOnly.allows("http://example.com", host, false));
  }

  @Test
  void configuredOriginsPassCaseInsensitiveWithoutTrailingSlash() {
    OriginPolicy policy =
        new OriginPolicy(List.of("https://app.example", "HTTP://Admin.Example:8080/"));

    assertTrue(policy.allows("https://app.example", "api.example", true));
    assertTrue(policy.allows("HTTPS://APP.EXAMPLE", "api.example", true));
    assertTrue(policy.allows("https://app.example/", "api.example", true));
    assertTrue(policy.allows(" https://app.example ", "api.example", true));
    assertTrue(policy.allows("http://admin.example:8080", "api.example", true));
    assertTrue(policy.allows("https://app.example", null, false));
    assertTrue(policy.allows("https://api.example", "api.example", true));

    assertFalse(policy.allows("http://app.example", "api.example", true));
    assertFalse(policy.allows("https://app.example:8443", "api.example", true));
    assertFalse(policy.allows("http://admin.example", "api.example", true));
    assertFalse(policy.allows("https://evil.example", "api.example", true));
    assertFalse(policy.allows("https://evil.example", null, true));
  }

  @Test
  void aConfiguredOriginIsAllowedOverEitherScheme() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example"));

    assertTrue(policy.allows("https://app.example", "api.example", false));
    assertTrue(policy.allows("https://app.example", "api.example", true));
  }

  @Test
  void starAllowsEveryOrigin() {
    OriginPolicy any = new OriginPolicy(List.of("*"));

    assertTrue(any.allows("https://evil.example", "example.com", false));
    assertTrue(any.allows("https://evil.example", null, true));
    assertTrue(any.allows("null", "example.com", true));
    assertTrue(any.allows("not an origin", null, false));
  }

  @Test
  void theNullOriginIsRefusedUnlessConfigured() {
    assertFalse(sameOriginOnly.allows("null", "example.com", false));
    assertFalse(sameOriginOnly.allows("null", "null", false));
    assertFalse(sameOriginOnly.allows("null", null, true));
    assertFalse(
        new OriginPolicy(List.of("https://app.example")).allows("null", "example.com", true));

    assertTrue(new OriginPolicy(List.of("null")).allows("null", "example.com", false));
    assertTrue(new OriginPolicy(List.of("null")).allows("NULL", null, true));
  }
}
