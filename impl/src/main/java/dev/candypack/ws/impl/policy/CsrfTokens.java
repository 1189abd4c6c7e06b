package dev.candypack.ws.impl.policy;

import dev.candypack.ws.CandyCsrf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * CSRF tokens bound to the HTTP session: the application hands the token to its pages, the browser
 * client sends it back as a {@code candy-token-<token>} subprotocol entry.
 */
@ApplicationScoped
public class CsrfTokens implements CandyCsrf {

  /** The subprotocol prefix that carries the token. */
  public static final String PROTOCOL_PREFIX = "candy-token-";

  private static final String SESSION_ATTRIBUTE = CsrfTokens.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject HttpServletRequest request;

  @Override
  public String token() {
    HttpSession session = request.getSession(true);
    synchronized (session) {
      Object token = session.getAttribute(SESSION_ATTRIBUTE);
      if (token instanceof String existing) {
        return existing;
      }
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(SESSION_ATTRIBUTE, created);
      return created;
    }
  }

  /**
   * Whether a handshake carries its session's token.
   *
   * @param httpSession the handshake's HTTP session, or {@code null}
   * @param protocolHeaders the values of its {@code Sec-WebSocket-Protocol} headers
   * @return {@code true} when a {@code candy-token-} entry equals the session's token
   */
  public static boolean matches(Object httpSession, List<String> protocolHeaders) {
    if (!(httpSession instanceof HttpSession session) || protocolHeaders == null) {
      return false;
    }
    Object expected = session.getAttribute(SESSION_ATTRIBUTE);
    if (!(expected instanceof String token)) {
      return false;
    }
    byte[] expectedBytes = token.getBytes(StandardCharsets.US_ASCII);
    for (String header : protocolHeaders) {
      for (String protocol : header.split(",")) {
        String entry = protocol.trim();
        if (entry.startsWith(PROTOCOL_PREFIX)
            && MessageDigest.isEqual(
                expectedBytes,
                entry.substring(PROTOCOL_PREFIX.length()).getBytes(StandardCharsets.US_ASCII))) {
          return true;
        }
      }
    }
    return false;
  }
}
