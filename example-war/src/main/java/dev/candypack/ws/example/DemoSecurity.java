package dev.candypack.ws.example;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/**
 * The example's users, all with the password {@code secret}: {@code alice} (roles {@code user} and
 * {@code editor}), {@code bob} ({@code user}) and {@code ada} ({@code user} and {@code
 * candy-ws-admin}, the dashboard's role). A real application would use a database or LDAP identity
 * store. {@link DemoLogin} checks them, for HTTP Basic and for the session login of {@link
 * LoginResource}.
 *
 * <p>{@code @DeclareRoles} names the roles candy-ws asks about during a handshake, so that {@code
 * candy.auth().inRole(…)} answers for them while the connection lasts.
 */
@ApplicationScoped
@DeclareRoles({"user", "editor", "candy-ws-admin"})
public class DemoSecurity implements IdentityStore {

  private static final Map<String, Set<String>> ROLES =
      Map.of(
          "alice",
          Set.of("user", "editor"),
          "bob",
          Set.of("user"),
          "ada",
          Set.of("user", "candy-ws-admin"));

  /**
   * Checks a user name and password.
   *
   * @param credential what the client sent
   * @return valid with the user's name and roles, or invalid
   */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    Set<String> roles = ROLES.get(credential.getCaller());
    if (roles != null && credential.compareTo(credential.getCaller(), "secret")) {
      return new CredentialValidationResult(credential.getCaller(), roles);
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}
