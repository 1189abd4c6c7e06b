package dev.candypack.ws.example;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/**
 * The example's users, for HTTP Basic through Jakarta Security: {@code alice/secret} and {@code
 * bob/secret} (role {@code user}), and {@code ada/secret}, who also has {@code candy-ws-admin}, the
 * dashboard's role. A real application would use a database or LDAP identity store.
 */
@ApplicationScoped
@DeclareRoles({"user", "candy-ws-admin"})
@BasicAuthenticationMechanismDefinition(realmName = "candy-ws example")
public class DemoSecurity implements IdentityStore {

  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "secret", "bob", "secret", "ada", "secret");
  private static final Map<String, Set<String>> ROLES =
      Map.of("ada", Set.of("user", "candy-ws-admin"));

  /**
   * Checks a user name and password.
   *
   * @param credential what the client sent
   * @return valid with the user's name, or invalid
   */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    String expected = PASSWORDS.get(credential.getCaller());
    if (expected != null && credential.compareTo(credential.getCaller(), expected)) {
      return new CredentialValidationResult(
          credential.getCaller(), ROLES.getOrDefault(credential.getCaller(), Set.of("user")));
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}
