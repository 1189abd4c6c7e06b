package dev.candypack.ws.example;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Who the user of a request is, WebSocket handshakes included: the user a session logged in with
 * ({@link LoginResource}, the way a page signs in), else the user of an HTTP Basic {@code
 * Authorization} header (the way the tests and scripts sign in), else nobody. Sockets opened under
 * a logged-in session are closed with 4001 "Session ended" when the session ends (a logout, or it
 * expires).
 */
@ApplicationScoped
public class DemoLogin implements HttpAuthenticationMechanism {

  /** The session attribute that holds the logged-in user's name. */
  static final String USER = "demo.user";

  /** The session attribute that holds the user's roles, comma-separated. */
  static final String ROLES = "demo.roles";

  private static final String BASIC = "Basic ";

  @Inject IdentityStoreHandler identities;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(USER) instanceof String user) {
      String roles = (String) session.getAttribute(ROLES);
      return context.notifyContainerAboutLogin(
          user, roles.isEmpty() ? Set.of() : Set.of(roles.split(",")));
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return context.doNothing();
    }
    CredentialValidationResult result = identities.validate(basic(header));
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      return context.notifyContainerAboutLogin(result);
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"candy-ws example\"");
    return context.responseUnauthorized();
  }

  private static UsernamePasswordCredential basic(String header) {
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      pair = "";
    }
    int colon = pair.indexOf(':');
    return colon < 0
        ? new UsernamePasswordCredential(pair, "")
        : new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
  }
}
