package dev.candypack.ws.impl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTemplateTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/chat", "/room/{roomId}/user/{userId}", "/a-b.c~d/{x.y-z}"})
  void acceptsValidTemplates(String value) {
    RouteTemplate template = RouteTemplate.parse(value);

    assertEquals(value, template.value());
    assertEquals(value, template.toString());
  }

  @Test
  void listsVariablesInOrder() {
    assertEquals(List.of(), RouteTemplate.parse("/").variables());
    assertEquals(List.of(), RouteTemplate.parse("/chat").variables());
    assertEquals(
        List.of("roomId", "userId"),
        RouteTemplate.parse("/room/{roomId}/user/{userId}").variables());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "chat",
        "room/{id}",
        "//",
        "/a//b",
        "/chat/",
        "/a{b}",
        "/{a}b",
        "/{}",
        "/{1a}",
        "/room/{id}/x/{id}",
        "/with space"
      })
  void rejectsInvalidTemplates(String value) {
    assertThrows(IllegalArgumentException.class, () -> RouteTemplate.parse(value));
  }

  @Test
  void rejectionSaysWhatIsWrong() {
    assertTrue(message("chat").contains("must start with '/'"));
    assertTrue(message("/a//b").contains("empty segment"));
    assertTrue(message("/a{b}").contains("whole segment"));
    assertTrue(message("/room/{id}/x/{id}").contains("{id} twice"));
  }

  @Test
  void shapeErasesVariableNames() {
    RouteTemplate a = RouteTemplate.parse("/room/{a}");
    RouteTemplate b = RouteTemplate.parse("/room/{b}");

    assertEquals("/room/{}", a.shape());
    assertEquals(a.shape(), b.shape());
    assertNotEquals(a, b);
    assertEquals("/room/{}/user/{}", RouteTemplate.parse("/room/{roomId}/user/{userId}").shape());
    assertNotEquals(a.shape(), RouteTemplate.parse("/rooms/{a}").shape());
    assertNotEquals(a.shape(), RouteTemplate.parse("/room/a").shape());
    assertEquals("/chat", RouteTemplate.parse("/chat").shape());
  }

  @Test
  void matchesPathsWithAnyNonEmptySegmentForAVariable() {
    RouteTemplate room = RouteTemplate.parse("/room/{roomId}/user/{userId}");

    assertTrue(room.matches("/room/42/user/alice"));
    assertFalse(room.matches("/room/42/user/"));
    assertFalse(room.matches("/room/42"));
    assertFalse(room.matches("/rooms/42/user/alice"));
    assertTrue(RouteTemplate.parse("/chat").matches("/chat"));
    assertFalse(RouteTemplate.parse("/chat").matches("/chat/"));
    assertTrue(RouteTemplate.parse("/").matches("/"));
  }

  private static String message(String value) {
    return assertThrows(IllegalArgumentException.class, () -> RouteTemplate.parse(value))
        .getMessage();
  }
}
