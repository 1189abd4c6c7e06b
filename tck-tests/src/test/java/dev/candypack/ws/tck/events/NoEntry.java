package dev.candypack.ws.tck.events;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import jakarta.enterprise.context.ApplicationScoped;

/** A guard that refuses every connection. */
@ApplicationScoped
public class NoEntry implements CandyGuard {
  @Override
  public boolean allow(Candy candy) {
    return false;
  }
}
