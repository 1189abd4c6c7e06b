package dev.candypack.ws.tck.limits;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/** HTTP Basic users: alice (user, admin) and bob (user), both with password secret. */
@ApplicationScoped
@DeclareRoles({"user", "admin"})
@BasicAuthenticationMechanismDefinition(realmName = "candy-ws tests")
public class LimitsSecurity implements IdentityStore {

  private static final Map<String, Set<String>> ROLES =
      Map.of("alice", Set.of("user", "admin"), "bob", Set.of("user"));

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
