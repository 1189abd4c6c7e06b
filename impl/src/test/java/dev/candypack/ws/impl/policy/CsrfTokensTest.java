package dev.candypack.ws.impl.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

  /** A session that only keeps attributes. */
  static final class StubSession implements HttpSession {
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public long getCreationTime() {
      return 0;
    }

    @Override
    public String getId() {
      return "stub";
    }

    @Override
    public long getLastAccessedTime() {
      return 0;
    }

    @Override
    public ServletContext getServletContext() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {}

    @Override
    public int getMaxInactiveInterval() {
      return 0;
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      attributes.remove(name);
    }

    @Override
    public void invalidate() {
      attributes.clear();
    }

    @Override
    public boolean isNew() {
      return false;
    }
  }

  private static final String ATTRIBUTE = CsrfTokens.class.getName();

  private final StubSession session = withToken("abc");

  @Test
  void theSessionsTokenAsASubprotocolMatches() {
    assertTrue(CsrfTokens.matches(session, List.of("candy-token-abc")));
    assertTrue(CsrfTokens.matches(session, List.of("candy-ws, candy-token-abc")));
    assertTrue(CsrfTokens.matches(session, List.of("candy-token-abc,candy-ws")));
    assertTrue(CsrfTokens.matches(session, List.of(" candy-ws ,  candy-token-abc  ")));
    assertTrue(CsrfTokens.matches(session, List.of("candy-ws", "candy-token-abc")));
    assertTrue(CsrfTokens.matches(session, List.of("candy-token-wrong, candy-token-abc")));
  }

  @Test
  void aWrongTokenDoesNotMatch() {
    assertFalse(CsrfTokens.matches(session, List.of("candy-token-abd")));
    assertFalse(CsrfTokens.matches(session, List.of("candy-token-ab")));
    assertFalse(CsrfTokens.matches(session, List.of("candy-token-abcd")));
    assertFalse(CsrfTokens.matches(session, List.of("candy-token-ABC")));
    assertFalse(CsrfTokens.matches(session, List.of("candy-ws, candy-token-")));
    assertFalse(CsrfTokens.matches(session, List.of("abc")));
    assertFalse(CsrfTokens.matches(session, List.of("candy-ws abc")));
    assertFalse(CsrfTokens.matches(session, List.of("x-candy-token-abc")));
  }

  @Test
  void aMissingTokenDoesNotMatch() {
    assertFalse(CsrfTokens.matches(session, List.of("candy-ws")));
    assertFalse(CsrfTokens.matches(session, List.of("")));
    assertFalse(CsrfTokens.matches(session, List.of()));
    assertFalse(CsrfTokens.matches(session, null));
  }

  @Test
  void aSessionWithoutATokenMatchesNothing() {
    StubSession empty = new StubSession();
    assertFalse(CsrfTokens.matches(empty, List.of("candy-token-abc")));
    assertFalse(CsrfTokens.matches(empty, List.of("candy-token-")));

    StubSession notAString = new StubSession();
    notAString.setAttribute(ATTRIBUTE, "abc".toCharArray());
    assertFalse(CsrfTokens.matches(notAString, List.of("candy-token-abc")));

    StubSession otherAttribute = new StubSession();
    otherAttribute.setAttribute("csrf", "abc");
    assertFalse(CsrfTokens.matches(otherAttribute, List.of("candy-token-abc")));
  }

  @Test
  void noSessionMatchesNothing() {
    assertFalse(CsrfTokens.matches(null, List.of("candy-token-abc")));
    assertFalse(CsrfTokens.matches("not a session", List.of("candy-token-abc")));
    assertFalse(CsrfTokens.matches(Map.of(ATTRIBUTE, "abc"), List.of("candy-token-abc")));
  }

  @Test
  void aRealisticTokenMatches() {
    String token = "Zm9vYmFyYmF6cXV4LV9fLS1fMTIzNDU2";
    StubSession real = withToken(token);

    assertTrue(
        CsrfTokens.matches(
            real, Arrays.asList("candy-ws", "chat.v1, " + CsrfTokens.PROTOCOL_PREFIX + token)));
    assertFalse(CsrfTokens.matches(real, List.of("candy-ws, candy-token-abc")));
  }

  private static StubSession withToken(String token) {
    StubSession session = new StubSession();
    session.setAttribute(ATTRIBUTE, token);
    return session;
  }
}
