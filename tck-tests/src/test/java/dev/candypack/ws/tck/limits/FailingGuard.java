package dev.candypack.ws.tck.limits;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import jakarta.enterprise.context.ApplicationScoped;

/** A guard that fails. */
@ApplicationScoped
public class FailingGuard implements CandyGuard {
  @Override
  public boolean allow(Candy candy) {
    throw new IllegalStateException("the guard's database is down");
  }
}
