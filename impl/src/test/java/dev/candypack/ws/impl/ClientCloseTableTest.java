package dev.candypack.ws.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CloseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The browser client's close table, in {@code candy-ws.js} and {@code candy-ws.d.ts}, is {@link
 * CloseStatus}'s: when one of the three changes alone, this fails.
 */
class ClientCloseTableTest {

  private static final String CLIENT = "META-INF/resources/candy-ws/";

  private static String read(String file) throws IOException {
    try (InputStream in =
        ClientCloseTableTest.class.getClassLoader().getResourceAsStream(CLIENT + file)) {
      assertNotNull(in, file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The numbers of the one match of a pattern whose group 1 lists them. */
  private static Set<Integer> codes(String text, String regex, String what) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), what + " not found: " + regex);
    Set<Integer> codes =
        Arrays.stream(matcher.group(1).split("[,|]"))
            .map(String::trim)
            .map(Integer::valueOf)
            .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(matcher.find(), what + " appears twice");
    return codes;
  }

  @Test
  void theScriptGivesUpAndRetriesOnCloseStatussCodes() throws IOException {
    String script = read("candy-ws.js");
    assertEquals(
        new TreeSet<>(CloseStatus.CLIENT_GIVES_UP),
        codes(script, "var GIVE_UP = \\[([\\d, ]+)\\]", "candy-ws.js GIVE_UP"));
    assertEquals(
        new TreeSet<>(CloseStatus.CLIENT_RETRIES),
        codes(script, "RETRY = \\[([\\d, ]+)\\]", "candy-ws.js RETRY"));
  }

  @Test
  void theTypesNameTheSameCodes() throws IOException {
    String types = read("candy-ws.d.ts");
    assertEquals(
        new TreeSet<>(CloseStatus.CLIENT_GIVES_UP),
        codes(types, "type GiveUpCode = ([\\d| ]+);", "candy-ws.d.ts GiveUpCode"));
    assertEquals(
        new TreeSet<>(CloseStatus.CLIENT_RETRIES),
        codes(types, "type RetryCode = ([\\d| ]+);", "candy-ws.d.ts RetryCode"));
  }

  @Test
  void theTablesAreApartAndClientRetriesFollowsThem() {
    Set<Integer> both = new TreeSet<>(CloseStatus.CLIENT_GIVES_UP);
    both.retainAll(CloseStatus.CLIENT_RETRIES);
    assertEquals(Set.of(), both);
    assertEquals(
        Set.of(1008, 1009, 4001, 4002, 4003), Set.copyOf(CloseStatus.CLIENT_GIVES_UP), "the issue");
    assertEquals(Set.of(1001, 1006, 1011, 1012, 1013), Set.copyOf(CloseStatus.CLIENT_RETRIES));
    CloseStatus.CLIENT_GIVES_UP.forEach(code -> assertFalse(CloseStatus.clientRetries(code)));
    CloseStatus.CLIENT_RETRIES.forEach(code -> assertTrue(CloseStatus.clientRetries(code)));
    assertTrue(CloseStatus.clientRetries(4000), "a code in neither table is retried");
  }
}
