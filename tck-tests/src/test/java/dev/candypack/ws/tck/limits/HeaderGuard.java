package dev.candypack.ws.tck.limits;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import jakarta.enterprise.context.ApplicationScoped;

/** Allows a connection whose handshake has the header {@code X-Guard: yes}. */
@ApplicationScoped
public class HeaderGuard implements CandyGuard {
  @Override
  public boolean allow(Candy candy) {
    return "yes".equals(candy.request().header("x-guard"));
  }
}
