package dev.candypack.ws.tck.routes;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets through a handshake whose credentials it can read: {@code Authorization: Bearer guest}. */
@ApplicationScoped
public class CredentialsGuard implements CandyGuard {
  @Override
  public boolean allow(Candy candy) {
    return "Bearer guest".equals(candy.request().header("authorization"));
  }
}
