package dev.candypack.ws.impl.context;

import dev.candypack.ws.CandyAuth;
import java.security.Principal;
import java.util.Optional;

/**
 * The authenticated user of a handshake, as the container saw it.
 *
 * @param principal the user, or {@code null} when anonymous
 */
public record UserAuth(Principal principal) implements CandyAuth {

  @Override
  public boolean check() {
    return principal != null;
  }

  @Override
  public Optional<Principal> user() {
    return Optional.ofNullable(principal);
  }
}
