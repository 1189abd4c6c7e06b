package dev.candypack.ws.tck.dashboard;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/** HTTP Basic users: olga (ops, the dashboard's role here) and bob (user), password secret. */
@ApplicationScoped
@DeclareRoles({"user", "ops"})
@BasicAuthenticationMechanismDefinition(realmName = "candy-ws dashboard tests")
public class DashboardSecurity implements IdentityStore {

  private static final Map<String, Set<String>> ROLES =
      Map.of("olga", Set.of("ops"), "bob", Set.of("user"));

  /**
   * Checks a user name and password.
   *
   * @param credential what the client sent
   * @return valid with the user's roles, or invalid
   */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    Set<String> roles = ROLES.get(credential.getCaller());
    if (roles != null && credential.compareTo(credential.getCaller(), "secret")) {
      return new CredentialValidationResult(credential.getCaller(), roles);
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}
