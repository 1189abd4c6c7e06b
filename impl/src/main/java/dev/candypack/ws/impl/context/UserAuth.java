package dev.candypack.ws.impl.context;

import dev.candypack.ws.CandyAuth;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The authenticated user of a handshake, as the container saw it.
 *
 * @param principal the user, or {@code null} when anonymous
 * @param roles the declared roles the user was in at the handshake
 * @param declared whether the application declares a role (it reports one it does not)
 */
public record UserAuth(Principal principal, Set<String> roles, Predicate<String> declared)
    implements CandyAuth {

  /**
   * Copies the roles.
   *
   * @param principal the user, or {@code null} when anonymous
   * @param roles the declared roles the user was in at the handshake
   * @param declared whether the application declares a role
   */
  public UserAuth {
    roles = Set.copyOf(roles);
  }

  @Override
  public boolean check() {
    return principal != null;
  }

  @Override
  public Optional<Principal> user() {
    return Optional.ofNullable(principal);
  }

  @Override
  public boolean inRole(String role) {
    // Asked first, so that a role the application never declared is reported.
    return role != null && declared.test(role) && roles.contains(role);
  }
}
